import * as assert from 'node:assert/strict';
import type { Quantization } from '../../../server/src/engine/catalog/schema';
import { estimateMemory } from '../../../server/src/engine/estimate/estimateMemory';
import { gpuLayersThatFit, largestContextThatFits, largestQuantThatFits } from '../../../server/src/engine/estimate/quickFixes';
import { ollamaDefaultContext, resolveRuntimeDefaults } from '../../../server/src/engine/estimate/runtimeDefaults';
import type { EstimateInput } from '../../../server/src/engine/estimate/types';
import type { GpuDevice, Hardware } from '../../../server/src/engine/hardware/types';
import { GiB } from '../../../server/src/engine/types';
import { modelFromConfig, quant } from '../../fixtures/calibration/load';

const root = process.cwd();
const llama8b = modelFromConfig(root, 'Meta-Llama-3.1-8B');
const llama70b = modelFromConfig(root, 'Meta-Llama-3.1-70B');
const qwen30b = modelFromConfig(root, 'Qwen3-30B-A3B');
const gpu = (gib: number, extra: Partial<GpuDevice> = {}): GpuDevice => ({
  name: `GPU ${gib}`,
  vendor: 'nvidia',
  totalBytes: gib * GiB,
  unified: false,
  bandwidthGBs: 1000,
  ...extra,
});
const hw = (devices: GpuDevice[], ramGiB = 64): Hardware => ({ source: 'setting', devices, ramBytes: ramGiB * GiB });
const input = (over: Partial<EstimateInput>): EstimateInput => ({
  model: llama8b,
  quant: quant('Q4_K_M'),
  ctx: 8192,
  runtime: 'llama.cpp',
  flashAttention: true,
  hardware: hw([gpu(24)]),
  ...over,
});

describe('estimateMemory', () => {
  it('fits Llama 3.1 8B Q4_K_M at 8k on a 24 GiB card with every layer on the GPU, and explains each part', () => {
    const e = estimateMemory(input({}));
    assert.equal(e.verdict, 'fits');
    assert.equal(e.gpuLayers, 32);
    assert.equal(e.totalBytes, e.weightsBytes + e.kvCacheBytes + e.computeBytes + e.overheadBytes);
    assert.deepEqual(
      e.parts.map((p) => p.name),
      ['weights', 'kvCache', 'compute', 'overhead'],
    );
    assert.equal(e.kvCacheBytes, 32 * 1024 * 4 * 8192);
    assert.ok(e.tokensPerSecond! > 0 && e.speedBasis!.includes('GB/s'));
  });

  it('offloads part of a 70B Q4_K_M to system RAM on one 24 GiB card, and refuses when RAM is short too', () => {
    const e = estimateMemory(input({ model: llama70b }));
    assert.equal(e.verdict, 'partial-offload');
    assert.ok(e.gpuLayers > 20 && e.gpuLayers < 80, `${e.gpuLayers}`);
    assert.ok(e.devices![0].usedBytes <= 24 * GiB);
    assert.equal(estimateMemory(input({ model: llama70b, hardware: hw([gpu(24)], 16) })).verdict, 'wont-fit');
  });

  it('never sums VRAM: two 24 GiB cards split the 70B layer by layer, each within its own memory', () => {
    const two = estimateMemory(input({ model: llama70b, hardware: hw([gpu(24), gpu(24)]) }));
    assert.ok(two.gpuLayers === 80 && ['fits', 'tight'].includes(two.verdict));
    for (const d of two.devices!) assert.ok(d.usedBytes <= d.usableBytes && d.layers > 0);
    // One 48 GiB card would hold what two 24 GiB cards hold only with a second reserve and scratch.
    const one = estimateMemory(input({ model: llama70b, hardware: hw([gpu(48)]) }));
    assert.ok(two.overheadBytes > one.overheadBytes);
  });

  it('treats a GPU layer count the user set as binding: too many is an out-of-memory, fewer is a partial offload', () => {
    const auto = estimateMemory(input({ model: llama70b }));
    const forced = estimateMemory(input({ model: llama70b, gpuLayers: 999 }));
    assert.equal(forced.verdict, 'wont-fit');
    assert.match(forced.warnings!.join(), new RegExp(`${auto.gpuLayers} fit`));
    const fewer = estimateMemory(input({ model: llama70b, gpuLayers: 20 }));
    assert.equal(fewer.verdict, 'partial-offload');
    assert.equal(fewer.gpuLayers, 20);
    assert.equal(estimateMemory(input({ gpuLayers: 999 })).verdict, 'fits');
  });

  it('assumes llama.cpp turns flash attention on by itself on a GPU, and Ollama not for Llama', () => {
    const base = { kvType: 'q8_0' as const, flashAttention: undefined };
    const llama = estimateMemory(input({ ...base, runtime: 'llama.cpp' }));
    const ollama = estimateMemory(input({ ...base, runtime: 'ollama' }));
    assert.equal(llama.kvCacheBytes * 32, 32 * 1024 * 4 * 8192 * 17);
    assert.equal(ollama.kvCacheBytes, 32 * 1024 * 4 * 8192);
    assert.ok(ollama.computeBytes > llama.computeBytes);
  });

  it('assumes Ollama turns flash attention on where it does so by default, unless OLLAMA_FLASH_ATTENTION=0', () => {
    const qwen3 = { ...llama8b, ollamaFlashAttention: true };
    const on = estimateMemory(input({ model: qwen3, runtime: 'ollama', flashAttention: undefined }));
    const off = estimateMemory(input({ model: llama8b, runtime: 'ollama', flashAttention: undefined }));
    assert.ok(on.computeBytes < off.computeBytes, 'without flash attention the attention scores need their own buffer');
    assert.equal(resolveRuntimeDefaults('ollama', qwen3, hw([gpu(24)])).flashAttention, true);
    assert.equal(resolveRuntimeDefaults('ollama', qwen3, hw([gpu(24)]), { env: { OLLAMA_FLASH_ATTENTION: '0' } }).flashAttention, false);
    assert.equal(resolveRuntimeDefaults('ollama', llama8b, hw([gpu(24)]), { env: { OLLAMA_FLASH_ATTENTION: '1' } }).flashAttention, true);
  });

  it('uses free VRAM where the driver reports it', () => {
    const full = estimateMemory(input({ hardware: hw([gpu(8)]) }));
    const busy = estimateMemory(input({ hardware: hw([gpu(8, { freeBytes: 3 * GiB })]) }));
    assert.equal(full.gpuLayers, 32);
    assert.ok(busy.gpuLayers < 32 && busy.verdict === 'partial-offload');
  });

  it('counts only the GPU working set of Apple unified memory', () => {
    const mac = hw([{ name: 'Apple M2', vendor: 'apple', totalBytes: 16 * GiB, unified: true, bandwidthGBs: 100 }], 16);
    // 12 GiB of weights would fit in 16 GiB counted whole; the GPU may use about two-thirds.
    const e = estimateMemory(input({ quant: quant('Q8_0'), model: modelFromConfig(root, 'Qwen2.5-7B'), hardware: mac }));
    assert.ok(e.usableBytes < 11 * GiB);
    const big = estimateMemory(input({ quant: quant('Q8_0'), ctx: 32768, hardware: mac }));
    assert.ok(big.weightsBytes + big.kvCacheBytes + big.computeBytes < 14 * GiB);
    assert.ok(big.gpuLayers < 32 && big.verdict === 'partial-offload');
  });

  it('does not count unified memory twice: what the GPU holds is not RAM for the CPU part', () => {
    const m3max = (ramGiB: number) =>
      hw([{ name: 'Apple M3 Max', vendor: 'apple', totalBytes: ramGiB * 0.75 * GiB, unified: true, bandwidthGBs: 400 }], ramGiB);
    const f16 = input({ quant: quant('F16'), hardware: m3max(32) });
    const e = estimateMemory(f16);
    // 15 GiB of F16 weights: 24 GiB of GPU working set holds them; nothing is left on the CPU.
    assert.ok(['fits', 'tight'].includes(e.verdict), e.verdict);
    // Q8_0 of 70B (about 70 GiB) on a 64 GiB Mac: 48 GiB on the GPU leaves 16 GiB, not 64, for the rest.
    const big = estimateMemory(input({ model: modelFromConfig(root, 'Meta-Llama-3.1-70B'), quant: quant('Q8_0'), hardware: m3max(64) }));
    assert.equal(big.verdict, 'wont-fit', `${(big.cpuBytes ?? 0) / GiB} GiB on the CPU of a 64 GiB Mac whose GPU holds 48`);
    const discrete = estimateMemory(
      input({ model: modelFromConfig(root, 'Meta-Llama-3.1-70B'), quant: quant('Q8_0'), hardware: hw([gpu(48)], 64) }),
    );
    assert.equal(discrete.verdict, 'partial-offload', 'with a discrete 48 GiB card the same 64 GiB of RAM holds the rest');
  });

  it('keeps MoE experts in RAM before giving up layers, and reads only active experts per token', () => {
    const e = estimateMemory(input({ model: qwen30b, hardware: hw([gpu(8)]) }));
    assert.equal(e.verdict, 'partial-offload');
    assert.equal(e.expertsOnCpu, true);
    assert.equal(e.gpuLayers, 48);
    // Only as many layers' experts leave the GPU as needed (llama.cpp --n-cpu-moe N).
    assert.ok(e.cpuMoeLayers! > 0 && e.cpuMoeLayers! < 48, `${e.cpuMoeLayers}`);
    const more = estimateMemory(input({ model: qwen30b, hardware: hw([gpu(12)]) }));
    assert.ok(more.cpuMoeLayers! < e.cpuMoeLayers!);
    assert.ok(more.tokensPerSecond! > e.tokensPerSecond!);
    const all = estimateMemory(input({ model: qwen30b, hardware: hw([gpu(8)]), moeOffload: 'cpu' }));
    assert.equal(all.cpuMoeLayers, 48);
    assert.ok(all.cpuBytes! > e.cpuBytes!);
    const dense = estimateMemory(input({ model: qwen30b, hardware: hw([gpu(8)]), moeOffload: 'off' }));
    assert.ok(dense.gpuLayers < 48);
    const roomy = estimateMemory(input({ model: qwen30b, hardware: hw([gpu(48)]) }));
    const dense32 = estimateMemory(input({ model: modelFromConfig(root, 'Qwen2.5-7B'), quant: quant('Q8_0'), hardware: hw([gpu(48)]) }));
    // 30B total but ~3B active: faster than a dense 7B at higher precision.
    assert.ok(roomy.tokensPerSecond! > dense32.tokensPerSecond!);
  });

  it('runs on the CPU alone when there is no GPU and RAM suffices', () => {
    const e = estimateMemory(input({ hardware: hw([], 32) }));
    assert.equal(e.verdict, 'partial-offload');
    assert.equal(e.gpuLayers, 0);
    assert.ok(e.cpuBytes! > e.weightsBytes);
  });

  it('follows vLLM accounting: 0.9 × VRAM, weights, activation peak, then KV for max_model_len', () => {
    const bf16: Quantization = { ...quant('BF16'), format: 'safetensors' };
    const ok = estimateMemory(input({ quant: bf16, runtime: 'vllm', ctx: 8192, hardware: hw([gpu(24)]) }));
    assert.ok(['fits', 'tight'].includes(ok.verdict));
    assert.equal(ok.usableBytes, 0.9 * 24 * GiB);
    assert.equal(estimateMemory(input({ quant: bf16, runtime: 'vllm', ctx: 131072, hardware: hw([gpu(24)]) })).verdict, 'wont-fit');
    const tp = estimateMemory(
      input({ model: llama70b, quant: quant('Q4_K_M'), runtime: 'vllm', ctx: 8192, tensorParallel: 2, hardware: hw([gpu(32), gpu(32)]) }),
    );
    assert.equal(tp.devices!.length, 2);
    // Each rank holds half the weights; neither holds them all, and one 32 GiB card alone would not do.
    for (const d of tp.devices!)
      assert.ok(d.usedBytes > tp.weightsBytes / 2 && d.usedBytes < tp.weightsBytes, `${d.name} uses ${d.usedBytes / GiB} GiB`);
    assert.ok(['fits', 'tight'].includes(tp.verdict), tp.verdict);
    const one = estimateMemory(
      input({ model: llama70b, quant: quant('Q4_K_M'), runtime: 'vllm', ctx: 8192, tensorParallel: 1, hardware: hw([gpu(32), gpu(32)]) }),
    );
    assert.equal(one.verdict, 'wont-fit');
  });
});

describe('runtime defaults', () => {
  it('gives Ollama its context by VRAM tier, capped at the trained context', () => {
    assert.equal(ollamaDefaultContext(8 * GiB), 4096);
    assert.equal(ollamaDefaultContext(24 * GiB), 32768);
    assert.equal(ollamaDefaultContext(80 * GiB), 262144);
    const r = resolveRuntimeDefaults('ollama', llama8b, hw([gpu(80)]));
    assert.equal(r.ctx, 131072);
    const env = resolveRuntimeDefaults('ollama', llama8b, hw([gpu(8)]), {
      env: { OLLAMA_NUM_PARALLEL: '4', OLLAMA_KV_CACHE_TYPE: 'q8_0' },
    });
    assert.equal(env.parallel, 4);
    assert.equal(env.kvType, 'f16');
    assert.equal(
      resolveRuntimeDefaults('ollama', llama8b, hw([gpu(8)]), { env: { OLLAMA_KV_CACHE_TYPE: 'q8_0', OLLAMA_FLASH_ATTENTION: '1' } })
        .kvType,
      'q8_0',
    );
  });

  it('picks the Ollama tier from VRAM summed over GPUs, less OLLAMA_GPU_OVERHEAD per GPU (server/routes.go)', () => {
    // Two 16 GiB cards: 32 GiB summed is the 23 GiB tier, which neither card reaches alone.
    assert.equal(resolveRuntimeDefaults('ollama', llama8b, hw([gpu(16), gpu(16)])).ctx, 32768);
    assert.equal(resolveRuntimeDefaults('ollama', llama8b, hw([gpu(16)])).ctx, 4096);
    // 2 × 24 GiB reaches 47 GiB unless 1 GiB per card is held back.
    assert.equal(resolveRuntimeDefaults('ollama', llama8b, hw([gpu(24), gpu(24)])).ctx, 131072);
    const held = resolveRuntimeDefaults('ollama', llama8b, hw([gpu(24), gpu(24)]), { env: { OLLAMA_GPU_OVERHEAD: String(1024 ** 3) } });
    assert.equal(held.ctx, 32768);
  });

  it('reads llama.cpp -c 0 as the trained context and vLLM max_model_len as the maximum', () => {
    assert.equal(resolveRuntimeDefaults('llama.cpp', llama8b, hw([gpu(24)]), { ctx: 0 }).ctx, 131072);
    const v = resolveRuntimeDefaults('vllm', llama8b, hw([gpu(24)]));
    assert.equal(v.ctx, 131072);
    assert.equal(v.gpuMemoryUtilization, 0.9);
  });
});

describe('quick fixes', () => {
  it('finds the largest quantization that fits', () => {
    const quants = ['Q8_0', 'Q6_K', 'Q4_K_M', 'Q2_K'].map(quant);
    const r = largestQuantThatFits(input({ model: llama70b, hardware: hw([gpu(48)]) }), quants);
    assert.equal(r?.quant.id, 'Q4_K_M');
    assert.equal(largestQuantThatFits(input({ model: llama70b, hardware: hw([gpu(8)]) }), quants), undefined);
  });

  it('remembers the largest quantization per question and hardware, never across them', () => {
    const quants = ['Q8_0', 'Q6_K', 'Q4_K_M', 'Q2_K'].map(quant);
    const card = hw([gpu(48)]);
    const long = input({ model: llama70b, hardware: card, ctx: 131072, flashAttention: false });
    const short = input({ model: llama70b, hardware: card, ctx: 2048 });
    assert.equal(largestQuantThatFits(short, quants)?.quant.id, 'Q4_K_M');
    // The same hardware object at another context, then the same question again: each its own answer.
    assert.equal(largestQuantThatFits(long, quants), undefined);
    assert.equal(largestQuantThatFits(short, quants)?.quant.id, 'Q4_K_M');
    // Another card, the same question: not the 48 GB card's answer.
    assert.equal(largestQuantThatFits({ ...short, hardware: hw([gpu(80)]) }, quants)?.quant.id, 'Q8_0');
    // Another list of quantizations with the same ids is a different question too.
    assert.equal(largestQuantThatFits(short, quants.slice(2))?.quant.id, 'Q4_K_M');
    assert.equal(largestQuantThatFits(short, quants.slice(3))?.quant.id, 'Q2_K');
  });

  it('finds the largest context that fits, and it does fit while one step more does not', () => {
    const i = input({ flashAttention: false, hardware: hw([gpu(12)]) });
    const ctx = largestContextThatFits(i);
    assert.ok(ctx > 8192 && ctx < 131072, `${ctx}`);
    assert.ok(['fits', 'tight'].includes(estimateMemory({ ...i, ctx }).verdict));
    assert.ok(!['fits', 'tight'].includes(estimateMemory({ ...i, ctx: ctx + 256 }).verdict));
  });

  it('counts the GPU layers that fit', () => {
    const n = gpuLayersThatFit(input({ model: llama70b, hardware: hw([gpu(24)]) }));
    assert.ok(n > 0 && n < 80);
    assert.equal(gpuLayersThatFit(input({ hardware: hw([gpu(24)]) })), 32);
  });
});
