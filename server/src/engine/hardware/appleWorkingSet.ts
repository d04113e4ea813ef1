import { GiB, MiB } from '../types';

/**
 * How much of an Apple Silicon Mac's unified memory the GPU may use by default: Metal's
 * `recommendedMaxWorkingSetSize`, which llama.cpp and Ollama read as the GPU's memory and which
 * llama.cpp warns about when exceeded. Apple does not document the formula; these are the values
 * llama.cpp printed (`ggml_metal_init: recommendedMaxWorkingSetSize = …`) on real machines:
 *
 *   8 GiB  → 5461.34 MiB (2/3)   ggml-org/llama.cpp#5207
 *   16 GiB → 10922.67 MiB (2/3)  abetlen/llama-cpp-python#687
 *   32 GiB → 21845.34 MiB (2/3)  ggml-org/llama.cpp#2011, ollama/ollama#434 (M1 Max, M2 Max)
 *   64 GiB → 49152.00 MiB (3/4)  ggml-org/llama.cpp#1870 (M1 Max)
 *
 * So: two thirds up to 32 GiB, three quarters above. This is approximate. Newer macOS releases
 * report more on large machines (107.52 GiB of 128 GiB on an M5 Max with macOS 26, antirez/ds4#893),
 * nothing observed pins the boundary between 32 and 64 GiB, and `sysctl iogpu.wired_limit_mb` raises
 * the limit. We keep the lower, older figure on purpose: a verdict that says "tight" where the
 * machine has a little more room is cheaper than one that says "fits" and then crashes. Users
 * who raised the limit set `runlocalai.vramGB`.
 */
export function appleGpuWorkingSetBytes(ramBytes: number): number {
  if (!(ramBytes > 0)) return 0;
  const share = ramBytes <= 32 * GiB ? 2 / 3 : 3 / 4;
  // Round to whole MiB like the reported values, so 32 GiB gives 21845 MiB and not a fraction.
  return Math.floor((ramBytes * share) / MiB) * MiB;
}
