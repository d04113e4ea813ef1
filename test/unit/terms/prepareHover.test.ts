import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type DocumentLike } from '../../../server/src/engine/languageService';
import type { HoverSettings, InCode } from '../../../server/src/engine/text/hoverRegions';
import { splitLines } from '../../../server/src/engine/text/words';
import { applyEdit, documentOf, edits } from '../../helpers/arbitraries';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const hardware = gpuHardware(catalog, 'RTX 4090');
const LANGUAGES = ['markdown', 'plaintext', 'python', 'yaml', 'typescript', 'html', 'modelfile', 'json'];
const IN_CODE: InCode[] = ['commentsAndStrings', 'everywhere', 'off'];
const vocabulary = ['KV cache', 'GGUF', 'RTX 4090', 'llama3.1:8b', '#', '//', '"', '```python', '```', '<!--', '-->', 'fine-', 'tuning'];
const settings = fc.record({ enabled: fc.boolean(), inCode: fc.constantFrom(...IN_CODE) });

const unprepared = createLanguageService({ catalog });

/** Every hover a document gives, from a language service that has not seen this document before. */
function freshHovers(doc: DocumentLike, hover: HoverSettings) {
  unprepared.forget(doc.uri);
  return allHovers(unprepared, doc, hover);
}

function allHovers(service: ReturnType<typeof createLanguageService>, doc: DocumentLike, hover: HoverSettings) {
  const out: (string | undefined)[] = [];
  splitLines(doc.getText()).forEach((line, n) => {
    for (let c = 0; c <= line.length; c += 4) {
      const h = service.doHover(doc, { line: n, character: c }, hardware, undefined, hover);
      out.push(h && `${JSON.stringify(h.range)} ${h.markdown.slice(0, 60)}`);
    }
  });
  return out;
}

// prepareHover does the first hover's work ahead of it; what a hover answers must not depend on
// whether it ran, with which settings, or on which earlier version.
describe('prepareHover', function () {
  this.timeout(120_000);
  const service = createLanguageService({ catalog });

  it('leaves every hover of every version as a fresh language service gives it', () => {
    let version = 0;
    fc.assert(
      fc.property(
        documentOf(vocabulary),
        fc.constantFrom(...LANGUAGES),
        edits(vocabulary, 3),
        settings,
        settings,
        (initial, languageId, changes, prepared, asked) => {
          const uri = `file:///prepare/${languageId}/doc`;
          let text = initial;
          for (let v = 0; v <= changes.length; v++) {
            if (v > 0) text = applyEdit(text, changes[v - 1]);
            const current = text;
            const doc = { uri, version: ++version, languageId, getText: () => current };
            service.prepareHover(doc, prepared);
            assert.deepEqual(allHovers(service, doc, asked), freshHovers(doc, asked));
          }
          service.forget(uri);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads a version once: the hovers after it read nothing again', () => {
    let reads = 0;
    const text = '# Notes\n\nThe KV cache grows with the context.\n';
    const doc = { uri: 'file:///prepare/notes.md', version: 1, languageId: 'markdown', getText: () => (reads++, text) };
    service.prepareHover(doc);
    assert.equal(reads, 1);
    assert.match(service.doHover(doc, { line: 2, character: 6 }, hardware)?.markdown ?? '', /### KV cache/);
    assert.equal(reads, 1);
    service.forget(doc.uri);
    service.prepareHover(doc);
    assert.equal(reads, 2, 'a closed document is read again');
  });
});
