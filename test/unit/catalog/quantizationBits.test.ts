import * as assert from 'node:assert/strict';
import type { Quantization } from '../../../server/src/engine/catalog/schema';
import { hardwareCatalog } from './ownCatalog';

/**
 * The bits-per-weight band each quantization name promises. Whole files of the 2- and 3-bit
 * K-quant mixes sit well above the nominal width because llama.cpp keeps embeddings, the
 * output tensor and parts of attention at wider types, so their bands reach higher.
 */
function band(q: Quantization): [number, number] | undefined {
  // unsloth's UD- labels promise the width of the label they carry.
  const id = q.id.toUpperCase().replace(/^UD-/, '');
  // i-quants sit at their nominal width or a little above it (IQ2_XXS is 2.06 bits, IQ3_S 3.44).
  const iq = /^IQ(\d)_/.exec(id);
  if (iq) return [Number(iq[1]), Number(iq[1]) + 1];
  // Ternary: five trits a byte (1.6875 bits) or two bits a weight, plus one f16 scale per 256.
  if (id === 'TQ1_0') return [1.6, 1.75];
  if (id === 'TQ2_0') return [2, 2.1];
  const k = /^I?Q(\d)_/.exec(id);
  if (k) {
    const n = Number(k[1]);
    if (n === 2) return [2.5, 3.5];
    if (n === 3) return [3.25, 4.5];
    return [n, n + 1];
  }
  if (/(^|_)(F16|BF16)$/.test(id)) return [16, 16];
  if (id === 'F32') return [32, 32];
  if (id === 'MXFP4' || /INT4|NF4|4BIT/.test(id)) return [4, 5];
  if (/INT8|8BIT/.test(id)) return [8, 9];
  if (id === 'FP8') return [8, 9];
  return undefined;
}

describe('catalog quantizations', () => {
  const quants = hardwareCatalog().quantizations;

  it('includes the GGUF types Ollama and llama.cpp users meet', () => {
    const ids = new Set(quants.map((q) => q.id));
    for (const id of ['F16', 'BF16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q4_0', 'Q3_K_M', 'Q2_K', 'MXFP4']) assert.ok(ids.has(id), id);
  });

  for (const q of quants) {
    it(`${q.id}: block and whole-file bits per weight lie in the band its name promises`, () => {
      const b = band(q);
      assert.ok(b, `${q.id}: no band known for this name; add one`);
      const blockBpw = (q.blockBytes * 8) / q.blockWeights;
      assert.ok(blockBpw >= b[0] && blockBpw <= b[1], `${q.id}: block gives ${blockBpw.toFixed(4)} bpw, outside [${b[0]}, ${b[1]}]`);
      if (q.fileBitsPerWeight !== undefined) {
        assert.ok(q.fileBitsPerWeight >= b[0] && q.fileBitsPerWeight <= b[1] + 0.01, `${q.id}: file ${q.fileBitsPerWeight} bpw outside [${b[0]}, ${b[1]}]`);
        // Other tensors are kept at the same or a wider type, never a narrower one.
        assert.ok(q.fileBitsPerWeight >= blockBpw, `${q.id}: whole file (${q.fileBitsPerWeight}) smaller than its base type (${blockBpw})`);
      }
    });
  }

  it('K-quant mixes of one width share the base block of that width', () => {
    const byWidth = new Map<string, string>();
    for (const q of quants.filter((x) => /^Q\d_K(_[SML])?$/.test(x.id))) {
      const width = q.id.slice(0, 4);
      const layout = `${q.blockBytes}/${q.blockWeights}`;
      const seen = byWidth.get(width);
      assert.ok(seen === undefined || seen === layout, `${q.id}: ${layout} differs from ${seen} of the same width`);
      byWidth.set(width, layout);
      assert.equal(q.blockWeights, 256, `${q.id}: K-quants use 256-weight super-blocks`);
    }
  });

  it('offers as KV-cache types exactly those llama.cpp accepts for --cache-type-k/-v', () => {
    // common/arg.cpp kv_cache_types; Ollama's OLLAMA_KV_CACHE_TYPE takes the f16, q8_0 and q4_0 of them.
    const kv = quants.filter((q) => q.kvCache).map((q) => q.id).sort();
    assert.deepEqual(kv, ['BF16', 'F16', 'F32', 'IQ4_NL', 'Q4_0', 'Q4_1', 'Q5_0', 'Q5_1', 'Q8_0']);
  });

  it('no alias names two quantizations', () => {
    const owners = new Map<string, string>();
    for (const q of quants) {
      for (const n of new Set([q.id, ...q.aliases].map((s) => s.toLowerCase()))) {
        const other = owners.get(n);
        assert.ok(other === undefined, `"${n}" names both ${other} and ${q.id}`);
        owners.set(n, q.id);
      }
    }
  });
});
