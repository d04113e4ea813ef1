import * as assert from 'node:assert/strict';
import type { Architecture } from '../../../server/src/engine/catalog/schema';
import { readCatalogSources } from '../../../scripts/catalog-files';
import { loadCatalogFiles } from '../../../server/src/engine/catalog/load';
import { rowSize } from '../../../server/src/engine/estimate/ggmlTypes';
import { ggufTensorTypes, parseGgufRecipe, type GgufRecipe } from '../../../server/src/engine/estimate/ggufRecipe';

function typeCounts(arch: Architecture, recipe: GgufRecipe): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of ggufTensorTypes(arch, recipe)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

// Shapes printed by llm_load_print_meta in oobabooga/textgen#6398 (an 88-layer Mistral Large Q4_K_M).
const mistralLarge: Architecture = {
  layers: 88,
  hidden: 12288,
  heads: 96,
  kvHeads: 8,
  headDim: 128,
  intermediate: 28672,
  vocab: 32768,
  tiedEmbeddings: false,
  contextLength: 131072,
};

describe('GGUF recipes (llama-quantize mixtures)', () => {
  it('Q4_K_M on 88 layers gives the tensor types llama.cpp logged: 529 q4_K, 89 q6_K', () => {
    const c = typeCounts(mistralLarge, { ftype: 'Q4_K_M' });
    assert.equal(c.q4_k, 529);
    assert.equal(c.q6_k, 89);
    // norms only: 2 per layer + the final one
    assert.equal(c.f32, 88 * 2 + 1);
  });

  it('Q4_K_M with tied embeddings (Llama 3.2 3B from the catalog) gives the counts Ollama logged: 168 q4_K, 29 q6_K', () => {
    // ollama/ollama#7673 log: type q4_K 168, q6_K 29 (and 58 f32, one of them rope_freqs, which this model omits).
    const loaded = loadCatalogFiles(readCatalogSources(process.cwd()));
    assert.ok(loaded.ok, 'catalog loads');
    const llama32 = loaded.catalog.models.find((m) => m.id === 'llama3.2-3b');
    assert.ok(llama32, 'catalog has llama3.2-3b');
    const c = typeCounts(llama32.architecture, { ftype: 'Q4_K_M' });
    assert.deepEqual([c.q4_k, c.q6_k, c.f32], [168, 29, 57]);
  });

  it('Q4_0 keeps every matrix at Q4_0 but the output at Q6_K (Llama 3 8B: 225 q4_0, 1 q6_K, 65 f32 in ollama/ollama#4427)', () => {
    const llama3: Architecture = {
      layers: 32,
      hidden: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      intermediate: 14336,
      vocab: 128256,
      tiedEmbeddings: false,
      contextLength: 8192,
    };
    const c = typeCounts(llama3, { ftype: 'Q4_0' });
    assert.deepEqual([c.q4_0, c.q6_k, c.f32], [225, 1, 65]);
  });

  it('keeps the output at Q6_K and, with tied embeddings, quantizes the shared table as the output', () => {
    const tied: Architecture = { ...mistralLarge, layers: 8, tiedEmbeddings: true };
    const types = ggufTensorTypes(tied, { ftype: 'Q4_0' });
    assert.equal(types.find((t) => t.tensor.name === 'token_embd.weight')?.type, 'q6_k');
    assert.equal(
      types.find((t) => t.tensor.name === 'output.weight'),
      undefined,
    );
    const untied = ggufTensorTypes({ ...tied, tiedEmbeddings: false }, { ftype: 'Q4_0' });
    assert.equal(untied.find((t) => t.tensor.name === 'token_embd.weight')?.type, 'q4_0');
    assert.equal(untied.find((t) => t.tensor.name === 'output.weight')?.type, 'q6_k');
  });

  it('bumps attention to Q8_0 for 8-expert models and puts MXFP4 only on expert tensors', () => {
    const moe: Architecture = {
      ...mistralLarge,
      layers: 4,
      experts: { total: 8, active: 2, shared: 0, intermediate: 14336, denseLayers: 0 },
    };
    const q4 = ggufTensorTypes(moe, { ftype: 'Q4_K_M' });
    assert.ok(q4.filter((t) => t.tensor.category === 'attn_v' || t.tensor.category === 'attn_k').every((t) => t.type === 'q8_0'));
    const mx = ggufTensorTypes(moe, { ftype: 'MXFP4_MOE' });
    for (const t of mx) {
      if (t.tensor.expert) assert.equal(t.type, 'mxfp4');
      else if (t.tensor.quantizable) assert.equal(t.type, 'q8_0');
    }
  });

  it('falls back to a 32-wide type when a row does not hold whole 256-value blocks', () => {
    const narrow: Architecture = {
      layers: 2,
      hidden: 896,
      heads: 14,
      kvHeads: 2,
      headDim: 64,
      intermediate: 4864,
      vocab: 151936,
      tiedEmbeddings: true,
      contextLength: 32768,
    };
    const types = ggufTensorTypes(narrow, { ftype: 'Q4_K_M' });
    assert.equal(types.find((t) => t.tensor.name === 'blk.0.attn_q.weight')?.type, 'q5_0');
    // 896 % 32 = 0, so Q5_0 rows are whole: 28 blocks of 22 bytes.
    assert.equal(rowSize('q5_0', 896), 28 * 22);
  });

  it('reads file-name spellings and publisher variants', () => {
    assert.deepEqual(parseGgufRecipe('q4_k_m'), { ftype: 'Q4_K_M', imatrix: false });
    assert.deepEqual(parseGgufRecipe('Q5_K_L'), { ftype: 'Q5_K_M', tokenEmbeddingType: 'q8_0', outputType: 'q8_0' });
    assert.deepEqual(parseGgufRecipe('Q3_K_XL'), { ftype: 'Q3_K_L', tokenEmbeddingType: 'q8_0', outputType: 'q8_0' });
    assert.equal(parseGgufRecipe('MXFP4')?.ftype, 'MXFP4_MOE');
    assert.equal(parseGgufRecipe('IQ4_XS')?.imatrix, true);
    assert.equal(parseGgufRecipe('Q9_Z'), undefined);
  });
});
