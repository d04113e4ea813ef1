import type { Quantization } from '../catalog/schema';
import { estimateMemory } from './estimateMemory';
import type { EstimateInput, MemoryEstimate } from './types';
import { weightsBreakdown } from './weights';

const runsOnGpu = (e: MemoryEstimate) => e.verdict === 'fits' || e.verdict === 'tight';

/** The largest quantization (by weight bytes) among `quants` whose estimate fits or is tight; undefined if none. */
export function largestQuantThatFits(
  input: EstimateInput,
  quants: Quantization[],
): { quant: Quantization; estimate: MemoryEstimate } | undefined {
  const bySize = quants.map((q) => ({ q, bytes: weightsBreakdown(input.model, q).totalBytes })).sort((a, b) => b.bytes - a.bytes);
  for (const { q } of bySize) {
    const estimate = estimateMemory({ ...input, quant: q });
    if (runsOnGpu(estimate)) return { quant: q, estimate };
  }
  return undefined;
}

/**
 * The largest context (a multiple of `step`, at most the trained context) that fits on the GPU;
 * 0 when even `step` tokens do not. Memory grows with context, so a binary search is exact.
 */
export function largestContextThatFits(input: EstimateInput, step = 256): number {
  const max = Math.floor(input.model.architecture.contextLength / step);
  const fits = (k: number) => runsOnGpu(estimateMemory({ ...input, ctx: k * step }));
  if (max < 1 || !fits(1)) return 0;
  let lo = 1;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo * step;
}

/** Layers that fit on the GPUs at this context (Ollama num_gpu, llama.cpp -ngl). */
export function gpuLayersThatFit(input: EstimateInput): number {
  const { gpuLayers: _ignored, ...rest } = input;
  return estimateMemory({ ...rest, moeOffload: 'off' }).gpuLayers;
}
