import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits, chooseFixes } from '../../../server/src/engine/formats/applyFixes';
import { languageForPath } from '../../../server/src/engine/formats/registry';
import type { SettingName } from '../../../server/src/engine/formats/types';
import { parseTargetFile, targetHardware } from '../../../server/src/engine/formats/target';
import { GiB } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';
import { checkFile } from '../../helpers/formats';

const catalog = testCatalog();
const examples = path.resolve('examples');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

const SETTINGS: [SettingName, string][] = [
  ['context', '8192'],
  ['parallel', '2'],
  ['kvType', 'q8_0'],
  ['flashAttention', 'on'],
  ['gpuLayers', '20'],
  ['tensorParallel', '2'],
  ['gpuMemoryUtilization', '0.85'],
];

const loneLineFeeds = (s: string) => [...s].filter((c, i) => c === '\n' && s[i - 1] !== '\r').length;

describe('edits keep the line endings of the file they change', () => {
  const declared = parseTargetFile(fs.readFileSync(path.join(examples, '.runlocalai.yaml'), 'utf8'));
  const hardware = targetHardware(declared.settings!, catalog, { devices: [], source: 'setting', ramBytes: 8 * GiB }, 'examples').hardware!;
  let edited = 0;

  for (const file of files(examples)) {
    const languageId = languageForPath(file);
    if (!languageId || languageId === 'markdown') continue;
    const name = path.relative(examples, file);
    const crlf = fs.readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n');
    it(`${name} written with CRLF stays CRLF after its fixes`, () => {
      const fixes = chooseFixes(checkFile(name, crlf, hardware, languageId).result.findings);
      const fixed = applyTextEdits(
        crlf,
        fixes.flatMap((f) => f.edits ?? []),
      );
      if (fixed !== crlf) edited++;
      assert.equal(loneLineFeeds(fixed), 0, `a fix added a line ending in \\n alone:\n${JSON.stringify(fixed)}`);
      // Every setting each deployment can write, most of them keys the file does not have yet.
      for (const d of checkFile(name, crlf, hardware, languageId).parsed?.deployments ?? []) {
        for (const [setting, value] of SETTINGS) {
          const once = applyTextEdits(crlf, d.edit(setting, value));
          if (once !== crlf) edited++;
          assert.equal(loneLineFeeds(once), 0, `setting ${setting}:\n${JSON.stringify(once)}`);
        }
      }
    });
  }

  it('the examples exercised edits that add lines', () => {
    assert.ok(edited >= 20, `only ${edited} example files were changed by their fixes`);
  });

  it('leaves a file written with LF alone', () => {
    const text = 'FROM llama3.1:70b\n';
    const d = checkFile('Modelfile', text, hardware, 'modelfile').parsed!.deployments[0];
    assert.ok(d.edit('context', '8192').every((e) => !e.newText.includes('\r')));
  });
});
