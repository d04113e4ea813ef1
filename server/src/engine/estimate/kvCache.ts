import type { Architecture } from '../catalog/schema';
import { rowSize, type GgmlType } from './ggmlTypes';
import type { KvCacheType, Runtime } from './types';

/** llama.cpp pads the context to 256 cells (llama-context.cpp, since late 2025; the SWA cache likewise). */
export const LLAMA_CTX_PAD = 256;
/** vLLM pages the cache in blocks of 16 tokens by default. */
export const VLLM_BLOCK_TOKENS = 16;

export interface KvCacheInput {
  arch: Architecture;
  /** Context per sequence, in tokens. */
  ctx: number;
  parallel?: number;
  typeK?: KvCacheType;
  typeV?: KvCacheType;
  flashAttention?: boolean;
  runtime?: Runtime;
  /** One cell pool shared by all sequences (Ollama, llama-server `--kv-unified`); llama.cpp defaults to one stream per sequence. */
  unified?: boolean;
  /** `--swa-full`: sliding-window layers keep the whole context. */
  swaFull?: boolean;
  microBatch?: number;
}

export interface KvCacheEstimate {
  bytes: number;
  kBytes: number;
  vBytes: number;
  /** Bytes each model layer holds (0 for layers without attention), for placement. */
  layerBytes: number[];
  cells: number;
  swaCells: number;
  attentionLayers: number;
  swaLayers: number;
  recurrentLayers: number;
  typeK: KvCacheType;
  typeV: KvCacheType;
  streams: number;
  formula: string;
  warnings: string[];
}

const pad = (n: number, to: number) => Math.ceil(n / to) * to;

function ggmlKvType(t: KvCacheType): GgmlType {
  return t === 'fp8' ? 'f16' : t;
}

/** Which layers use a sliding window: of every `period` layers the last `global` attend fully (Gemma 2/3, gpt-oss). */
export function isSlidingLayer(arch: Architecture, il: number): boolean {
  const sw = arch.slidingWindow;
  if (!sw) return false;
  return il % sw.period < sw.period - sw.global;
}

/** KV geometry of full-attention layers when it differs from the sliding ones (Gemma 4). */
export function globalGeometry(arch: Architecture): { kvHeads: number; headDim: number } | undefined {
  const sw = arch.slidingWindow;
  if (!sw || (sw.globalKvHeads === undefined && sw.globalHeadDim === undefined)) return undefined;
  return { kvHeads: sw.globalKvHeads ?? arch.kvHeads, headDim: sw.globalHeadDim ?? arch.headDim };
}

function isRecurrentLayer(arch: Architecture, il: number): boolean {
  const r = arch.recurrentLayers ?? 0;
  if (r <= 0) return false;
  // Hybrids interleave; which index is which does not change the total, so spread them evenly.
  const attn = arch.layers - r;
  return Math.floor(((il + 1) * attn) / arch.layers) === Math.floor((il * attn) / arch.layers);
}

/**
 * KV cache bytes as the runtime allocates them: llama.cpp/Ollama by cells (context padded to
 * 256, per stream), row_size of the cache type per layer, sliding-window layers capped at
 * window × sequences + micro-batch (padded), MLA as its latent (K only), recurrent layers as
 * their state; vLLM by 16-token pages in the model dtype or FP8.
 */
export function kvCacheBytes(input: KvCacheInput): KvCacheEstimate {
  const { arch } = input;
  const runtime = input.runtime ?? 'llama.cpp';
  const parallel = Math.max(1, input.parallel ?? 1);
  const nUb = input.microBatch ?? 512;
  const warnings: string[] = [];
  let typeK: KvCacheType = input.typeK ?? 'f16';
  let typeV: KvCacheType = input.typeV ?? typeK;
  const fa = input.flashAttention ?? false;

  if (runtime !== 'vllm') {
    if (typeK === 'fp8' || typeV === 'fp8') {
      warnings.push('fp8 is a vLLM cache type; llama.cpp/Ollama use f16, q8_0 or q4_0 — counted as f16');
      if (typeK === 'fp8') typeK = 'f16';
      if (typeV === 'fp8') typeV = 'f16';
    }
    if (!fa && typeV !== 'f16') {
      warnings.push(`a quantized V cache needs flash attention: llama.cpp refuses it, Ollama falls back to f16 — counted as f16`);
      typeV = 'f16';
      if (runtime === 'ollama') typeK = 'f16';
    }
  } else {
    if (typeK === 'q8_0' || typeK === 'q4_0') warnings.push(`vLLM has no ${typeK} cache; its choices are auto and fp8`);
  }

  let cells: number;
  let swaCells: number;
  let streams: number;
  if (runtime === 'vllm') {
    streams = 1;
    cells = pad(input.ctx * parallel, VLLM_BLOCK_TOKENS);
    const w = arch.slidingWindow?.window ?? Infinity;
    swaCells = pad(Math.min(input.ctx, w) * parallel, VLLM_BLOCK_TOKENS);
  } else {
    // llama-server with an explicit -np gives each slot its own stream (kv_unified defaults to false).
    const unified = input.unified ?? runtime !== 'llama.cpp';
    const nCtx = pad(input.ctx * parallel, LLAMA_CTX_PAD);
    streams = unified ? 1 : parallel;
    const perStream = unified ? nCtx : pad(Math.floor(nCtx / parallel), LLAMA_CTX_PAD);
    cells = perStream;
    const w = arch.slidingWindow?.window;
    swaCells = w === undefined || input.swaFull ? perStream : pad(Math.min(perStream, w * (unified ? parallel : 1) + nUb), LLAMA_CTX_PAD);
  }

  const bytesOfType = (t: KvCacheType, n: number) => (runtime === 'vllm' ? n * (t === 'fp8' ? 1 : 2) : rowSize(ggmlKvType(t), n));
  const layerBytes: number[] = [];
  let kBytes = 0;
  let vBytes = 0;
  let attentionLayers = 0;
  let swaLayers = 0;
  let recurrentLayers = 0;
  const mla = arch.mla;
  for (let il = 0; il < arch.layers; il++) {
    if (isRecurrentLayer(arch, il)) {
      recurrentLayers++;
      const state = (arch.recurrentStateBytes ?? 0) * parallel;
      kBytes += state;
      layerBytes.push(state);
      continue;
    }
    attentionLayers++;
    const sliding = isSlidingLayer(arch, il);
    if (sliding) swaLayers++;
    const n = (sliding ? swaCells : cells) * streams;
    const g = !sliding ? globalGeometry(arch) : undefined;
    const kvHeads = g?.kvHeads ?? arch.kvHeads;
    const kDim = mla ? mla.kvLoraRank + mla.qkRopeHeadDim : kvHeads * (g?.headDim ?? arch.headDim);
    const vDim = mla ? 0 : kvHeads * (g?.headDim ?? arch.vHeadDim ?? arch.headDim);
    const k = bytesOfType(typeK, kDim) * n;
    const v = bytesOfType(typeV, vDim) * n;
    kBytes += k;
    vBytes += v;
    layerBytes.push(k + v);
  }

  const dims = mla
    ? `latent ${mla.kvLoraRank}+${mla.qkRopeHeadDim} (MLA, no V)`
    : `${arch.kvHeads} KV heads × (${arch.headDim}+${arch.vHeadDim ?? arch.headDim})`;
  const g = globalGeometry(arch);
  const swaText =
    swaLayers > 0
      ? ` (${swaLayers} sliding-window layers: ${swaCells} cells${g ? `; full-attention layers ${g.kvHeads} KV heads × ${g.headDim}` : ''})`
      : '';
  const recText = recurrentLayers > 0 ? ` + ${recurrentLayers} recurrent layers' state` : '';
  const formula =
    `${attentionLayers} layers × ${dims} × ${cells} cells${streams > 1 ? ` × ${streams} streams` : ''}${swaText} × ` +
    `${typeK === typeV ? typeK : `${typeK}/${typeV}`}${recText}`;
  return {
    bytes: Math.round(kBytes + vBytes),
    kBytes: Math.round(kBytes),
    vBytes: Math.round(vBytes),
    layerBytes,
    cells,
    swaCells,
    attentionLayers,
    swaLayers,
    recurrentLayers,
    typeK,
    typeV,
    streams,
    formula,
    warnings,
  };
}
