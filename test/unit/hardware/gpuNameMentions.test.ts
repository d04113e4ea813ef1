import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenize } from '../../../server/src/engine/hardware/gpuTokens';
import { looseMatchGpu, matchGpu, mayScore, VARIANT } from '../../../server/src/engine/hardware/matchGpu';
import { gpuCatalog } from './gpuCatalog';

const catalog = gpuCatalog();

// matchGpu skips, untokenized, a GPU whose lower-cased names mention none of the reported core
// words. That is sound only while every core word of a name is a substring of its lower-cased text.
describe('GPU names: core words are written in the name', () => {
  it('holds for every catalog name, alias and driver name', () => {
    for (const gpu of catalog.gpus)
      for (const name of [gpu.name, ...gpu.aliases, ...(gpu.driverNames ?? [])])
        for (const word of tokenize(name).core) assert.ok(name.toLowerCase().includes(word), `${gpu.id}: "${word}" in "${name}"`);
  });

  it('holds for any text, Unicode and odd separators included', () => {
    const piece = fc.oneof(
      fc.constantFrom('RTX', 'rtx4090', 'Ti', 'MI300X', 'A100-SXM4-40GB', '(rev a1)', 'Max-Q', 'İ', 'K', 'ß', 'ﬁ', '٤٠٩٠', ' ', '/', '_'),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const lower = text.toLowerCase();
        for (const word of tokenize(text).core) assert.ok(lower.includes(word), `"${word}" in ${JSON.stringify(text)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('matches a name however it is cased, as the catalog spells it', () => {
    for (const gpu of catalog.gpus)
      for (const typed of [gpu.name.toUpperCase(), gpu.name.toLowerCase()]) {
        const asSpelled = matchGpu(gpu.name, undefined, catalog)?.gpu.id;
        assert.ok(asSpelled, gpu.name);
        assert.equal(matchGpu(typed, undefined, catalog)?.gpu.id, asSpelled, typed);
        assert.equal(looseMatchGpu(typed, catalog)?.gpu.id, looseMatchGpu(gpu.name, catalog)?.gpu.id, typed);
      }
  });
});

// matchGpu also skips, untokenized, a GPU whose names lack a number or variant word of the reported
// name (mayScore): sound only if no name of such a GPU could have scored against it.
describe('GPU names: a GPU skipped for a missing number or variant word could not have matched', () => {
  const decisive = (t: string) => /^[0-9]/.test(t) || VARIANT.has(t);
  const words = [...new Set(catalog.gpus.flatMap((g) => [g.name, ...g.aliases].flatMap((n) => n.split(/\s+/))))];
  const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom(...VARIANT), fc.integer({ min: 0, max: 9999 }).map(String));

  it('holds for names made of catalog words, variant words and numbers', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), (pieces) => {
        const reported = tokenize(pieces.join(' '));
        for (const gpu of catalog.gpus) {
          if (mayScore(gpu, reported)) continue;
          for (const name of [gpu.name, ...gpu.aliases, ...(gpu.driverNames ?? [])]) {
            const n = tokenize(name);
            const coreReported = [...n.core].every((t) => reported.core.has(t));
            const decisiveHeld = [...reported.core].filter(decisive).every((t) => n.core.has(t));
            assert.ok(n.core.size === 0 || !coreReported || !decisiveHeld, `${gpu.id}: "${name}" could match "${pieces.join(' ')}"`);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
