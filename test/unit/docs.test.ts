import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readCatalogSources } from '../../scripts/catalog-files';
import { formatProblem, loadCatalogFiles } from '../../server/src/engine/catalog/load';
import { DIAGNOSTIC_CODES } from '../../server/src/engine/diagnostics/codes';
import { SETTINGS } from '../../server/src/protocol/settings';

const readme = fs.readFileSync('README.md', 'utf8');

/** Rows of the Markdown table under a heading: the first cell of each row, unquoted. */
function tableRows(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no "## ${heading}" section`);
  const rest = markdown.slice(start + heading.length + 5);
  const section = rest.slice(0, rest.search(/\n## /) >>> 0 || rest.length);
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !/^\|[-| :]+\|$/.test(l))
    .slice(1)
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.replace(/`/g, '').trim()),
    );
}

describe('docs that must not drift', () => {
  it("the README's table of diagnostic codes is the registry", () => {
    const rows = tableRows(readme, 'Diagnostic codes');
    assert.deepEqual(
      rows.map((r) => r[0]),
      Object.keys(DIAGNOSTIC_CODES),
    );
    for (const [code, severity, meaning] of rows) {
      const info = DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES];
      assert.equal(severity, info.severity, code);
      assert.equal(meaning, info.description, code);
    }
  });

  it("the README's settings table lists every setting of the table", () => {
    const rows = tableRows(readme, 'Settings').map((r) => r[0]);
    for (const s of SETTINGS) assert.ok(rows.includes(`runlocalai.${s.key}`), `runlocalai.${s.key} is not in the README`);
  });

  it("the README's catalog counts are the catalog's", () => {
    const loaded = loadCatalogFiles(readCatalogSources(process.cwd()));
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.problems.map(formatProblem).join('\n'));
    const { models, gpus, quantizations, glossary, errors } = loaded.catalog;
    // Prose wraps anywhere: the sentence is read with line breaks as spaces.
    const flat = readme.replace(/\s+/g, ' ');
    const start = flat.indexOf('The catalog knows ');
    assert.ok(start >= 0, 'the README has no "The catalog knows" sentence');
    const text = flat.slice(start, flat.indexOf('prints the counts', start));
    const count = (what: string) => {
      const m = new RegExp(`(\\d+) ${what}`).exec(text);
      assert.ok(m, `the README gives no count of ${what}`);
      return Number(m[1]);
    };
    assert.equal(count('models'), models.length, 'models');
    assert.equal(count('GPUs and SoCs'), gpus.length, 'GPUs');
    for (const [vendor, label] of [
      ['nvidia', 'NVIDIA'],
      ['amd', 'AMD'],
      ['intel', 'Intel'],
      ['apple', 'Apple'],
    ]) {
      assert.equal(count(label), gpus.filter((g) => g.vendor === vendor).length, label);
    }
    assert.equal(count('quantizations'), quantizations.length, 'quantizations');
    assert.equal(count('glossary terms'), glossary.length, 'glossary terms');
    assert.equal(count('error-KB entries'), errors.length, 'KB entries');
  });

  it('the README (the marketplace page) links nothing outside the repository', () => {
    assert.doesNotMatch(readme, /\]\(\.\.\//);
    assert.doesNotMatch(readme, /shared\/DESIGN/);
  });

  it('every file ARCHITECTURE.md and CONTRIBUTING.md name exists', () => {
    for (const doc of ['ARCHITECTURE.md', 'CONTRIBUTING.md', 'docs/lsp-extensions.md']) {
      const text = fs.readFileSync(doc, 'utf8');
      const paths = [
        ...text.matchAll(/`((?:server|client|test|scripts|catalog|docs|engine)\/[A-Za-z0-9_./-]+\.(?:ts|mjs|md|json|yaml))`/g),
      ].map((m) => m[1]);
      assert.ok(paths.length > 0 || doc !== 'ARCHITECTURE.md', `${doc} names no files`);
      for (const p of paths) {
        const candidates = [p, `server/src/${p}`];
        assert.ok(
          candidates.some((c) => fs.existsSync(c)),
          `${doc} names ${p}, which does not exist`,
        );
      }
    }
  });
});
