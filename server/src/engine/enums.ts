// The vocabulary every layer shares: runtimes, KV cache types, GPU vendors, verdicts. Lists are
// the source of the types, so a new value is added once and every `switch`, flag and picker sees it.

/** Runtimes the estimator models. */
export const RUNTIMES = ['ollama', 'llama.cpp', 'vllm'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** KV cache storage types the estimator models. */
export const KV_CACHE_TYPES = ['f16', 'q8_0', 'q4_0', 'fp8'] as const;
export type KvCacheType = (typeof KV_CACHE_TYPES)[number];

/** What each runtime accepts: vLLM stores KV in the model dtype or fp8; llama.cpp and Ollama as f16, q8_0 or q4_0. */
export const KV_CACHE_TYPES_BY_RUNTIME: Record<Runtime, readonly KvCacheType[]> = {
  vllm: ['f16', 'fp8'],
  'llama.cpp': ['f16', 'q8_0', 'q4_0'],
  ollama: ['f16', 'q8_0', 'q4_0'],
};

export const GPU_VENDORS = ['nvidia', 'amd', 'intel', 'apple'] as const;
export type GpuVendor = (typeof GPU_VENDORS)[number];

/** Best first. */
export const VERDICTS = ['fits', 'tight', 'partial-offload', 'wont-fit'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function isRuntime(s: string): s is Runtime {
  return (RUNTIMES as readonly string[]).includes(s);
}

export function isKvCacheType(s: string): s is KvCacheType {
  return (KV_CACHE_TYPES as readonly string[]).includes(s);
}
