import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The engine is pure (DESIGN.md): it is given data and text and returns data. IO and editor
// APIs belong to the shells, so an import of them under server/src/engine fails this test.
const BANNED =
  /^(node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https|os|cluster|dgram)$|^vscode$|^vscode-languageserver|^vscode-languageclient|^systeminformation$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function bannedImports(text: string): string[] {
  const specs = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ];
  return specs.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]).filter((s) => BANNED.test(s));
}

describe('engine purity', () => {
  it('detects a banned import when one is written', () => {
    assert.deepEqual(bannedImports("import * as fs from 'node:fs';\nimport { x } from './x';"), ['node:fs']);
    assert.deepEqual(bannedImports("const cp = require('child_process');"), ['child_process']);
    assert.deepEqual(bannedImports("import type { Connection } from 'vscode-languageserver/node';"), ['vscode-languageserver/node']);
  });

  it('has no IO or editor imports under server/src/engine', () => {
    const files = sourceFiles(path.resolve('server/src/engine'));
    assert.ok(files.length > 10, 'engine sources not found (run mocha from the repository root)');
    const offenders = files.flatMap((f) =>
      bannedImports(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(process.cwd(), f)}: ${s}`),
    );
    assert.deepEqual(offenders, []);
  });
});
