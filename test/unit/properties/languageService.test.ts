import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { splitLines } from '../../../server/src/engine/text/words';
import { MODELFILE_WORDS, applyEdit, documentOf, edits, modelfileText } from '../../helpers/arbitraries';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { assertInside, withinLinearBound } from './bounds';

const SEQUENCES = 1000;
// A Modelfile's verdict and its fixes estimate the model at several quantizations and contexts.
const ESTIMATE_MS = 1500;
const LANGUAGES = ['modelfile', 'markdown', 'log', 'plaintext', 'python', 'yaml', 'typescript', ''];

describe('property: the language service under arbitrary documents and edit sequences', function () {
  this.timeout(300_000);

  it('never throws, stays linear, and keeps every range inside the document', () => {
    const catalog = testCatalog();
    const service = createLanguageService({ catalog });
    const hardware = [gpuHardware(catalog, 'RTX 4090'), { devices: [], source: 'pending' as const }];
    const vocabulary = [...MODELFILE_WORDS, 'KV cache', 'RTX 4090', 'CUDA out of memory', 'GGUF', 'llama3.1:70b', 'num_ctx'];
    let versions = 0;
    let calls = 0;
    fc.assert(
      fc.property(
        fc.oneof(modelfileText, documentOf(vocabulary)),
        fc.constantFrom(...LANGUAGES),
        edits(vocabulary),
        fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 200 })), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 1 }),
        (initial, languageId, changes, positions, hw) => {
          const uri = `file:///prop/${languageId || 'none'}/Modelfile`;
          let text = initial;
          for (let v = 0; v <= changes.length; v++) {
            if (v > 0) text = applyEdit(text, changes[v - 1]);
            const doc = { uri, version: ++versions, languageId, getText: () => text };
            const findings = withinLinearBound(text.length, () => service.doValidation(doc, hardware[hw]), ESTIMATE_MS);
            assertInside(
              text,
              findings.map((f) => f.range),
            );
            for (const f of findings) assert.ok(f.message.length < 2000, `a ${f.message.length}-character message`);
            const lineCount = splitLines(text).length;
            for (const [line, character] of positions) {
              const hover = withinLinearBound(
                text.length,
                () => service.doHover(doc, { line: line % lineCount, character }, hardware[hw]),
                ESTIMATE_MS,
              );
              if (hover) assertInside(text, [hover.range]);
              calls++;
            }
            const fixes = service.getFixes(doc, { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } }, hardware[hw]);
            for (const { fix } of fixes)
              assertInside(
                text,
                (fix.edits ?? []).map((e) => e.range),
              );
            calls += 2;
          }
          service.forget(uri);
        },
      ),
      { numRuns: SEQUENCES },
    );
    console.log(`      fast-check: language service: ${SEQUENCES} edit sequences, ${versions} document versions, ${calls} calls`);
    assert.ok(versions >= SEQUENCES);
  });
});
