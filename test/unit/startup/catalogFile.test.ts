import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { glossaryFileFor, loadBundledCatalog, loadCatalogFile } from '../../../server/src/catalogFile';
import { testCatalog } from '../../helpers/catalog';

// The build writes the catalog in two files, the glossary apart: `check` reads only catalog.json.
describe('the compiled catalog in two files', () => {
  let work: string;
  beforeEach(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-catalog-file-'))));
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('loads the same catalog as the YAML, glossary and all, read at once or on first use', () => {
    assert.ok(
      !('glossary' in JSON.parse(fs.readFileSync(path.resolve('dist/catalog.json'), 'utf8'))),
      'dist/catalog.json holds no glossary',
    );
    const yaml = testCatalog();
    for (const loading of ['eager', 'on-first-use'] as const) {
      const loaded = loadBundledCatalog(path.resolve('dist'), loading);
      assert.deepEqual(loaded.models, yaml.models);
      assert.deepEqual(loaded.gpus, yaml.gpus);
      assert.deepEqual(loaded.quantizations, yaml.quantizations);
      assert.deepEqual(loaded.errors, yaml.errors);
      assert.deepEqual(loaded.glossary, yaml.glossary, loading);
      assert.equal(loaded.glossary, loaded.glossary, 'read once');
    }
  });

  it('reads the glossary on first use only, and names the file it cannot read', () => {
    const file = path.join(work, 'catalog.json');
    fs.copyFileSync(path.resolve('dist/catalog.json'), file);
    const catalog = loadCatalogFile(file, 'on-first-use');
    assert.ok(catalog.models.length > 10, 'models without any glossary file');
    assert.throws(
      () => catalog.glossary,
      (err: Error) => err.message.includes(glossaryFileFor(file)) && /npm run build/.test(err.message),
    );
    fs.copyFileSync(path.resolve('dist/glossary.json'), glossaryFileFor(file));
    assert.deepEqual(catalog.glossary, testCatalog().glossary, 'a failed read is not remembered');
    assert.throws(
      () => loadCatalogFile(path.join(work, 'elsewhere', 'catalog.json'), 'on-first-use'),
      /cannot read the RunLocalAI catalog/,
    );
    fs.rmSync(glossaryFileFor(file));
    assert.throws(
      () => loadCatalogFile(file, 'eager'),
      (err: Error) => err.message.includes(glossaryFileFor(file)),
    );
  });

  it('reads a catalog.json that holds its glossary (the benchmark’s scaled one) whole', () => {
    const file = path.join(work, 'catalog.json');
    const whole = { ...JSON.parse(fs.readFileSync(path.resolve('dist/catalog.json'), 'utf8')), glossary: [testCatalog().glossary[0]] };
    fs.writeFileSync(file, JSON.stringify(whole));
    for (const loading of ['eager', 'on-first-use'] as const) assert.deepEqual(loadCatalogFile(file, loading).glossary, whole.glossary);
  });
});
