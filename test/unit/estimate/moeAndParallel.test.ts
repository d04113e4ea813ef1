import * as assert from 'node:assert/strict';
import type { Architecture, Model, Quantization } from '../../../server/src/engine/catalog/schema';
import { llamaComputeBuffers } from '../../../server/src/engine/estimate/compute';
import { estimateMemory, vllmKvShare } from '../../../server/src/engine/estimate/estimateMemory';
import { kvCacheBytes } from '../../../server/src/engine/estimate/kvCache';
import { countActiveParameters, countParameters, isMoeLayer } from '../../../server/src/engine/estimate/tensors';
import type { EstimateInput } from '../../../server/src/engine/estimate/types';
import { weightsBreakdown } from '../../../server/src/engine/estimate/weights';
import type { GpuDevice, Hardware } from '../../../server/src/engine/hardware/types';
import { GiB } from '../../../server/src/engine/types';
import { modelFromConfig, quant } from '../../fixtures/calibration/load';
import { hardwareCatalog } from '../catalog/ownCatalog';

const root = process.cwd();
const gpu = (gib: number): GpuDevice => ({
  name: `GPU ${gib}`,
  vendor: 'nvidia',
  totalBytes: gib * GiB,
  unified: false,
  bandwidthGBs: 1000,
});
const hw = (devices: GpuDevice[]): Hardware => ({ source: 'setting', devices, ramBytes: 256 * GiB });
const safetensors = (id: string): Quantization => ({ ...quant(id), format: 'safetensors' });

/** Llama 4 Maverick's text model as its config.json gives it (48 layers, MoE on every other one). */
const maverickArch: Architecture = {
  layers: 48,
  hidden: 5120,
  heads: 40,
  kvHeads: 8,
  headDim: 128,
  intermediate: 16384,
  vocab: 202048,
  tiedEmbeddings: false,
  contextLength: 1048576,
  experts: { total: 128, active: 1, shared: 1, intermediate: 8192, denseLayers: 0, layerStep: 2 },
};
const asModel = (architecture: Architecture, over: Partial<Model> = {}): Model => ({
  id: 'test-model',
  name: 'test model',
  family: 'test',
  developer: 'test',
  params: countParameters(architecture),
  ollama: [],
  huggingface: [],
  aliases: [],
  ollamaFlashAttention: false,
  dtype: 'bf16',
  purpose: [],
  gguf: [],
  architecture,
  sources: [{ title: 'test', url: 'https://example.com/' }],
  ...over,
});

describe('interleaved dense and MoE layers', () => {
  it('puts experts only on every step-th layer, counting from layer step − 1 as transformers does', () => {
    const moe = Array.from({ length: 6 }, (_, i) => isMoeLayer(maverickArch, i));
    assert.deepEqual(moe, [false, true, false, true, false, true]);
    const scout = { ...maverickArch, experts: { ...maverickArch.experts!, layerStep: 1 } };
    assert.ok([0, 1, 2].every((i) => isMoeLayer(scout, i)));
  });

  it('counts Maverick at its official 400B total and 17B active, which every-layer MoE would overshoot', () => {
    assert.ok(Math.abs(countParameters(maverickArch) / 400e9 - 1) < 0.02, `${countParameters(maverickArch) / 1e9}B`);
    assert.ok(Math.abs(countActiveParameters(maverickArch) / 17e9 - 1) < 0.05, `${countActiveParameters(maverickArch) / 1e9}B active`);
    const everyLayer = { ...maverickArch, experts: { ...maverickArch.experts!, layerStep: undefined } };
    assert.ok(countParameters(everyLayer) > 1.9 * countParameters(maverickArch));
  });

  it('gives dense layers no expert bytes, so --n-cpu-moe moves only what MoE layers hold', () => {
    const w = weightsBreakdown(asModel(maverickArch), quant('Q4_K_M'));
    assert.equal(w.layerExpertBytes[0], 0);
    assert.ok(w.layerExpertBytes[1] > 0);
    // A dense layer's FFN is 3 × 5120 × 16384; an MoE layer's is 128 + 1 experts of 3 × 5120 × 8192.
    assert.ok(w.layerBytes[1] > 20 * w.layerBytes[0]);
  });

  it('counts shared experts in the weights of every MoE layer', () => {
    const noShared = { ...maverickArch, experts: { ...maverickArch.experts!, shared: 0 } };
    const diff =
      weightsBreakdown(asModel(maverickArch), safetensors('BF16')).totalBytes -
      weightsBreakdown(asModel(noShared), safetensors('BF16')).totalBytes;
    assert.equal(diff, 24 * 3 * 5120 * 8192 * 2);
  });
});

describe('ungated FFNs', () => {
  it('stores two FFN matrices per layer for BERT-style encoders and Phi-2, three for gated ones', () => {
    const encoder: Architecture = {
      layers: 24,
      hidden: 1024,
      heads: 16,
      kvHeads: 16,
      headDim: 64,
      intermediate: 4096,
      vocab: 30522,
      tiedEmbeddings: true,
      contextLength: 512,
    };
    const gated = weightsBreakdown(asModel(encoder), safetensors('F32'));
    const ungated = weightsBreakdown(asModel({ ...encoder, ungatedFfn: true }), safetensors('F32'));
    assert.equal(gated.totalBytes - ungated.totalBytes, 24 * 1024 * 4096 * 4);
  });
});

describe('Llama 4 in the catalog', () => {
  const scout = hardwareCatalog().models.find((m) => m.id === 'llama4-scout');

  it('keeps a chunk-sized cache on three of four layers, as llama.cpp does (chunked attention of 8192)', () => {
    assert.ok(scout);
    const arch = scout.architecture;
    const chunked = kvCacheBytes({ arch, ctx: 131072, flashAttention: true }).bytes;
    const everyLayerFull = kvCacheBytes({ arch: { ...arch, slidingWindow: undefined }, ctx: 131072, flashAttention: true }).bytes;
    // 12 full layers hold 131072 cells; 36 chunked layers hold about 8192 each.
    assert.ok(chunked < 0.3 * everyLayerFull, `${chunked / GiB} GiB vs ${everyLayerFull / GiB} GiB`);
    assert.ok(chunked > 0.25 * everyLayerFull);
  });
});

describe('MXFP4 experts under any GGUF label', () => {
  const gptOss120b = modelFromConfig(root, 'gpt-oss-120b');

  it('keeps gpt-oss experts MXFP4 in a "Q8_0" file: 63.4 GB like the MXFP4 upload (llmfit#1059)', () => {
    const model: Model = { ...gptOss120b, dtype: 'mxfp4' };
    const q8 = weightsBreakdown(model, quant('Q8_0'));
    const mx = weightsBreakdown(model, quant('MXFP4'));
    assert.ok(q8.byType.mxfp4 > 0.9 * q8.totalBytes, JSON.stringify(q8.byType));
    assert.ok(Math.abs(q8.totalBytes / 63.4e9 - 1) < 0.03, `${q8.totalBytes / 1e9} GB`);
    assert.ok(Math.abs(q8.totalBytes / mx.totalBytes - 1) < 0.02);
  });

  it('still quantizes the experts of a model that shipped them in BF16', () => {
    const model: Model = { ...gptOss120b, dtype: 'bf16' };
    assert.equal(weightsBreakdown(model, quant('Q8_0')).byType.mxfp4, undefined);
  });
});

describe('llama.cpp compute buffer in a layer split', () => {
  it('reserves the scratch buffer on each GPU that holds layers, not once in all', () => {
    const llama70b = modelFromConfig(root, 'Meta-Llama-3.1-70B');
    const base: EstimateInput = {
      model: llama70b,
      quant: quant('Q4_K_M'),
      ctx: 8192,
      runtime: 'llama.cpp',
      flashAttention: true,
      hardware: hw([gpu(48)]),
    };
    const one = estimateMemory(base);
    const two = estimateMemory({ ...base, hardware: hw([gpu(24), gpu(24)]) });
    assert.equal(two.devices!.filter((d) => d.layers > 0).length, 2);
    const scratch = llamaComputeBuffers(llama70b.architecture, 8192, 512, true).perDeviceBytes;
    assert.equal(two.computeBytes - one.computeBytes, scratch);
    // Each device's load includes its own scratch: the sum of device loads covers two of them.
    const placed = two.devices!.reduce((s, d) => s + d.usedBytes, 0);
    assert.ok(placed >= two.weightsBytes - two.cpuBytes! + two.kvCacheBytes + 2 * scratch);
  });
});

describe('vLLM tensor parallelism: what one rank holds', () => {
  const qwen7bLike = (kvHeads: number): Architecture => ({ ...modelFromConfig(root, 'Qwen2.5-7B').architecture, kvHeads });

  it('splits KV heads across ranks but never below one head per rank', () => {
    assert.equal(vllmKvShare(qwen7bLike(8), 2), 1 / 2);
    assert.equal(vllmKvShare(qwen7bLike(4), 4), 1 / 4);
    // 4 KV heads on 8 ranks: every rank still holds one head, a quarter of the cache, not an eighth.
    assert.equal(vllmKvShare(qwen7bLike(4), 8), 1 / 4);
  });

  it('replicates the MLA latent cache on every rank', () => {
    const deepseek = modelFromConfig(root, 'DeepSeek-V3');
    assert.equal(vllmKvShare(deepseek.architecture, 8), 1);
    const run = estimateMemory({
      model: deepseek,
      quant: safetensors('fp8'),
      ctx: 32768,
      runtime: 'vllm',
      tensorParallel: 8,
      hardware: hw(Array.from({ length: 8 }, () => gpu(141))),
    });
    const perRankKv = run.devices![0].usedBytes - (run.weightsBytes / 8 + run.computeBytes / 8) - run.overheadBytes / 8;
    assert.ok(Math.abs(perRankKv - run.kvCacheBytes / 8) < 1024, `${perRankKv} vs ${run.kvCacheBytes / 8}`);
    assert.ok(run.kvCacheBytes > 7 * estimateMemory({ ...runInputTp1(deepseek) }).kvCacheBytes);
  });

  it('counts the profiled activation peak on every rank, as vLLM logged for Llama-3-8B at -tp 1 and -tp 2 (vllm#10511)', () => {
    const llama70b = modelFromConfig(root, 'Meta-Llama-3.1-70B');
    const at = (tp: number) =>
      estimateMemory({
        model: llama70b,
        quant: safetensors('BF16'),
        ctx: 8192,
        runtime: 'vllm',
        tensorParallel: tp,
        hardware: hw(Array.from({ length: tp }, () => gpu(80))),
      });
    const single = at(1);
    const four = at(4);
    assert.equal(four.computeBytes, 4 * single.computeBytes);
    const rank = four.devices![0];
    assert.ok(rank.usedBytes > four.weightsBytes / 4 + single.computeBytes);
  });
});

function runInputTp1(model: Model): EstimateInput {
  return { model, quant: safetensors('fp8'), ctx: 32768, runtime: 'vllm', tensorParallel: 1, hardware: hw([gpu(141)]) };
}
