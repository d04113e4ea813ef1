import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultSettings, SETTINGS, sanitizeSettings, type SettingSpec } from '../../server/src/protocol/settings';

// The settings table in server/src/protocol/settings.ts is the one declaration; package.json's
// contributes.configuration must say exactly the same, key by key.
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;
/** VS Code's own client settings, which the server never reads. */
const CLIENT_ONLY = new Set(['runlocalai.trace.server']);

function manifestType(spec: SettingSpec): unknown {
  if (spec.type === 'string[]') return 'array';
  if (spec.type === 'string' || spec.type === 'boolean') return spec.type;
  return spec.nullable ? [spec.type, 'null'] : spec.type;
}

export function tableDisagreements(table: readonly SettingSpec[], props: Record<string, Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const spec of table) {
    const key = `runlocalai.${spec.key}`;
    const p = props[key];
    if (!p) {
      out.push(`${key} is in the table but not in package.json`);
      continue;
    }
    const same = (what: string, a: unknown, b: unknown) => {
      if (JSON.stringify(a) !== JSON.stringify(b))
        out.push(`${key} ${what}: table ${JSON.stringify(a)}, package.json ${JSON.stringify(b)}`);
    };
    same('type', manifestType(spec), p.type);
    same('default', spec.default, p.default);
    same('description', spec.description, p.markdownDescription ?? p.description);
    if (spec.type === 'integer' || spec.type === 'number') {
      same('minimum', spec.minimum, p.minimum);
      same('maximum', spec.maximum, p.maximum);
    }
    if (spec.type === 'string') {
      same('maxLength', spec.maxLength, p.maxLength);
      same('enum', spec.enum, p.enum);
    }
    if (spec.type === 'string[]') same('maxItems', spec.maxItems, p.maxItems);
  }
  for (const key of Object.keys(props)) {
    if (CLIENT_ONLY.has(key)) continue;
    if (!table.some((s) => `runlocalai.${s.key}` === key)) out.push(`${key} is in package.json but not in the table`);
  }
  return out;
}

describe('the settings table', () => {
  it('says what package.json says, key by key', () => {
    assert.deepEqual(tableDisagreements(SETTINGS, properties), []);
  });

  it('notices a drift in either direction', () => {
    const drifted = structuredClone(properties);
    drifted['runlocalai.gpuCount'].maximum = 1000;
    drifted['runlocalai.newThing'] = { type: 'string', default: '' };
    delete drifted['runlocalai.ramGB'];
    const found = tableDisagreements(SETTINGS, drifted).join('\n');
    assert.match(found, /gpuCount maximum: table 64, package.json 1000/);
    assert.match(found, /runlocalai\.newThing is in package.json but not in the table/);
    assert.match(found, /runlocalai\.ramGB is in the table but not in package.json/);
  });

  it('keeps values inside their bounds: a GPU count of a million or a 50 KB GPU name falls back to the default', () => {
    const s = sanitizeSettings({ gpuCount: 1e6, gpu: 'x'.repeat(50_000), vramGB: 1e9, ramGB: -3 });
    assert.deepEqual(s, { ...defaultSettings, gpu: 'auto', gpuCount: 1, vramGB: null, ramGB: null, ramBasis: 'total' });
    assert.deepEqual(sanitizeSettings({ gpuCount: 64, gpu: ' RTX 4090 ', vramGB: 24, ramGB: 0 }), {
      ...defaultSettings,
      gpu: 'RTX 4090',
      gpuCount: 64,
      vramGB: 24,
      ramGB: null,
      ramBasis: 'total',
    });
    assert.equal(sanitizeSettings({ ramBasis: 'available' }).ramBasis, 'available');
    assert.equal(sanitizeSettings({ ramBasis: 'free' }).ramBasis, 'total', 'a value outside the enum');
  });
});
