import type { Model, Quantization } from '../catalog/schema';
import type { Hardware } from '../hardware/types';
import type { WeightsBreakdown } from './weights';

import type { KvCacheType, Runtime, Verdict } from '../enums';

export type { KvCacheType, Runtime, Verdict };

export interface EstimateInput {
  model: Model;
  quant: Quantization;
  /** Context length in tokens the runtime will allocate. */
  ctx: number;
  kvType?: KvCacheType;
  /** Parallel sequences sharing the KV cache (Ollama OLLAMA_NUM_PARALLEL, llama.cpp -np). */
  parallel?: number;
  runtime?: Runtime;
  flashAttention?: boolean;
  /** Layers the user asked to put on the GPU (Ollama num_gpu, llama.cpp -ngl). */
  gpuLayers?: number;
  hardware: Hardware;
  /** V cache type when it differs from K (llama.cpp -ctv). */
  kvTypeV?: KvCacheType;
  /** One KV pool shared by all sequences (default) or one stream per sequence (llama-server without --kv-unified). */
  unifiedKv?: boolean;
  /** llama.cpp --swa-full: sliding-window layers keep the whole context. */
  swaFull?: boolean;
  /** llama.cpp -ub (default 512). */
  microBatch?: number;
  /** vLLM tensor_parallel_size (default 1). */
  tensorParallel?: number;
  /** vLLM gpu_memory_utilization (default 0.9). */
  gpuMemoryUtilization?: number;
  /** vLLM cpu_offload_gb, in bytes: weights each GPU keeps in system RAM instead. */
  cpuOffloadBytes?: number;
  /** vLLM kv_cache_memory_bytes: the KV cache per GPU, set directly instead of from gpu_memory_utilization. */
  kvCacheMemoryBytes?: number;
  /** vLLM max_num_batched_tokens of the profiling run (default 8192). */
  maxBatchedTokens?: number;
  /** MoE experts in system RAM: 'auto' when the model does not fit otherwise (llama.cpp --fit), 'cpu' always (--cpu-moe), 'off' never. */
  moeOffload?: 'auto' | 'cpu' | 'off';
  /** llama.cpp --n-cpu-moe N: the routed experts of the first N layers stay in system RAM, no automatic choice. */
  cpuMoeLayers?: number;
  /** System RAM bandwidth for the speed estimate (GB/s). */
  ramBandwidthGBs?: number;
  /** Weights measured from the file itself (a GGUF's tensors), used while model and quantization are still that file's. */
  exactWeights?: { modelId: string; quantId: string; breakdown: WeightsBreakdown };
}

/** What one GPU holds. */
export interface DeviceLoad {
  name: string;
  usableBytes: number;
  usedBytes: number;
  layers: number;
}

/** One part of the total, with the numbers that produced it so a user can check. */
export interface EstimatePart {
  name: 'weights' | 'kvCache' | 'compute' | 'overhead';
  bytes: number;
  /** Human formula with its inputs, e.g. "32 layers × 8 KV heads × 256 × 8192 cells × 2 B". */
  formula: string;
  inputs: Record<string, number | string | boolean>;
}

export interface MemoryEstimate {
  weightsBytes: number;
  kvCacheBytes: number;
  computeBytes: number;
  overheadBytes: number;
  totalBytes: number;
  /** Memory the runtime can allocate on the devices used (0 without a GPU). */
  usableBytes: number;
  verdict: Verdict;
  gpuLayers: number;
  totalLayers: number;
  /** Expected generation speed, with the basis in `speedBasis`. */
  tokensPerSecond?: number;
  speedBasis?: string;
  parts: EstimatePart[];
  /** Per device, in the order the runtime uses them. */
  devices?: DeviceLoad[];
  /** Bytes kept in system RAM (embeddings, offloaded layers or experts). */
  cpuBytes?: number;
  /** MoE routed experts kept in system RAM. */
  expertsOnCpu?: boolean;
  /** Layers whose routed experts stay in system RAM (llama.cpp --n-cpu-moe N). */
  cpuMoeLayers?: number;
  /** System RAM the CPU part may use: free RAM where known, less the GPU's share on unified memory. */
  ramLimitBytes?: number;
  /** What ramLimitBytes counts: total RAM (default) or what was available when detected. */
  ramBasis?: 'total' | 'available';
  /** Settings the runtime would change or refuse (quantized V without flash attention, ...). */
  warnings?: string[];
}
