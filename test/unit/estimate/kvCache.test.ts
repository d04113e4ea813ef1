import * as assert from 'node:assert/strict';
import type { Architecture } from '../../../server/src/engine/catalog/schema';
import { kvCacheBytes } from '../../../server/src/engine/estimate/kvCache';

// Llama 3.1 8B shapes (config.json): 32 layers, 8 KV heads × 128.
const llama8b: Architecture = {
  layers: 32,
  hidden: 4096,
  heads: 32,
  kvHeads: 8,
  headDim: 128,
  intermediate: 14336,
  vocab: 128256,
  tiedEmbeddings: false,
  contextLength: 131072,
};

describe('kvCacheBytes', () => {
  it('counts f16 K and V per layer per cell', () => {
    const kv = kvCacheBytes({ arch: llama8b, ctx: 8192 });
    assert.equal(kv.bytes, 32 * 1024 * 2 * 2 * 8192);
    assert.equal(kv.kBytes, kv.vBytes);
  });

  it('pads the context to 256 cells as llama.cpp does', () => {
    const kv = kvCacheBytes({ arch: llama8b, ctx: 5000 });
    assert.equal(kv.cells, 5120);
    assert.equal(kv.bytes, 32 * 1024 * 4 * 5120);
  });

  it('stores q8_0 as 34 bytes per 32 values, and only with flash attention for V', () => {
    const withFa = kvCacheBytes({ arch: llama8b, ctx: 4096, typeK: 'q8_0', flashAttention: true });
    assert.equal(withFa.bytes, 2 * 32 * ((1024 * 34) / 32) * 4096);
    const noFa = kvCacheBytes({ arch: llama8b, ctx: 4096, typeK: 'q8_0', flashAttention: false, runtime: 'llama.cpp' });
    assert.equal(noFa.typeV, 'f16');
    assert.equal(noFa.kBytes, 32 * ((1024 * 34) / 32) * 4096);
    assert.match(noFa.warnings.join(), /flash attention/);
    const ollama = kvCacheBytes({ arch: llama8b, ctx: 4096, typeK: 'q4_0', flashAttention: false, runtime: 'ollama' });
    assert.equal(ollama.bytes, 32 * 1024 * 4 * 4096);
  });

  it('multiplies by parallel sequences, padding per stream when the cache is not unified', () => {
    const shared = kvCacheBytes({ arch: llama8b, ctx: 4096, parallel: 4, unified: true });
    assert.equal(shared.cells, 16384);
    const perSlot = kvCacheBytes({ arch: llama8b, ctx: 4096, parallel: 4, runtime: 'llama.cpp' });
    assert.deepEqual([perSlot.cells, perSlot.streams], [4096, 4]);
    assert.equal(perSlot.bytes, shared.bytes);
    assert.equal(kvCacheBytes({ arch: llama8b, ctx: 4096, parallel: 4, runtime: 'ollama' }).streams, 1);
    const split = kvCacheBytes({ arch: llama8b, ctx: 1000, parallel: 3, unified: false });
    // 3000 → 3072 total, 1024 per stream, 3 streams.
    assert.equal(split.cells, 1024);
    assert.equal(split.bytes, 32 * 1024 * 4 * 1024 * 3);
  });

  it('caps sliding-window layers at window × sequences + micro-batch, padded', () => {
    const gemma2: Architecture = {
      layers: 42,
      hidden: 3584,
      heads: 16,
      kvHeads: 8,
      headDim: 256,
      intermediate: 14336,
      vocab: 256000,
      tiedEmbeddings: true,
      contextLength: 8192,
      slidingWindow: { window: 4096, period: 2, global: 1 },
    };
    const kv = kvCacheBytes({ arch: gemma2, ctx: 8192 });
    assert.equal(kv.swaLayers, 21);
    assert.equal(kv.swaCells, 4608);
    assert.equal(kv.bytes, (21 * 8192 + 21 * 4608) * 8 * 256 * 2 * 2);
    assert.equal(kvCacheBytes({ arch: gemma2, ctx: 8192, swaFull: true }).bytes, 42 * 8192 * 8 * 256 * 4);
    // A short context is never exceeded by the window.
    assert.equal(kvCacheBytes({ arch: gemma2, ctx: 2048 }).swaCells, 2048);
  });

  it('gives full-attention layers their own KV geometry where the model declares one (Gemma 4)', () => {
    const gemma4: Architecture = {
      layers: 30,
      hidden: 2816,
      heads: 16,
      kvHeads: 8,
      headDim: 256,
      intermediate: 2112,
      vocab: 262144,
      tiedEmbeddings: true,
      contextLength: 262144,
      slidingWindow: { window: 1024, period: 6, global: 1, globalKvHeads: 2, globalHeadDim: 512 },
    };
    const kv = kvCacheBytes({ arch: gemma4, ctx: 32768 });
    // 5 full layers × 2 heads × (512+512) × 32768 cells + 25 sliding layers × 8 × (256+256) × 1536 cells, f16
    assert.equal(kv.bytes, (5 * 2 * 1024 * 32768 + 25 * 8 * 512 * 1536) * 2);
    assert.match(kv.formula, /full-attention layers 2 KV heads × 512/);
  });

  it('keeps only the MLA latent for DeepSeek V3 (K of 512 + 64, no V)', () => {
    const ds: Architecture = {
      layers: 61,
      hidden: 7168,
      heads: 128,
      kvHeads: 128,
      headDim: 192,
      vHeadDim: 128,
      intermediate: 18432,
      vocab: 129280,
      tiedEmbeddings: false,
      contextLength: 163840,
      mla: { kvLoraRank: 512, qLoraRank: 1536, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128 },
    };
    const kv = kvCacheBytes({ arch: ds, ctx: 32768 });
    assert.equal(kv.vBytes, 0);
    assert.equal(kv.bytes, 61 * 576 * 2 * 32768);
  });

  it('counts recurrent layers as their fixed state per sequence', () => {
    const hybrid: Architecture = { ...llama8b, layers: 8, recurrentLayers: 6, recurrentStateBytes: 1_000_000 };
    const kv = kvCacheBytes({ arch: hybrid, ctx: 4096, parallel: 2 });
    assert.equal(kv.attentionLayers, 2);
    assert.equal(kv.bytes, 2 * 1024 * 4 * 8192 + 6 * 1_000_000 * 2);
  });

  it('pages vLLM caches in 16-token blocks, fp8 at one byte', () => {
    const kv = kvCacheBytes({ arch: llama8b, ctx: 1000, runtime: 'vllm', typeK: 'fp8' });
    assert.equal(kv.cells, 1008);
    assert.equal(kv.bytes, 32 * 2048 * 1008);
  });
});
