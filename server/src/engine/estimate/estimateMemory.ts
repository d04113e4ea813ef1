import { MiB } from '../types';
import type { EstimateInput, EstimatePart, MemoryEstimate, Verdict } from './types';

// First estimate (walking skeleton): weights by bits per weight, an f16/quantized KV cache,
// a compute buffer and a fixed runtime reserve per device. Issue 4 refines every part.

const KV_BYTES_PER_ELEMENT: Record<string, number> = { f16: 2, q8_0: 34 / 32, q4_0: 18 / 32, fp8: 1 };
/** Ollama's classic estimator reserved at least this much per CUDA/ROCm GPU (llm/memory.go). */
const RUNTIME_RESERVE_BYTES = 457 * MiB;
const MICRO_BATCH = 512;

export function estimateMemory(input: EstimateInput): MemoryEstimate {
  const { model, quant, ctx } = input;
  const a = model.architecture;
  const parallel = input.parallel ?? 1;
  const kvType = input.kvType ?? 'f16';

  const bitsPerWeight = quant.fileBitsPerWeight ?? (quant.blockBytes * 8) / quant.blockWeights;
  const weightsBytes = Math.round((model.params * bitsPerWeight) / 8);

  const kvBytesPerElement = KV_BYTES_PER_ELEMENT[kvType];
  const kvCacheBytes = Math.round(a.layers * a.kvHeads * (a.headDim + (a.vHeadDim ?? a.headDim)) * ctx * parallel * kvBytesPerElement);

  const computeBytes = MICRO_BATCH * a.vocab * 4 + MICRO_BATCH * Math.min(ctx, 8192) * a.heads * 4 / 8;
  const device = [...input.hardware.devices].sort((x, y) => usableOf(y) - usableOf(x))[0];
  const overheadBytes = device ? RUNTIME_RESERVE_BYTES : 0;
  const totalBytes = weightsBytes + kvCacheBytes + computeBytes + overheadBytes;
  const usableBytes = device ? usableOf(device) : 0;

  const perLayer = (weightsBytes + kvCacheBytes) / a.layers;
  const room = usableBytes - computeBytes - overheadBytes;
  const gpuLayers = usableBytes === 0 ? 0 : Math.max(0, Math.min(a.layers, Math.floor(room / perLayer)));

  let verdict: Verdict;
  if (usableBytes > 0 && totalBytes <= usableBytes * 0.9) verdict = 'fits';
  else if (usableBytes > 0 && totalBytes <= usableBytes) verdict = 'tight';
  else if (gpuLayers > 0 && fitsInRam(input, totalBytes - gpuLayers * perLayer)) verdict = 'partial-offload';
  else verdict = 'wont-fit';

  const parts: EstimatePart[] = [
    { name: 'weights', bytes: weightsBytes, formula: `${model.params} params × ${bitsPerWeight.toFixed(2)} bits / 8`, inputs: { params: model.params, bitsPerWeight } },
    {
      name: 'kvCache',
      bytes: kvCacheBytes,
      formula: `${a.layers} layers × ${a.kvHeads} KV heads × ${a.headDim * 2} (K+V dims) × ${ctx} tokens × ${parallel} × ${kvBytesPerElement} B`,
      inputs: { layers: a.layers, kvHeads: a.kvHeads, headDim: a.headDim, ctx, parallel, kvType },
    },
    { name: 'compute', bytes: computeBytes, formula: `${MICRO_BATCH} × vocab ${a.vocab} × 4 B + attention scratch`, inputs: { microBatch: MICRO_BATCH, vocab: a.vocab } },
    { name: 'overhead', bytes: overheadBytes, formula: 'CUDA/ROCm context reserve', inputs: { reserveBytes: overheadBytes } },
  ];
  return {
    weightsBytes,
    kvCacheBytes,
    computeBytes,
    overheadBytes,
    totalBytes,
    usableBytes,
    verdict,
    gpuLayers: verdict === 'fits' || verdict === 'tight' ? a.layers : gpuLayers,
    totalLayers: a.layers,
    parts,
  };
}

function usableOf(d: { totalBytes: number; freeBytes?: number }): number {
  return d.freeBytes ?? d.totalBytes;
}

function fitsInRam(input: EstimateInput, bytes: number): boolean {
  return input.hardware.ramBytes === undefined || bytes <= input.hardware.ramBytes;
}
