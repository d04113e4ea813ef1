import * as assert from 'node:assert/strict';
import { loadCatalogFiles } from '../../../server/src/engine/catalog/load';
import { testCatalog } from '../../helpers/catalog';

describe('catalog loading', () => {
  it('names the file and line of invalid YAML', () => {
    const r = loadCatalogFiles([{ path: 'catalog/bad.yaml', text: 'glossary:\n  - id: a\n    term: [unclosed\n' }]);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problems[0].path, 'catalog/bad.yaml');
    assert.match(r.problems[0].message, /invalid YAML/);
    assert.ok(r.problems[0].line >= 3, `line ${r.problems[0].line}`);
  });

  it('names the line of a field that breaks the schema', () => {
    const text = [
      'gpus:',
      '  - id: x',
      '    name: XYZ card',
      '    vendor: nvidia',
      '    memoryGiB: -3',
      '    bandwidthGBs: 100',
      '    sources: [{title: spec page, url: "https://example.com"}]',
      '',
    ].join('\n');
    const r = loadCatalogFiles([{ path: 'catalog/gpus/x.yaml', text }]);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problems[0].line, 5);
    assert.match(r.problems[0].message, /gpus\[0\]\.memoryGiB/);
  });

  it('rejects references to entries that do not exist', () => {
    const text = [
      'glossary:',
      '  - id: t',
      '    term: Term',
      '    category: Evaluation',
      '    tier: 1',
      '    definition: A definition long enough to pass the schema check here.',
      '    workflow: {tool: a tool, text: a workflow text long enough}',
      '    deeperDive: A deeper dive long enough to pass the schema check here.',
      '    example: An example long enough.',
      '    related: [missing-term]',
      '    sources: [{title: a source, url: "https://example.com"}]',
    ].join('\n');
    const r = loadCatalogFiles([{ path: 'g.yaml', text }]);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problems[0].message, /unknown term "missing-term"/);
  });

  it('loads the real catalog with the seed content the product promises', () => {
    const c = testCatalog();
    assert.ok(c.glossary.length >= 30, `${c.glossary.length} terms`);
    assert.ok(c.models.length >= 10, `${c.models.length} models`);
    assert.ok(c.gpus.length >= 15, `${c.gpus.length} GPUs`);
    for (const id of ['cuda-out-of-memory', 'ollama-running-slowly', 'rocm-not-detected']) {
      assert.ok(
        c.errors.some((e) => e.id === id),
        `missing KB entry ${id}`,
      );
    }
    for (const g of c.glossary) assert.ok(g.deeperDive && g.example && g.sources.length, g.id);
  });
});
