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
  // A file that does not fit asks this on every validation, each time estimating every
  // quantization: remember the answer per model and hardware, keyed once by the rest.
  const { model, quant: _asked, hardware, ...rest } = input;
  let byHardware = rememberedLargest.get(model);
  if (!byHardware) rememberedLargest.set(model, (byHardware = new WeakMap()));
  let table = byHardware.get(hardware);
  if (!table) byHardware.set(hardware, (table = new Map()));
  const key = `${quants.map((q) => q.id).join(',')}|${JSON.stringify(rest)}`;
  const known = table.get(key);
  if (known && known.quants.length === quants.length && known.quants.every((q, i) => q === quants[i])) return known.answer;
  const answer = searchLargestQuant(input, quants);
  if (table.size >= MAX_REMEMBERED) table.clear();
  table.set(key, { quants: [...quants], answer });
  return answer;
}

const MAX_REMEMBERED = 1024;
const rememberedLargest = new WeakMap<
  object,
  WeakMap<object, Map<string, { quants: Quantization[]; answer: ReturnType<typeof searchLargestQuant> }>>
>();

function searchLargestQuant(input: EstimateInput, quants: Quantization[]): { quant: Quantization; estimate: MemoryEstimate } | undefined {
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
