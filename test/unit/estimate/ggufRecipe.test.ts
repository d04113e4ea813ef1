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
    assert.deepEqual(parseGgufRecipe('q4_k_l'), { ftype: 'Q4_K_M', tokenEmbeddingType: 'q8_0', outputType: 'q8_0' });
    assert.deepEqual(parseGgufRecipe('Q6_K_L'), { ftype: 'Q6_K', tokenEmbeddingType: 'q8_0', outputType: 'q8_0' });
    assert.deepEqual(parseGgufRecipe('Q2_K_L'), { ftype: 'Q2_K', tokenEmbeddingType: 'q8_0', outputType: 'q8_0' });
    // No such bartowski label: not silently read as some other recipe.
    assert.equal(parseGgufRecipe('Q4_K_XXL'), undefined);
    assert.equal(parseGgufRecipe('Q5_K_XL_L'), undefined);
    assert.equal(parseGgufRecipe('MXFP4')?.ftype, 'MXFP4_MOE');
    assert.equal(parseGgufRecipe('IQ4_XS')?.imatrix, true);
    assert.equal(parseGgufRecipe('Q9_Z'), undefined);
  });

  it('unsloth UD- labels take the nearest standard recipe and say so, never the bartowski variant', () => {
    assert.deepEqual(parseGgufRecipe('UD-Q4_K_XL'), { ftype: 'Q4_K_M', imatrix: true, assumedFor: 'UD-Q4_K_XL' });
    assert.deepEqual(parseGgufRecipe('UD-Q3_K_XL'), { ftype: 'Q3_K_M', imatrix: true, assumedFor: 'UD-Q3_K_XL' });
    assert.equal(parseGgufRecipe('UD-Q3_K_XL')?.outputType, undefined);
    assert.equal(parseGgufRecipe('ud-iq2_m')?.ftype, 'IQ2_M');
    assert.equal(parseGgufRecipe('UD-IQ2_M')?.assumedFor, 'UD-IQ2_M');
    assert.equal(parseGgufRecipe('Q4_K_XL')?.assumedFor, 'Q4_K_XL');
    assert.equal(parseGgufRecipe('UD-Q9_K_XL'), undefined);
  });

  it('_L variants store embeddings and output as Q8_0 and leave every other tensor as the base recipe', () => {
    for (const [variant, base] of [
      ['Q4_K_L', 'Q4_K_M'],
      ['Q5_K_L', 'Q5_K_M'],
      ['Q3_K_XL', 'Q3_K_L'],
    ] as const) {
      const withEdges = ggufTensorTypes(mistralLarge, parseGgufRecipe(variant)!);
      const standard = ggufTensorTypes(mistralLarge, { ftype: base });
      assert.equal(withEdges.length, standard.length);
      for (let i = 0; i < standard.length; i++) {
        const name = standard[i].tensor.name;
        if (name === 'token_embd.weight' || name === 'output.weight') {
          assert.equal(withEdges[i].type, 'q8_0', `${variant} ${name}`);
          assert.notEqual(standard[i].type, 'q8_0', `${base} ${name}`);
        } else assert.equal(withEdges[i].type, standard[i].type, `${variant} ${name}`);
      }
    }
  });

  it('tied embeddings: the one shared tensor is Q8_0 in Q4_K_L and Q6_K in Q4_K_M', () => {
    const tied: Architecture = { ...mistralLarge, layers: 4, tiedEmbeddings: true };
    const typeOf = (r: GgufRecipe) => ggufTensorTypes(tied, r).find((t) => t.tensor.name === 'token_embd.weight')?.type;
    assert.equal(typeOf(parseGgufRecipe('Q4_K_L')!), 'q8_0');
    assert.equal(typeOf({ ftype: 'Q4_K_M' }), 'q6_k');
  });
});
