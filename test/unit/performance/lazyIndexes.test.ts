import * as assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/engine/catalog/schema';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { doc, gpuHardware } from '../../helpers/documents';

/** The real catalog, with a count of reads of the lists the hover indexes are built from. */
function countingCatalog(): { catalog: Catalog; reads: Record<string, number> } {
  const real = testCatalog();
  const reads: Record<string, number> = { glossary: 0, errors: 0 };
  const catalog = { ...real } as Catalog;
  for (const key of ['glossary', 'errors'] as const) {
    Object.defineProperty(catalog, key, {
      get: () => {
        reads[key]++;
        return real[key];
      },
    });
  }
  return { catalog, reads };
}

// The server answers initialize with the language service created; the catalog's hover indexes
// are built afterwards (prepare) or by the first request that needs them, never while it starts.
describe('catalog indexes built when needed', () => {
  it('are not built when the language service is created', () => {
    const { catalog, reads } = countingCatalog();
    createLanguageService({ catalog });
    assert.deepEqual(reads, { glossary: 0, errors: 0 });
  });

  it('are built once, by the first hover, and answer it', () => {
    const { catalog, reads } = countingCatalog();
    const service = createLanguageService({ catalog });
    const hw = gpuHardware(testCatalog(), 'RTX 4090');
    const { text, position } = caret('The K|V cache grows with the context.');
    const first = service.doHover(doc(text, 'markdown'), position, hw);
    assert.match(first?.markdown ?? '', /### KV cache/);
    const afterFirst = reads.glossary;
    assert.ok(afterFirst > 0);
    service.doHover(doc('GGUF and the K|V cache'.replace('|', ''), 'markdown'), { line: 0, character: 14 }, hw);
    assert.equal(reads.glossary, afterFirst, 'the term index was built again');
  });

  it('are all built by prepare(), and a hover after it builds none again', () => {
    const { catalog, reads } = countingCatalog();
    const service = createLanguageService({ catalog });
    service.prepare();
    assert.ok(reads.glossary > 0 && reads.errors > 0, JSON.stringify(reads));
    const before = { ...reads };
    const { text, position } = caret('The K|V cache grows with the context.');
    assert.ok(service.doHover(doc(text, 'plaintext'), position, gpuHardware(testCatalog(), 'RTX 4090')));
    assert.equal(reads.glossary, before.glossary, 'the term index was built again');
  });
});
