import type { Model } from '../catalog/schema';
import type { Hardware } from '../hardware/types';
import { GiB, MiB } from '../types';
import type { KvCacheType, Runtime } from './types';

/**
 * The defaults each runtime applies when the user says nothing, because they change memory.
 * Sources: Ollama envconfig/config.go and server/routes.go (context by VRAM tier), llama.cpp
 * common/arg.cpp and common/fit.cpp, vLLM vllm/config/cache.py and engine/arg_utils.py.
 */
export interface RuntimeSettings {
  runtime: Runtime;
  ctx: number;
  parallel: number;
  kvType: KvCacheType;
  flashAttention: boolean;
  microBatch: number;
  /** One shared KV pool (Ollama; llama-server only with --kv-unified or automatic slots). */
  unifiedKv: boolean;
  /** vLLM: the share of each GPU's memory the engine may use. */
  gpuMemoryUtilization: number;
  /** Where each value came from, for the explanation. */
  notes: string[];
  /** Where each value came from, as data: given by the user, the runtime's default, the model's, or the environment. */
  origins: Record<SettingName, ValueOrigin>;
  /** Why the context is what it is when the user did not give it (or gave more than the model has). */
  ctxNote?: string;
}

export type SettingName = 'ctx' | 'parallel' | 'kvType' | 'flashAttention' | 'gpuMemoryUtilization';
export type ValueOrigin = 'given' | 'runtime-default' | 'model-default' | 'environment';

export interface RuntimeOverrides {
  ctx?: number;
  parallel?: number;
  kvType?: KvCacheType;
  flashAttention?: boolean;
  microBatch?: number;
  gpuMemoryUtilization?: number;
  /** Environment variables as the runtime would see them (OLLAMA_*). */
  env?: Record<string, string | undefined>;
}

/** Ollama's classic estimator reserved at least this much per CUDA/ROCm GPU (llm/memory.go). */
export const CUDA_RESERVE_BYTES = 457 * MiB;
/** ...and this much on Metal. */
export const METAL_RESERVE_BYTES = 512 * MiB;
/** llama.cpp `--fit-target` default: free memory it leaves on each device. */
export const LLAMA_FIT_MARGIN_BYTES = 1024 * MiB;
export const VLLM_GPU_MEMORY_UTILIZATION = 0.9;

/** Ollama's default context when neither the Modelfile nor OLLAMA_CONTEXT_LENGTH sets one. */
export function ollamaDefaultContext(totalVramBytes: number): number {
  if (totalVramBytes >= 47 * GiB) return 262144;
  if (totalVramBytes >= 23 * GiB) return 32768;
  return 4096;
}

function envBool(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  return ['1', 'true', 'yes', 'on'].includes(v.trim().toLowerCase());
}

function envInt(v: string | undefined): number | undefined {
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function envKv(v: string | undefined): KvCacheType | undefined {
  const s = v?.trim().toLowerCase();
  return s === 'f16' || s === 'q8_0' || s === 'q4_0' ? s : undefined;
}

/**
 * Flash attention when nothing says otherwise: vLLM always uses its own attention kernels;
 * llama.cpp's `-fa auto` turns it on where a GPU backend supports it; Ollama keeps it off except
 * for architectures it enables it for (gpt-oss, qwen3, gemma3: the catalog's ollamaFlashAttention),
 * and OLLAMA_FLASH_ATTENTION overrides both ways (ollama/ollama#12473).
 */
export function defaultFlashAttention(
  runtime: Runtime,
  model: Model,
  hardware: Hardware,
  env: Record<string, string | undefined> = {},
): boolean {
  if (runtime === 'vllm') return true;
  if (runtime === 'llama.cpp') return hardware.devices.length > 0;
  return envBool(env.OLLAMA_FLASH_ATTENTION) ?? model.ollamaFlashAttention;
}

export function resolveRuntimeDefaults(runtime: Runtime, model: Model, hardware: Hardware, o: RuntimeOverrides = {}): RuntimeSettings {
  const env = o.env ?? {};
  const trained = model.architecture.contextLength;
  const notes: string[] = [];
  if (runtime === 'ollama') {
    // server/routes.go (ollama/ollama@fb307609) sums TotalMemory − OLLAMA_GPU_OVERHEAD over every
    // discovered GPU before picking the tier, so two 24 GiB cards get the 47 GiB tier.
    const overhead = envInt(env.OLLAMA_GPU_OVERHEAD) ?? 0;
    const totalVram = hardware.devices.reduce((s, d) => s + Math.max(0, d.totalBytes - overhead), 0);
    const origins = baseOrigins(o);
    let ctx = o.ctx ?? envInt(env.OLLAMA_CONTEXT_LENGTH);
    let ctxNote: string | undefined;
    if (o.ctx === undefined && ctx !== undefined) {
      origins.ctx = 'environment';
      ctxNote = `OLLAMA_CONTEXT_LENGTH=${ctx}`;
    }
    if (ctx === undefined) {
      ctx = ollamaDefaultContext(totalVram);
      ctxNote = `Ollama default context ${ctx} for ${(totalVram / GiB).toFixed(0)} GiB of VRAM`;
      notes.push(ctxNote);
    }
    if (ctx > trained) {
      ctxNote = `Ollama caps num_ctx ${ctx} at the trained context ${trained}`;
      notes.push(ctxNote);
      ctx = trained;
      origins.ctx = 'model-default';
    }
    const flashAttention = o.flashAttention ?? defaultFlashAttention(runtime, model, hardware, env);
    if (o.flashAttention === undefined && env.OLLAMA_FLASH_ATTENTION !== undefined) origins.flashAttention = 'environment';
    if (o.flashAttention === undefined && env.OLLAMA_FLASH_ATTENTION === undefined && model.ollamaFlashAttention) {
      origins.flashAttention = 'model-default';
      notes.push(`Ollama turns flash attention on for ${model.family} by default (OLLAMA_FLASH_ATTENTION=0 turns it off)`);
    }
    let kvType = o.kvType ?? envKv(env.OLLAMA_KV_CACHE_TYPE) ?? 'f16';
    if (o.kvType === undefined && envKv(env.OLLAMA_KV_CACHE_TYPE)) origins.kvType = 'environment';
    if (kvType !== 'f16' && !flashAttention) {
      notes.push(`OLLAMA_KV_CACHE_TYPE=${kvType} is ignored without flash attention`);
      kvType = 'f16';
      origins.kvType = 'runtime-default';
    }
    const parallel = o.parallel ?? envInt(env.OLLAMA_NUM_PARALLEL) ?? 1;
    if (o.parallel === undefined && envInt(env.OLLAMA_NUM_PARALLEL)) origins.parallel = 'environment';
    return {
      runtime,
      ctx,
      parallel,
      kvType,
      flashAttention,
      microBatch: o.microBatch ?? 512,
      unifiedKv: true,
      gpuMemoryUtilization: 1,
      notes,
      origins,
      ctxNote,
    };
  }
  if (runtime === 'llama.cpp') {
    const origins = baseOrigins(o);
    let ctx = o.ctx ?? 4096;
    let ctxNote = o.ctx === undefined ? 'llama.cpp default context 4096' : undefined;
    if (ctx === 0) {
      ctxNote = `-c 0 means the trained context, ${trained}`;
      notes.push(ctxNote);
      ctx = trained;
      origins.ctx = 'model-default';
    }
    return {
      runtime,
      ctx,
      parallel: o.parallel ?? 1,
      kvType: o.kvType ?? 'f16',
      // -fa defaults to auto, which turns it on where the backend supports it.
      flashAttention: o.flashAttention ?? defaultFlashAttention(runtime, model, hardware),
      microBatch: o.microBatch ?? 512,
      unifiedKv: false,
      gpuMemoryUtilization: 1,
      notes,
      origins,
      ctxNote,
    };
  }
  const origins = baseOrigins(o);
  const ctx = o.ctx ?? trained;
  let ctxNote: string | undefined;
  if (o.ctx === undefined) {
    ctxNote = `vLLM max_model_len defaults to the model's maximum, ${trained}`;
    notes.push(ctxNote);
    origins.ctx = 'model-default';
  }
  return {
    runtime,
    ctx,
    parallel: o.parallel ?? 1,
    kvType: o.kvType ?? 'f16',
    flashAttention: true,
    microBatch: o.microBatch ?? 512,
    unifiedKv: true,
    gpuMemoryUtilization: o.gpuMemoryUtilization ?? VLLM_GPU_MEMORY_UTILIZATION,
    notes,
    origins,
    ctxNote,
  };
}

/** Given where the user said it, the runtime's default otherwise; each branch then refines. */
function baseOrigins(o: RuntimeOverrides): Record<SettingName, ValueOrigin> {
  const of = (v: unknown): ValueOrigin => (v === undefined ? 'runtime-default' : 'given');
  return {
    ctx: of(o.ctx),
    parallel: of(o.parallel),
    kvType: of(o.kvType),
    flashAttention: of(o.flashAttention),
    gpuMemoryUtilization: of(o.gpuMemoryUtilization),
  };
}
