import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileCatalog } from '../../scripts/compile-catalog';

function withCatalog(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-catalog-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, 'catalog', name)), { recursive: true });
    fs.writeFileSync(path.join(root, 'catalog', name), text);
  }
  return root;
}

function capture(fn: () => boolean): { ok: boolean; stderr: string } {
  const original = console.error;
  const lines: string[] = [];
  console.error = (...a: unknown[]) => lines.push(a.join(' '));
  const log = console.log;
  console.log = () => undefined;
  try {
    return { ok: fn(), stderr: lines.join('\n') };
  } finally {
    console.error = original;
    console.log = log;
  }
}

describe('catalog build step', () => {
  it('fails on invalid YAML, naming the file and line, and writes no JSON', () => {
    const root = withCatalog({ 'gpus/bad.yaml': 'gpus:\n  - id: x\n    name: "unterminated\n' });
    const out = path.join(root, 'dist', 'catalog.json');
    const r = capture(() => compileCatalog(root, out));
    assert.equal(r.ok, false);
    assert.match(r.stderr, /catalog\/gpus\/bad\.yaml:\d+:\d+: invalid YAML/);
    assert.equal(fs.existsSync(out), false);
  });

  it('compiles the real catalog to JSON', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-out-')), 'catalog.json');
    const r = capture(() => compileCatalog(process.cwd(), out));
    assert.equal(r.ok, true, r.stderr);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    const glossary = JSON.parse(fs.readFileSync(path.join(path.dirname(out), 'glossary.json'), 'utf8'));
    assert.ok(glossary.length >= 30 && json.models.length >= 10);
    assert.equal(json.glossary, undefined, 'the glossary is in its own file');
  });
});
