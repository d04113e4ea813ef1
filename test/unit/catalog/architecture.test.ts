import * as assert from 'node:assert/strict';
import type { Model } from '../../../server/src/engine/catalog/schema';
import { countArchitectureParams, countModelParams, relativeError } from '../../../server/src/engine/catalog/paramCount';
import { hardwareCatalog } from './ownCatalog';

/**
 * Recounts every model's parameters from its architecture (the shared recount in
 * engine/catalog/paramCount, which `npm run catalog:check` also runs) and compares the result
 * with the official count. The per-family tolerances below are tighter than the check's 2%.
 */

/**
 * Relative tolerance per family, and why. Each is below the share of one decoder layer in the
 * model's total, so a layer count off by one falls outside it (see the typo test below).
 */
const TOLERANCE: Record<string, { total: number; why: string }> = {
  llama: { total: 0.006, why: 'counts are published to three significant figures (1.23B is 0.5% under the 1.236B recount)' },
  llama2: { total: 0.006, why: 'ollama show prints 6.7B and the card 13B and 69B, two figures (6.7B is 0.6% under the 6.74B recount)' },
  codellama: { total: 0.006, why: 'ollama show prints 6.7B, two figures, 0.6% under the 6.74B recount' },
  'llama3.2-vision': { total: 0.005, why: '10.67B with the 895M vision encoder; cross-attention layers are counted as self-attention ones' },
  'qwen2.5': { total: 0.009, why: 'cards give three figures; the 32B and 0.5B cards sit 0.8% off the recount' },
  qwen3: { total: 0.013, why: 'small sizes are published as their names (1.7B is 1.2% under the 1.72B recount)' },
  mistral: { total: 0.01, why: '"7.3B" has two significant figures (recount 7.25B)' },
  mixtral: { total: 0.005, why: 'three significant figures' },
  gemma2: { total: 0.006, why: 'three significant figures (2.6B is 0.55% under the 2.61B recount); extra post-attention norms are ignored' },
  gemma3: { total: 0.005, why: 'counts as ollama show prints them (three figures), vision tower included' },
  'qwen2.5-coder': { total: 0.009, why: 'the Qwen2.5 shapes and card counts, so the same 0.8% on the 32B' },
  qwq: { total: 0.009, why: 'Qwen2.5-32B shapes and its card count, 0.8% under the recount' },
  'qwen3-coder': { total: 0.005, why: 'the count in the name (480B) has three figures' },
  'mistral-small': { total: 0.012, why: 'Small 3 is published as 23.6B; the 2409 model only as its name, 22B (1.1% under the recount)' },
  codestral: { total: 0.012, why: 'published as its name, 22B, 1.1% under the 22.25B recount' },
  'mistral-nemo': { total: 0.005, why: 'three significant figures (12.2B)' },
  qwen2: { total: 0.005, why: 'two significant figures (7.6B), 0.2% under the recount' },
  phi: { total: 0.005, why: 'listings give 14.7B, three figures' },
  'deepseek-r1-distill': { total: 0.009, why: 'shares Qwen2.5-32B shapes and its card count, 0.8% under the recount' },
  'deepseek-v3': { total: 0.005, why: 'the 671B main model; the 14B multi-token-prediction module is not counted' },
  'gpt-oss': { total: 0.005, why: 'counts given to 0.1B; attention sinks and biases are ignored' },
  phi3: { total: 0.01, why: '"3.8B" and "14B" have two significant figures (recounts 3.82B and 13.96B)' },
  llama4: {
    total: 0.012,
    why: 'the 109B and 400B totals are rounded and include the vision encoder, which the text architecture leaves out (Scout recounts 1.1% under)',
  },
  'deepseek-v2': { total: 0.005, why: 'the card gives 15.7B, three figures' },
  'kimi-k2': { total: 0.015, why: '"1.04T" has three figures and the recount (1.026T) leaves out norms and the router bias' },
  'minimax-m2': { total: 0.01, why: '229.9B is given to four figures; QK norms are ignored by the recount' },
  smollm2: { total: 0.01, why: '"135M" and "360M" are rounded (recounts 134.5M and 361.8M)' },
  embeddinggemma: {
    total: 0.02,
    why: '308M counts the two dense projection layers after pooling (4.7M), which the recount (302.8M) leaves out',
  },
  'glm4-moe': {
    total: 0.015,
    why: '"about 358B" includes the multi-token-prediction layer the recount leaves out (352.8B); "106B" is rounded (106.8B)',
  },
  'phi4-mini': { total: 0.012, why: '"3.8B" has two significant figures (recount 3.836B)' },
  llava: { total: 0.01, why: '"7.1B" is rounded to 0.1B (recount 7.06B with the vision tower and projector)' },
  olmo2: { total: 0.01, why: '"32B" is rounded (recount 32.23B; the Q/K norms are ignored)' },
  smollm3: { total: 0.01, why: '3.08B is given to three figures (recount 3.075B)' },
  'command-r': { total: 0.01, why: '"35B" is rounded (recount 34.98B; LayerNorms without bias are ignored)' },
  'nomic-embed': { total: 0.01, why: '"137M" is rounded (recount 136.7M without the token-type table and norms)' },
  gemma: { total: 0.002, why: 'the report counts 256,128 embedding rows where config.json declares 256,000 (0.01% under)' },
  codegemma: { total: 0.002, why: 'the Gemma 7B shapes and the report count for them (0.01% under, padded token table)' },
  tinyllama: { total: 0.005, why: '"1.1B" has two significant figures (recount 1.100B)' },
  'mistral-large': { total: 0.005, why: '"123B" has three significant figures (recount 122.6B)' },
  salamandra: { total: 0.001, why: 'the cards give exact counts (2,253,490,176 and 7,768,117,248); the recount leaves out only the norms' },
  aya: { total: 0.005, why: '"8B" is rounded (recount 8.03B; LayerNorms are ignored)' },
  smollm: { total: 0.01, why: 'published as the sizes in the names (recounts 134.5M, 361.8M and 1.711B)' },
  stablelm2: { total: 0.002, why: 'the card gives the exact count (1,644,417,024); the recount leaves out the LayerNorms' },
  'deepseek-moe': { total: 0.005, why: '"16.4B" has three significant figures (recount 16.37B; norms ignored)' },
  internlm2: { total: 0.001, why: 'the exact count of the safetensors headers (7,737,708,544); the recount leaves out only the norms' },
  falcon3: { total: 0.005, why: 'counts from the BF16 shard sizes, three significant figures (10.3B is 0.06% under the 10.306B recount)' },
  granite3: { total: 0.005, why: 'counts from the BF16 shard sizes, three significant figures (8.17B against the 8.171B recount)' },
  'mxbai-embed': { total: 0.01, why: 'counts from the F16 file size (335M); the recount leaves out the 512-row position table and LayerNorms' },
  minilm: { total: 0.02, why: 'counts from the F32 file size (22.7M); the position table, token types and biases the recount leaves out are 1.6% of so small a model' },
  ministral: { total: 0.001, why: 'the card gives the exact count (8,019,808,256); the recount leaves out only the norms' },
  bge: { total: 0.01, why: 'counts from the F32 file size (335M); the recount leaves out the 512-row position table and LayerNorms' },
  'arctic-embed': {
    total: 0.015,
    why: 'the card rounds to the million (335M, 110M, 33M); the recount leaves out position tables and LayerNorms (108.5M for the 110M)',
  },
  'qwen1.5': { total: 0.001, why: 'exact safetensors totals (7,721,324,544 and up); the recount with Q/K/V biases equals them' },
  'qwen2.5-math': { total: 0.001, why: 'exact safetensors totals of these shapes; the recount with Q/K/V biases equals them' },
  'qwen2.5-vl': { total: 0.001, why: 'exact totals (8,292,166,656 with the 676,550,144 vision tower); the recount equals them' },
  'qwen3-embedding': { total: 0.001, why: 'exact totals from the MTEB registry; one embedding table, no output matrix' },
  'bge-m3': {
    total: 0.02,
    why: '568M includes the 8194 × 1024 position table and the biases the recount leaves out (558.0M)',
  },
};

/** Active counts are published with two significant figures (3.3B, 5.1B, 37B). */
const ACTIVE_TOLERANCE = 0.03;

/**
 * OpenAI counts gpt-oss active parameters without the input embedding table (a lookup, not a
 * matmul); Qwen, Mistral and DeepSeek count both embedding matrices.
 */
const ACTIVE_EXCLUDES_INPUT_EMBEDDING = new Set(['gpt-oss', 'deepseek-v2', 'kimi-k2']);

/** MiniMax and Z.ai count active parameters without either embedding matrix (9.8B for M2.5, 32B for GLM-4.7). */
const ACTIVE_EXCLUDES_EMBEDDINGS = new Set(['minimax-m2', 'glm4-moe']);

/**
 * Models whose official count is rounded below the recount by so much that one layer fewer still
 * lands inside the tolerance; for them only an extra layer is detectable from the count alone.
 */
const ONE_SIDED_TYPO_CHECK = new Set([
  // 405B is the recount (405.9B) rounded down, and one of 126 layers is only 0.8% of it.
  'llama3.1-405b',
  // Published as "22B" while the recount is 22.25B: one of 56 layers fewer lands closer still.
  'codestral-22b',
  'mistral-small-22b','qwen2.5-32b', 'qwen2.5-32b-base', 'qwen2.5-coder-32b', 'qwq-32b', 'qwq-32b-preview', 'deepseek-r1-distill-qwen-32b', 'deepseek-r1-distill-llama-70b', 'glm-4.5-air', 'olmo2-32b']);

/**
 * The reverse: the official count sits so far above the recount that one layer more lands inside
 * the tolerance (Kimi K2: 1.04T official, 1.026T recounted, 17B per layer; Llama 4 Scout: 109B
 * with its vision encoder, 107.8B for the text model; GLM-4.7 and EmbeddingGemma, whose counts
 * include an MTP layer or projection heads); only a missing layer shows.
 */
const ONLY_MISSING_LAYER_DETECTABLE = new Set(['kimi-k2', 'llama4-scout', 'glm-4.7', 'embeddinggemma-300m', 'bge-m3']);

function toleranceOf(model: Model): number {
  const t = TOLERANCE[model.family];
  assert.ok(t, `no parameter-count tolerance for family "${model.family}" (model ${model.id}); add one with a reason`);
  // Never wider than 90% of one decoder layer's share, so a layer count off by one stays visible,
  // except where the official count is known to sit off the recount by more (listed above).
  if (ONE_SIDED_TYPO_CHECK.has(model.id) || ONLY_MISSING_LAYER_DETECTABLE.has(model.id)) return t.total;
  const layerShare = countModelParams(model).perLayer / model.params;
  return Math.min(t.total, 0.9 * layerShare);
}

describe('catalog model architectures', () => {
  const models = hardwareCatalog().models;

  it('has the models the estimates rely on', () => {
    const tags = new Set(models.flatMap((m) => m.ollama));
    for (const tag of ['llama3.1:8b', 'llama3.1:70b', 'llama3.2:1b', 'llama3.2:3b', 'llama3.3:70b', 'qwen2.5:7b', 'qwen3:30b', 'mixtral:8x7b', 'gpt-oss:20b', 'gpt-oss:120b']) {
      assert.ok(tags.has(tag), `no catalog model answers to ${tag}`);
    }
    assert.ok(models.length >= 16, `only ${models.length} models`);
  });

  for (const model of models) {
    it(`${model.id}: recounted parameters match the official ${(model.params / 1e9).toFixed(2)}B`, () => {
      const { total } = countModelParams(model);
      const err = relativeError(total, model.params);
      const tol = toleranceOf(model);
      assert.ok(
        Math.abs(err) <= tol,
        `${model.id}: architecture gives ${(total / 1e9).toFixed(3)}B, official ${(model.params / 1e9).toFixed(2)}B ` +
          `(${(err * 100).toFixed(2)}%, tolerance ${(tol * 100).toFixed(1)}%)`,
      );
    });
  }

  for (const model of models.filter((m) => m.architecture.experts)) {
    it(`${model.id}: recounted active parameters match the official ${((model.activeParams ?? 0) / 1e9).toFixed(1)}B`, () => {
      assert.ok(model.activeParams, `${model.id} is a mixture of experts but has no activeParams`);
      const a = model.architecture;
      let { active } = countModelParams(model);
      if (ACTIVE_EXCLUDES_INPUT_EMBEDDING.has(model.family)) active -= a.vocab * a.hidden;
      if (ACTIVE_EXCLUDES_EMBEDDINGS.has(model.family)) active -= a.vocab * a.hidden * (a.tiedEmbeddings ? 1 : 2);
      const err = relativeError(active, model.activeParams);
      assert.ok(
        Math.abs(err) <= ACTIVE_TOLERANCE,
        `${model.id}: architecture gives ${(active / 1e9).toFixed(2)}B active, official ${(model.activeParams / 1e9).toFixed(1)}B (${(err * 100).toFixed(1)}%)`,
      );
    });
  }

  it('dense models carry no active count and MoE models carry one smaller than the total', () => {
    for (const m of models) {
      if (m.architecture.experts) assert.ok(m.activeParams && m.activeParams < m.params, m.id);
      else assert.equal(m.activeParams, undefined, `${m.id} is dense but has activeParams`);
    }
  });

  it('a layer count off by one would be caught by the parameter check', () => {
    for (const model of models) {
      const tol = toleranceOf(model);
      const outside = (delta: number) => {
        const arch = { ...model.architecture, layers: model.architecture.layers + delta };
        return Math.abs(relativeError(countModelParams({ ...model, architecture: arch }).total, model.params)) > tol;
      };
      // Interleaved models repeat a dense+MoE block: a typo adds or drops a block (an odd count is caught below).
      const step = model.architecture.experts?.layerStep ?? 1;
      if (!ONLY_MISSING_LAYER_DETECTABLE.has(model.id)) assert.ok(outside(+step), `${model.id}: one layer more would still pass`);
      if (!ONE_SIDED_TYPO_CHECK.has(model.id)) assert.ok(outside(-step), `${model.id}: one layer fewer would still pass`);
    }
  });

  it('the recount notices a transposed or dropped digit in one dimension', () => {
    // A recount that ignored hidden or intermediate sizes could not catch their typos. Changes
    // smaller than the tolerance (14336 -> 14363) are beyond what a count can detect.
    const base = models.find((m) => m.id === 'llama3.1-8b');
    assert.ok(base);
    const good = countArchitectureParams(base.architecture).total;
    for (const typo of [{ hidden: 4069 }, { intermediate: 13436 }, { vocab: 12826 }, { kvHeads: 4 }]) {
      const bad = countArchitectureParams({ ...base.architecture, ...typo }).total;
      assert.notEqual(bad, good, JSON.stringify(typo));
      assert.ok(Math.abs(relativeError(bad, base.params)) > toleranceOf(base), `typo ${JSON.stringify(typo)} would pass`);
    }
  });

  it('MLA dimensions agree with the attention head dimensions', () => {
    for (const m of models.filter((x) => x.architecture.mla)) {
      const a = m.architecture;
      const mla = a.mla!;
      assert.equal(a.headDim, mla.qkNopeHeadDim + mla.qkRopeHeadDim, `${m.id}: headDim must be nope + rope`);
      assert.equal(a.vHeadDim, mla.vHeadDim, `${m.id}: vHeadDim must match mla.vHeadDim`);
    }
  });

  it('sliding-window layouts are possible and the window is shorter than the context', () => {
    for (const m of models.filter((x) => x.architecture.slidingWindow)) {
      const sw = m.architecture.slidingWindow!;
      assert.ok(sw.global < sw.period, `${m.id}: every layer global means no sliding window`);
      assert.ok(sw.window < m.architecture.contextLength, `${m.id}: window ${sw.window} is not below the context`);
      // Gemma 3 stacks 26, 34 or 62 layers on a period of 6: the last period is cut short, so
      // only ask that the layers hold at least one whole period.
      assert.ok(m.architecture.layers >= sw.period, `${m.id}: ${m.architecture.layers} layers are fewer than one period of ${sw.period}`);
    }
  });

  it('MoE expert counts are consistent', () => {
    for (const m of models.filter((x) => x.architecture.experts)) {
      const e = m.architecture.experts!;
      assert.ok(e.active <= e.total && e.denseLayers < m.architecture.layers, m.id);
      if (e.layerStep) assert.equal(m.architecture.layers % e.layerStep, 0, `${m.id}: layers do not repeat the MoE interleave step`);
    }
  });

  it('no Ollama tag, Hugging Face id or alias points at two models', () => {
    const owners = new Map<string, string>();
    for (const m of models) {
      const names = [...m.ollama, ...m.huggingface, ...m.aliases].map((n) => n.toLowerCase());
      for (const n of new Set(names)) {
        const other = owners.get(n);
        assert.ok(other === undefined, `"${n}" names both ${other} and ${m.id}`);
        owners.set(n, m.id);
      }
    }
  });

  it('Ollama tags name a size or no tag at all, never a quantization', () => {
    // The quantization is a separate field; "llama3.1:8b-instruct-q4_K_M" belongs in neither list.
    for (const m of models) {
      // Sizes (8b, 8x7b, 30b-a3b, 135m) or the size names some libraries use (phi3:mini, llama4:scout).
      for (const tag of m.ollama)
        assert.match(
          tag,
          /^[a-z0-9.-]+(:(latest|[0-9.]+[bxm][0-9]*b?|[0-9]+b-a[0-9]+b|mini|medium|scout|maverick))?$/,
          `${m.id}: ${tag}`,
        );
    }
  });
});
