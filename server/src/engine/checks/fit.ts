import type { Catalog, Model, Quantization } from '../catalog/schema';
import { estimateMemory } from '../estimate/estimateMemory';
import { resolveRuntimeDefaults, type RuntimeSettings } from '../estimate/runtimeDefaults';
import type { EstimateInput, KvCacheType, MemoryEstimate, Runtime } from '../estimate/types';
import type { Hardware } from '../hardware/types';
import { BoundedMemo, fieldsKey, hardwareKey } from './memo';

export interface FitQuestion {
  model: Model;
  quant?: Quantization;
  /** Tokens as the config says; undefined = the runtime's default, 0 = the trained context. */
  ctx?: number;
  runtime: Runtime;
  gpuLayers?: number;
  kvType?: KvCacheType;
  parallel?: number;
  flashAttention?: boolean;
  /** vLLM tensor_parallel_size. */
  tensorParallel?: number;
  /** llama.cpp -ctv when it differs from -ctk. */
  kvTypeV?: KvCacheType;
  /** llama.cpp -ub. */
  microBatch?: number;
  /** vLLM gpu_memory_utilization. */
  gpuMemoryUtilization?: number;
  /** vLLM max_num_batched_tokens. */
  maxBatchedTokens?: number;
  /** llama.cpp --cpu-moe ('cpu'), or --fit off ('off'). */
  moeOffload?: EstimateInput['moeOffload'];
  /** llama.cpp --n-cpu-moe N. */
  cpuMoeLayers?: number;
  /** vLLM cpu_offload_gb and kv_cache_memory_bytes, in bytes. */
  cpuOffloadBytes?: number;
  kvCacheMemoryBytes?: number;
  /** The runtime's environment (OLLAMA_CONTEXT_LENGTH, OLLAMA_KV_CACHE_TYPE, ...), where known. */
  env?: Record<string, string | undefined>;
  /** Weights read from the model's own file (see EstimateInput.exactWeights). */
  exactWeights?: EstimateInput['exactWeights'];
}

export interface FitAnswer {
  estimate: MemoryEstimate;
  /** What was estimated, with the runtime's defaults filled in (for quick fixes that vary one thing). */
  input: EstimateInput;
  quant: Quantization;
  ctx: number;
  /** Where each setting came from (given, runtime default, model default, environment). */
  origins: RuntimeSettings['origins'];
  /** The explanation of a context the user did not give ("Ollama default context 4096 for 12 GiB of VRAM"). */
  ctxNote?: string;
  /** What the runtime's defaults decided or ignored ("OLLAMA_KV_CACHE_TYPE=q8_0 is ignored without flash attention"). */
  notes: string[];
}

export function defaultQuant(model: Model, catalog: Pick<Catalog, 'quantizations'>): Quantization {
  const id = model.ollamaDefaultQuant ?? 'Q4_K_M';
  const q = catalog.quantizations.find((x) => x.id === id) ?? catalog.quantizations.find((x) => x.id === 'Q4_K_M');
  if (!q) throw new Error(`catalog has no quantization ${id}`);
  return q;
}

/** Fit answers kept per catalog: a search for fixes asks the same questions again for every document. */
export const MAX_REMEMBERED_ANSWERS = 1024;
const rememberedAnswers = new WeakMap<object, BoundedMemo<FitAnswer>>();
const EXPANDED = new Set(['env']);

/**
 * Fills in what the runtime would default to (context, KV type, parallel), then estimates. The
 * answer is remembered per question and hardware (and shared: callers must not change it); the
 * catalog's models and quantizations count by identity, so a new catalog asks afresh.
 */
export function answerFit(q: FitQuestion, catalog: Pick<Catalog, 'quantizations'>, hardware: Hardware): FitAnswer {
  let memo = rememberedAnswers.get(catalog.quantizations);
  if (!memo) rememberedAnswers.set(catalog.quantizations, (memo = new BoundedMemo(MAX_REMEMBERED_ANSWERS)));
  const key = `${hardwareKey(hardware)}\0${fieldsKey(q, EXPANDED)}`;
  const known = memo.get(key);
  if (known) return known;
  const answer = computeFit(q, catalog, hardware);
  memo.set(key, answer);
  return answer;
}

/** How many fit answers are remembered for this catalog (for tests of the bound). */
export function rememberedFitAnswers(catalog: Pick<Catalog, 'quantizations'>): number {
  return rememberedAnswers.get(catalog.quantizations)?.size ?? 0;
}

/** answerFit without the memo: what the memo must always agree with. */
export function computeFit(q: FitQuestion, catalog: Pick<Catalog, 'quantizations'>, hardware: Hardware): FitAnswer {
  const quant = q.quant ?? defaultQuant(q.model, catalog);
  const defaults = resolveRuntimeDefaults(q.runtime, q.model, hardware, {
    ctx: q.ctx,
    kvType: q.kvType,
    parallel: q.parallel,
    flashAttention: q.flashAttention,
    microBatch: q.microBatch,
    gpuMemoryUtilization: q.gpuMemoryUtilization,
    env: q.env,
  });
  const input: EstimateInput = {
    model: q.model,
    quant,
    ctx: defaults.ctx,
    runtime: q.runtime,
    gpuLayers: q.gpuLayers,
    kvType: defaults.kvType,
    parallel: defaults.parallel,
    flashAttention: defaults.flashAttention,
    unifiedKv: defaults.unifiedKv,
    microBatch: defaults.microBatch,
    gpuMemoryUtilization: q.runtime === 'vllm' ? defaults.gpuMemoryUtilization : undefined,
    tensorParallel: q.tensorParallel,
    kvTypeV: q.kvTypeV,
    maxBatchedTokens: q.maxBatchedTokens,
    moeOffload: q.moeOffload,
    cpuMoeLayers: q.cpuMoeLayers,
    cpuOffloadBytes: q.cpuOffloadBytes,
    kvCacheMemoryBytes: q.kvCacheMemoryBytes,
    hardware,
    exactWeights: q.exactWeights,
  };
  return {
    estimate: estimateMemory(input),
    input,
    quant,
    ctx: defaults.ctx,
    origins: defaults.origins,
    ctxNote: defaults.origins.ctx === 'given' ? undefined : defaults.ctxNote,
    notes: defaults.notes,
  };
}
