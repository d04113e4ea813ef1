import type { Architecture } from '../catalog/schema';
import type { Hardware } from '../hardware/types';
import { formatBytes } from '../render/format';
import { MiB } from '../types';
import { llamaComputeBuffers, vllmActivationBytes, VLLM_NON_TORCH_BYTES } from './compute';
import { kvCacheBytes, type KvCacheEstimate } from './kvCache';
import { deviceUsableBytes, placeLayers } from './placement';
import {
  CUDA_RESERVE_BYTES,
  defaultFlashAttention,
  LLAMA_FIT_MARGIN_BYTES,
  METAL_RESERVE_BYTES,
  VLLM_GPU_MEMORY_UTILIZATION,
} from './runtimeDefaults';
import { estimateSpeed } from './speed';
import { vllmMxfp4PaddingBytes } from './vllmExpertPadding';
import type { DeviceLoad, EstimateInput, EstimatePart, MemoryEstimate, Runtime, Verdict } from './types';
import { weightsBreakdown, type WeightsBreakdown } from './weights';

const fmt = (b: number) => formatBytes(b, { decimals: 2 });

function weightsPart(w: WeightsBreakdown, params: number): EstimatePart {
  const byType = Object.entries(w.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([t, b]) => `${t} ${fmt(b)}`)
    .join(' + ');
  return {
    name: 'weights',
    bytes: w.totalBytes,
    formula: `${byType} (${w.method})`,
    inputs: {
      params,
      method: w.method,
      tokenEmbdBytes: w.tokenEmbdBytes,
      outputBytes: w.outputBytes,
      bitsPerWeight: Math.round(((w.totalBytes * 8) / params) * 1000) / 1000,
    },
  };
}

function kvPart(kv: KvCacheEstimate, input: EstimateInput, parallel: number): EstimatePart {
  return {
    name: 'kvCache',
    bytes: kv.bytes,
    formula: kv.formula,
    inputs: {
      layers: kv.attentionLayers,
      kvHeads: input.model.architecture.kvHeads,
      headDim: input.model.architecture.headDim,
      ctx: input.ctx,
      cells: kv.cells,
      swaCells: kv.swaCells,
      swaLayers: kv.swaLayers,
      parallel,
      typeK: kv.typeK,
      typeV: kv.typeV,
    },
  };
}

/**
 * Memory a GPU holds back besides the runtime's own buffers. On CUDA/ROCm the driver context and
 * cuBLAS handles live in the same VRAM (Ollama's classic estimator kept 457 MiB for them). On Apple
 * the limit is Metal's recommendedMaxWorkingSetSize, which llama.cpp fills with its buffers alone
 * (its log prints "allocated buffer … (13166.98 / 49152.00)" on an M1 Max, llama.cpp#6114), so plain
 * llama.cpp reserves nothing inside it; Ollama's scheduler still keeps its 512 MiB there.
 */
function reserveOf(vendor: string, runtime: string): number {
  if (vendor === 'apple') return runtime === 'llama.cpp' ? 0 : METAL_RESERVE_BYTES;
  return CUDA_RESERVE_BYTES;
}

/** Tight when headroom after the load is under the runtime's margin (llama.cpp --fit: 1 GiB) or 5% of the device. */
function marginOf(runtime: string, usable: number): number {
  return runtime === 'llama.cpp' ? LLAMA_FIT_MARGIN_BYTES : Math.max(0.05 * usable, 512 * MiB);
}

function flashAttentionOf(input: EstimateInput, runtime: Runtime): boolean {
  return input.flashAttention ?? defaultFlashAttention(runtime, input.model, input.hardware);
}

// A fit check and its fixes estimate the same question many times (binary searches over context,
// each quantization, each alternative), and an editor asks again on every keystroke: remember
// estimates per model, quantization and hardware object, keyed by the rest of the question.
// Callers only read an estimate. Bounded: a full table is dropped, not grown.
const MAX_REMEMBERED = 4096;
const remembered = new WeakMap<object, WeakMap<object, WeakMap<object, Map<string, MemoryEstimate>>>>();

function rememberedFor(input: EstimateInput): Map<string, MemoryEstimate> {
  let byQuant = remembered.get(input.model);
  if (!byQuant) remembered.set(input.model, (byQuant = new WeakMap()));
  let byHardware = byQuant.get(input.quant);
  if (!byHardware) byQuant.set(input.quant, (byHardware = new WeakMap()));
  let table = byHardware.get(input.hardware);
  if (!table) byHardware.set(input.hardware, (table = new Map()));
  return table;
}

export function estimateMemory(input: EstimateInput): MemoryEstimate {
  const table = rememberedFor(input);
  const { model: _model, quant: _quant, hardware: _hardware, ...rest } = input;
  const key = JSON.stringify(rest);
  let estimate = table.get(key);
  if (!estimate) {
    if (table.size >= MAX_REMEMBERED) table.clear();
    table.set(key, (estimate = computeEstimate(input)));
  }
  return estimate;
}

function computeEstimate(input: EstimateInput): MemoryEstimate {
  const runtime = input.runtime ?? 'ollama';
  const a = input.model.architecture;
  const ctx = input.ctx === 0 ? a.contextLength : input.ctx;
  const parallel = Math.max(1, input.parallel ?? 1);
  const x = input.exactWeights;
  const exact = x && x.quantId === input.quant.id && x.modelId === input.model.id ? x.breakdown : undefined;
  const w = exact ?? weightsBreakdown(input.model, fileLayout(input.quant, runtime));
  const kv = kvCacheBytes({
    arch: a,
    ctx,
    parallel,
    typeK: input.kvType,
    typeV: input.kvTypeV,
    flashAttention: flashAttentionOf(input, runtime),
    runtime,
    unified: input.unifiedKv,
    swaFull: input.swaFull,
    microBatch: input.microBatch,
  });
  const base = { w, kv, ctx, parallel, runtime };
  return runtime === 'vllm' ? estimateVllm(input, base) : estimateLlama(input, base);
}

/**
 * The tensor types of the file the runtime actually loads. Ollama's library MXFP4 models (gpt-oss)
 * are converted from the checkpoint without requantizing: experts stay MXFP4 and every other tensor
 * BF16. Its loader logs "model weights" 12.8 GiB for gpt-oss:20b (ollama/ollama#12147), the
 * checkpoint layout, where llama.cpp's MXFP4_MOE GGUF (Q8_0 outside the experts) is 12.1 GB.
 */
function fileLayout(quant: EstimateInput['quant'], runtime: Runtime): EstimateInput['quant'] {
  return runtime === 'ollama' && quant.format === 'gguf' && /mxfp4/i.test(quant.id) ? { ...quant, format: 'safetensors' } : quant;
}

interface Base {
  w: WeightsBreakdown;
  kv: KvCacheEstimate;
  ctx: number;
  parallel: number;
  runtime: Runtime;
}

/**
 * RAM left for what runs on the CPU. On unified memory (Apple) the GPU's share is carved out of
 * the same RAM, so what the GPU holds is not there for the CPU a second time.
 */
function ramLimit(h: Hardware, gpuBytes: number): number {
  const ram = (h.ramBasis === 'available' ? (h.freeRamBytes ?? h.ramBytes) : (h.ramBytes ?? h.freeRamBytes)) ?? Infinity;
  return h.devices.some((d) => d.unified) ? ram - gpuBytes : ram;
}

function estimateLlama(input: EstimateInput, { w, kv, ctx, parallel, runtime }: Base): MemoryEstimate {
  const a = input.model.architecture;
  const L = a.layers;
  const nUb = input.microBatch ?? 512;
  const fa = flashAttentionOf(input, runtime);
  const comp = llamaComputeBuffers(a, kv.cells, nUb, fa);
  const devices = input.hardware.devices;
  const capacities = devices.map((d) => deviceUsableBytes(d, input.hardware));
  const reserve = devices.length ? reserveOf(devices[0].vendor, runtime) : 0;
  const pool = devices.length && devices[0].vendor !== 'apple' ? comp.cudaPoolBytes : 0;
  const requested = input.gpuLayers === undefined || input.gpuLayers < 0 ? L : Math.min(L, input.gpuLayers);
  const e = a.experts;
  const activeShare = e ? e.active / e.total : 1;
  const warnings = [...kv.warnings];

  const layerFull = w.layerBytes.map((b, i) => b + kv.layerBytes[i]);
  const layerNoExperts = w.layerBytes.map((b, i) => b - w.layerExpertBytes[i] + kv.layerBytes[i]);
  const fixed = reserve + comp.perDeviceBytes + pool;
  const output = w.outputBytes + comp.outputBytes;
  const place = (layers: number[], margin: boolean) =>
    placeLayers({
      capacities: capacities.map((c) => (margin ? c - marginOf(runtime, c) : c)),
      fixedPerDevice: fixed,
      layerBytes: layers.slice(0, requested),
      outputBytes: requested === L ? output : Infinity,
    });

  // MoE: like llama.cpp's --n-cpu-moe N (what --fit does first), keep the routed experts of the
  // first N layers in system RAM, with the smallest N that lets everything else stay on the GPU.
  const withCpuExperts = (n: number) => layerFull.map((b, i) => (i < n ? layerNoExperts[i] : b));
  const fixedMoe = e && input.cpuMoeLayers !== undefined ? Math.max(0, Math.min(L, Math.floor(input.cpuMoeLayers))) : undefined;
  let cpuMoeLayers = input.moeOffload === 'cpu' && e ? L : (fixedMoe ?? 0);
  let p = place(withCpuExperts(cpuMoeLayers), false);
  const fullyPlaced = (x: typeof p) => x.gpuLayers === L && x.outputOnGpu;
  if (
    !fullyPlaced(p) &&
    e &&
    input.moeOffload !== 'off' &&
    fixedMoe === undefined &&
    cpuMoeLayers === 0 &&
    requested === L &&
    fullyPlaced(place(layerNoExperts, false))
  ) {
    let lo = 1;
    let hi = L;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (fullyPlaced(place(withCpuExperts(mid), false))) hi = mid;
      else lo = mid + 1;
    }
    cpuMoeLayers = lo;
    p = place(withCpuExperts(lo), false);
  }
  const expertsOnCpu = cpuMoeLayers > 0;
  const layers = withCpuExperts(cpuMoeLayers);
  const cpuExperts = (i: number) => (i < cpuMoeLayers ? w.layerExpertBytes[i] : 0);
  const gpuLayers = devices.length ? p.gpuLayers : 0;
  const outputOnGpu = devices.length > 0 && p.outputOnGpu;

  // Everything not on a GPU lives in system RAM: the embedding table always, offloaded layers, their KV.
  let cpuBytes = w.tokenEmbdBytes + w.otherBytes;
  for (let i = gpuLayers; i < L; i++) cpuBytes += layerFull[i];
  for (let i = 0; i < gpuLayers; i++) cpuBytes += cpuExperts(i);
  if (!outputOnGpu) cpuBytes += w.outputBytes + (a.tiedEmbeddings ? -w.outputBytes : 0) + comp.outputBytes;
  if (gpuLayers < L) cpuBytes += comp.perDeviceBytes;

  // A layer count the user set (-ngl, num_gpu) is not negotiable: the runtime allocates it or fails.
  const forced = input.gpuLayers !== undefined && input.gpuLayers >= 0 && devices.length > 0;
  const forcedShort = forced && (p.gpuLayers < requested || (requested === L && !p.outputOnGpu));
  const ramForCpu = ramLimit(
    input.hardware,
    p.deviceBytes.reduce((s, b) => s + b, 0),
  );
  let verdict: Verdict;
  if (forcedShort) {
    verdict = 'wont-fit';
    warnings.push(
      `${input.gpuLayers} GPU layers were asked for; ${p.gpuLayers} fit — set -ngl/num_gpu to ${p.gpuLayers} (or leave it unset) to run the rest on the CPU`,
    );
  } else if (fullyPlaced(p) && !expertsOnCpu && devices.length) {
    verdict = fullyPlaced(place(layers, true)) ? 'fits' : 'tight';
  } else if (cpuBytes <= ramForCpu) {
    verdict = 'partial-offload';
  } else {
    verdict = 'wont-fit';
  }

  const usedDevices = p.deviceBytes.filter((b) => b > 0).length || (devices.length ? 1 : 0);
  const computeBytes = (comp.perDeviceBytes + pool) * Math.max(1, usedDevices) + comp.outputBytes;
  const overheadBytes = reserve * usedDevices;
  const usableBytes = capacities.reduce((s, c) => s + c, 0);

  // Speed: each device reads its layers' active weights and half the KV cache (a context filling up).
  let start = 0;
  const readOf = (i: number) =>
    w.layerBytes[i] - w.layerExpertBytes[i] * (1 - activeShare) - cpuExperts(i) * activeShare + kv.layerBytes[i] / 2;
  const gpuReads = devices.map((d, di) => {
    let bytes = 0;
    for (let i = start; i < start + p.deviceLayers[di]; i++) bytes += readOf(i);
    start += p.deviceLayers[di];
    return { bytes, bandwidthGBs: d.bandwidthGBs };
  });
  if (outputOnGpu && gpuReads.length) gpuReads[gpuReads.length - 1].bytes += w.outputBytes;
  let cpuRead = 0;
  for (let i = gpuLayers; i < L; i++) cpuRead += w.layerBytes[i] - w.layerExpertBytes[i] * (1 - activeShare) + kv.layerBytes[i] / 2;
  for (let i = 0; i < gpuLayers; i++) cpuRead += cpuExperts(i) * activeShare;
  if (!outputOnGpu) cpuRead += w.outputBytes;
  const speed =
    verdict === 'wont-fit' ? undefined : estimateSpeed({ gpu: gpuReads, cpuBytes: cpuRead, ramBandwidthGBs: input.ramBandwidthGBs });

  const deviceLoads: DeviceLoad[] = devices.map((d, i) => ({
    name: d.name,
    usableBytes: capacities[i],
    usedBytes: p.deviceBytes[i],
    layers: p.deviceLayers[i],
  }));
  const parts: EstimatePart[] = [
    weightsPart(w, input.model.params),
    kvPart(kv, input, parallel),
    {
      name: 'compute',
      bytes: computeBytes,
      formula:
        comp.formula +
        (pool ? ` + CUDA pool for the f16 KQ product ${fmt(pool)}` : '') +
        (usedDevices > 1 ? ` (scratch on each of ${usedDevices} GPUs)` : ''),
      inputs: comp.inputs,
    },
    {
      name: 'overhead',
      bytes: overheadBytes,
      formula: usedDevices
        ? `${fmt(reserve)} ${devices[0].vendor === 'apple' ? 'Metal' : 'CUDA/ROCm'} context reserve × ${usedDevices} GPU${usedDevices > 1 ? 's' : ''}`
        : 'CPU only: no GPU reserve',
      inputs: { reservePerDeviceBytes: reserve, devices: usedDevices },
    },
  ];
  const weightsBytes = w.totalBytes;
  return {
    weightsBytes,
    kvCacheBytes: kv.bytes,
    computeBytes,
    overheadBytes,
    totalBytes: weightsBytes + kv.bytes + computeBytes + overheadBytes,
    usableBytes,
    verdict,
    gpuLayers,
    totalLayers: L,
    tokensPerSecond: speed?.tokensPerSecond,
    speedBasis: speed?.basis,
    parts,
    devices: deviceLoads,
    cpuBytes,
    ramLimitBytes: Number.isFinite(ramForCpu) ? ramForCpu : undefined,
    ramBasis: input.hardware.ramBasis === 'available' && input.hardware.freeRamBytes !== undefined ? 'available' : 'total',
    expertsOnCpu,
    cpuMoeLayers: expertsOnCpu ? cpuMoeLayers : undefined,
    warnings: ctx !== input.ctx ? [...warnings, `context 0 means the trained context, ${ctx}`] : warnings,
  };
}

/**
 * Share of the KV cache one tensor-parallel rank holds. vLLM splits KV heads across ranks but
 * gives every rank at least one (`ModelConfig.get_num_kv_heads`: max(1, heads // tp)), so with
 * more ranks than KV heads the cache is replicated; MLA's latent cache has no heads to split
 * and every rank holds all of it.
 */
export function vllmKvShare(a: Architecture, tp: number): number {
  if (a.mla) return 1;
  return Math.max(1, Math.floor(a.kvHeads / tp)) / a.kvHeads;
}

function estimateVllm(input: EstimateInput, { w, kv, parallel }: Base): MemoryEstimate {
  const a = input.model.architecture;
  const devices = input.hardware.devices;
  const tp = Math.max(1, input.tensorParallel ?? 1);
  const util = input.gpuMemoryUtilization ?? VLLM_GPU_MEMORY_UTILIZATION;
  const warnings = [...kv.warnings];
  const batched = input.maxBatchedTokens ?? 8192;
  // Every rank profiles the same peak: tensor parallelism does not shrink it. vLLM's own sanity
  // check (vllm-project/vllm#10511) logged "PyTorch activation peak memory 1.26GiB" for
  // Meta-Llama-3-8B at -tp 1 and again on each rank at -tp 2, while the weights halved.
  const activationPerRank = vllmActivationBytes(a, batched);
  const used = devices.slice(0, tp);
  if (devices.length < tp) warnings.push(`tensor_parallel_size ${tp} needs ${tp} GPUs; ${devices.length} present`);
  const expertBytes = w.layerExpertBytes.reduce((s, x) => s + x, 0);
  const padding = vllmMxfp4PaddingBytes(a, input.quant.id, expertBytes, tp, used[0]);
  const weightsBytes = w.totalBytes + padding * tp;

  // cpu_offload_gb: each rank keeps that much of its weights in system RAM (vllm/config/cache.py).
  const offloadPerRank = Math.min(weightsBytes / tp, Math.max(0, input.cpuOffloadBytes ?? 0));
  const kvFixed = input.kvCacheMemoryBytes !== undefined ? Math.max(0, input.kvCacheMemoryBytes) : undefined;
  const perDevice = used.map((d) => {
    const fixed = weightsBytes / tp - offloadPerRank + activationPerRank + VLLM_NON_TORCH_BYTES;
    // kv_cache_memory_bytes replaces gpu_memory_utilization: the cache is that size, if the GPU has room for it.
    if (kvFixed !== undefined) {
      const room = (d.freeBytes ?? d.totalBytes) - fixed;
      return { budget: fixed + kvFixed, kvRoom: Math.min(kvFixed, room), fixed, freeOk: room >= kvFixed };
    }
    const budget = util * d.totalBytes;
    if (d.freeBytes !== undefined && d.freeBytes < budget)
      warnings.push(
        `${d.name}: free memory ${fmt(d.freeBytes)} is below gpu_memory_utilization × total (${fmt(budget)}); vLLM refuses to start`,
      );
    return { budget, kvRoom: budget - fixed, fixed, freeOk: d.freeBytes === undefined || d.freeBytes >= budget };
  });
  if (offloadPerRank > 0)
    warnings.push(`cpu_offload_gb keeps ${fmt(offloadPerRank)} of weights per GPU in system RAM, read over PCIe on every step`);
  const kvShare = vllmKvShare(a, tp);
  const kvNeeded = kv.bytes * kvShare;
  // What all ranks hold together: replicated KV heads and hidden-size activations count once per rank.
  const kvTotal = kvNeeded * tp;
  const activationTotal = activationPerRank * tp;
  let verdict: Verdict = 'wont-fit';
  if (used.length === tp && perDevice.every((d) => d.freeOk && d.kvRoom >= kvNeeded)) {
    verdict = perDevice.every((d) => d.kvRoom >= 2 * kvNeeded) ? 'fits' : 'tight';
  }
  const usableBytes = perDevice.reduce((s, d) => s + d.budget, 0);
  const overheadBytes = VLLM_NON_TORCH_BYTES * Math.max(1, used.length);
  const speed =
    verdict === 'wont-fit'
      ? undefined
      : estimateSpeed({
          gpu: used.map((d) => ({
            bytes:
              (w.totalBytes -
                w.tokenEmbdBytes -
                w.layerExpertBytes.reduce((s, x) => s + x, 0) * (1 - (a.experts ? a.experts.active / a.experts.total : 1)) +
                kv.bytes / 2) /
              tp,
            bandwidthGBs: d.bandwidthGBs,
          })),
          cpuBytes: offloadPerRank * tp,
        });
  if (padding > 0) warnings.push(`vLLM pads MXFP4 expert matrices to its MoE kernel's tiles: +${fmt(padding)} per GPU`);
  return {
    weightsBytes,
    kvCacheBytes: kvTotal,
    computeBytes: activationTotal,
    overheadBytes,
    totalBytes: weightsBytes + kvTotal + activationTotal + overheadBytes,
    usableBytes,
    verdict,
    gpuLayers: verdict === 'wont-fit' ? 0 : a.layers,
    totalLayers: a.layers,
    tokensPerSecond: speed?.tokensPerSecond,
    speedBasis: speed?.basis,
    parts: [
      padding > 0
        ? {
            ...weightsPart(w, input.model.params),
            bytes: weightsBytes,
            formula: `${weightsPart(w, input.model.params).formula}, + ${fmt(padding * tp)} MXFP4 tile padding`,
          }
        : weightsPart(w, input.model.params),
      kvShare * tp > 1
        ? {
            ...kvPart(kv, input, parallel),
            bytes: kvTotal,
            formula: `${kv.formula}; each of ${tp} ranks holds ${a.mla ? 'the whole MLA latent cache' : `${Math.max(1, Math.floor(a.kvHeads / tp))} of ${a.kvHeads} KV heads`} (${fmt(kvNeeded)})`,
          }
        : kvPart(kv, input, parallel),
      {
        name: 'compute',
        bytes: activationTotal,
        formula:
          `profiled activation peak ≈ ${batched} batched tokens × (2 × FFN + 6 × hidden) × 2 B` +
          (tp > 1 ? `, on each of ${tp} ranks (tensor parallelism does not shrink the profiled peak)` : ''),
        inputs: { maxBatchedTokens: batched, tensorParallel: tp, perRankBytes: activationPerRank },
      },
      {
        name: 'overhead',
        bytes: overheadBytes,
        formula: `non-torch memory (CUDA context, NCCL) ${fmt(VLLM_NON_TORCH_BYTES)} per GPU; usable = ${util} × VRAM`,
        inputs: { gpuMemoryUtilization: util, tensorParallel: tp },
      },
    ],
    devices: used.map((d, i) => ({
      name: d.name,
      usableBytes: perDevice[i].budget,
      usedBytes: perDevice[i].fixed + kvNeeded,
      layers: verdict === 'wont-fit' ? 0 : a.layers,
    })),
    cpuBytes: offloadPerRank * tp,
    expertsOnCpu: false,
    warnings,
  };
}
