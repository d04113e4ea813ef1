import type { Architecture, Catalog, Model, Quantization } from '../catalog/schema';
import type { WeightsBreakdown } from '../estimate/weights';
import { metaArrayLength, metaNumber, metaString, type GgufHeader, type GgufTensorInfo } from './gguf';
import { fileTypeName } from './ggufTypes';
import type { Provenance } from './types';
import { slugOf } from '../text/slug';

/**
 * Facts read from GGUF headers: the architecture from the `<arch>.*` metadata keys llama.cpp
 * writes for every architecture (src/llama-arch.cpp LLM_KV_*), the weights as the exact sum of
 * the tensors' sizes, and the quantization from general.file_type.
 */

// llama.cpp sets these sliding-window layouts in code rather than in the file (src/llama-model.cpp
// hparams.set_swa_pattern): of every N layers the last attends fully.
const KNOWN_SWA_PERIOD: Record<string, number> = { gemma2: 2, gemma3: 6, 'gpt-oss': 2, cohere2: 4 };

// Architectures Ollama enables flash attention for by default, as GGUF names them
// (ollama/ollama#11996, #12482, #12639, #12862).
const OLLAMA_FA_ARCHS = new Set(['gpt-oss', 'qwen3', 'qwen3moe', 'gemma3', 'qwen3vl', 'qwen3vlmoe']);

export class GgufFactsError extends Error {}

function slidingWindow(h: GgufHeader, arch: string, layers: number, warnings: string[]): Architecture['slidingWindow'] {
  const window = metaNumber(h, `${arch}.attention.sliding_window`);
  if (!window) return undefined;
  const pattern = h.metadata.get(`${arch}.attention.sliding_window_pattern`);
  if (Array.isArray(pattern) && typeof pattern[0] === 'boolean') {
    // One flag per layer, true for a sliding-window layer.
    const global = (pattern as boolean[]).filter((b) => !b).length;
    if (global === 0) return { window, period: 1, global: 0 };
    const period = layers / global;
    return Number.isInteger(period) ? { window, period, global: 1 } : { window, period: layers, global };
  }
  const period = typeof pattern === 'number' && pattern > 1 ? pattern : KNOWN_SWA_PERIOD[arch];
  if (period) return { window, period, global: 1 };
  warnings.push(`${arch} declares a sliding window of ${window} tokens but no layer pattern: the KV cache is counted in full`);
  return undefined;
}

function recurrentStateBytes(h: GgufHeader, arch: string): number | undefined {
  const conv = metaNumber(h, `${arch}.ssm.conv_kernel`);
  const state = metaNumber(h, `${arch}.ssm.state_size`);
  const inner = metaNumber(h, `${arch}.ssm.inner_size`);
  if (!conv || !state || !inner) return undefined;
  const groups = metaNumber(h, `${arch}.ssm.group_count`) ?? 1;
  // llama.cpp hparams n_embd_r (conv state) and n_embd_s (SSM state), both F32.
  return 4 * ((conv - 1) * (inner + 2 * groups * state) + state * inner);
}

/** The architecture llama.cpp would build from this header, whatever the architecture's name. */
export function architectureFromGguf(h: GgufHeader, warnings: string[] = []): { name: string; arch: Architecture } {
  const name = metaString(h, 'general.architecture');
  if (!name) throw new GgufFactsError('GGUF has no general.architecture');
  const key = (k: string) => metaNumber(h, `${name}.${k}`);
  const need = (k: string) => {
    const v = key(k);
    if (v === undefined || v <= 0) throw new GgufFactsError(`GGUF has no ${name}.${k}`);
    return v;
  };
  const layers = need('block_count');
  const hidden = need('embedding_length');
  const tensor = (n: string) => h.tensors.find((t) => t.name === n);
  const heads = key('attention.head_count') || 1;
  const kvRaw = h.metadata.get(`${name}.attention.head_count_kv`);
  // Hybrids write one KV head count per layer, 0 for the recurrent ones.
  const kvList = Array.isArray(kvRaw) ? (kvRaw as number[]) : undefined;
  const kvHeads = Math.max(1, (kvList ? Math.max(...kvList) : key('attention.head_count_kv')) ?? heads);
  const recurrentFromKv = kvList ? kvList.filter((n) => n === 0).length : 0;
  const ssmState = recurrentStateBytes(h, name);
  const recurrentLayers = recurrentFromKv || (ssmState && !key('attention.head_count') ? layers : 0);

  const kvLoraRank = key('attention.kv_lora_rank');
  const rope = key('rope.dimension_count');
  let mla: Architecture['mla'];
  if (kvLoraRank && rope) {
    // Newer converters write the absorbed shapes in key_length/value_length and the per-head ones in *_mla.
    const keyLen = key('attention.key_length_mla') ?? need('attention.key_length');
    const valueLen = key('attention.value_length_mla') ?? need('attention.value_length');
    mla = { kvLoraRank, qLoraRank: key('attention.q_lora_rank'), qkRopeHeadDim: rope, qkNopeHeadDim: keyLen - rope, vHeadDim: valueLen };
    if (mla.qLoraRank === undefined) delete mla.qLoraRank;
  }
  const headDim = mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : (key('attention.key_length') ?? Math.round(hidden / heads));
  const valueLength = key('attention.value_length');
  const vHeadDim = mla ? mla.vHeadDim : valueLength !== undefined && valueLength !== headDim ? valueLength : undefined;

  const embd = tensor('token_embd.weight');
  const vocab = key('vocab_size') ?? embd?.shape[1] ?? metaArrayLength(h, 'tokenizer.ggml.tokens');
  if (!vocab) throw new GgufFactsError(`GGUF has no ${name}.vocab_size, token_embd.weight or tokenizer.ggml.tokens`);
  const context = key('context_length');
  if (!context) warnings.push(`GGUF has no ${name}.context_length: assumed 4096`);

  const expertCount = key('expert_count');
  let experts: Architecture['experts'];
  if (expertCount && expertCount > 1) {
    const shared = key('expert_shared_count') ?? 0;
    const sharedFf = key('expert_shared_feed_forward_length');
    experts = {
      total: expertCount,
      active: key('expert_used_count') ?? 1,
      shared,
      intermediate: key('expert_feed_forward_length') ?? need('feed_forward_length'),
      ...(sharedFf ? { sharedIntermediate: sharedFf * Math.max(1, shared) } : {}),
      denseLayers: key('leading_dense_block_count') ?? 0,
    };
  }
  const intermediate = key('feed_forward_length') || experts?.intermediate || 4 * hidden;

  const arch: Architecture = {
    layers,
    hidden,
    heads,
    kvHeads,
    headDim,
    ...(vHeadDim !== undefined ? { vHeadDim } : {}),
    intermediate,
    vocab,
    tiedEmbeddings: !tensor('output.weight'),
    contextLength: context ?? 4096,
    ...(experts ? { experts } : {}),
    ...(mla ? { mla } : {}),
    ...(recurrentLayers ? { recurrentLayers, recurrentStateBytes: ssmState ?? 0 } : {}),
  };
  const sw = slidingWindow(h, name, layers, warnings);
  if (sw) arch.slidingWindow = sw;
  if (recurrentLayers && ssmState === undefined) warnings.push('recurrent layers without ssm.* sizes: their state is counted as 0');
  return { name, arch };
}

const LAYER = /^blk\.(\d+)\./;

/** The exact bytes of the tensors, placed as the estimator places layers, experts and embeddings. */
export function breakdownFromTensors(tensors: GgufTensorInfo[], arch: Architecture, projectorBytes = 0): WeightsBreakdown {
  const b: WeightsBreakdown = {
    totalBytes: 0,
    layerBytes: new Array(arch.layers).fill(0),
    layerExpertBytes: new Array(arch.layers).fill(0),
    tokenEmbdBytes: 0,
    outputBytes: 0,
    otherBytes: 0,
    byType: {},
    method: `exact: ${tensors.length} tensors read from the GGUF header`,
  };
  for (const t of tensors) {
    b.totalBytes += t.bytes;
    const type = t.type.toUpperCase();
    b.byType[type] = (b.byType[type] ?? 0) + t.bytes;
    const m = LAYER.exec(t.name);
    const layer = m ? Number(m[1]) : -1;
    if (layer >= 0 && layer < arch.layers) {
      b.layerBytes[layer] += t.bytes;
      if (t.name.includes('_exps.')) b.layerExpertBytes[layer] += t.bytes;
    } else if (t.name === 'token_embd.weight') b.tokenEmbdBytes += t.bytes;
    else if (t.name === 'output.weight') b.outputBytes += t.bytes;
    else b.otherBytes += t.bytes;
  }
  // Tied embeddings: llama.cpp loads a second copy of the table as the output layer on the GPU.
  if (arch.tiedEmbeddings) b.outputBytes = b.tokenEmbdBytes;
  if (projectorBytes > 0) {
    b.otherBytes += projectorBytes;
    b.totalBytes += projectorBytes;
    b.byType.mmproj = projectorBytes;
    b.method += ' + vision projector';
  }
  return b;
}

/** The quantization the file was written as: general.file_type, else the type holding most bytes. */
export function quantizationOfGguf(h: GgufHeader, tensors: GgufTensorInfo[], catalog: Pick<Catalog, 'quantizations'>): Quantization {
  const named = fileTypeName(metaNumber(h, 'general.file_type'));
  let id = named;
  if (!id) {
    const byType = new Map<string, number>();
    for (const t of tensors) if (t.shape.length > 1) byType.set(t.type, (byType.get(t.type) ?? 0) + t.bytes);
    id = [...byType.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]?.toUpperCase() ?? 'F32';
  }
  const known = catalog.quantizations.find((q) => q.format === 'gguf' && (q.id === id || q.aliases.includes(id)));
  if (known) return known;
  const elements = tensors.reduce((n, t) => n + t.elements, 0);
  const bytes = tensors.reduce((n, t) => n + t.bytes, 0);
  // A label the catalog does not list (IQ2_M, a dynamic per-uploader mix): its measured bits per weight.
  return {
    id,
    format: 'gguf',
    aliases: [],
    blockBytes: elements > 0 ? bytes / elements : 1,
    blockWeights: 1,
    fileBitsPerWeight: elements > 0 ? (bytes * 8) / elements : undefined,
    description: `${id}, as the GGUF file says`,
    kvCache: false,
    sources: [{ title: 'GGUF header', url: 'https://github.com/ggml-org/ggml/blob/master/docs/gguf.md' }],
  };
}

export interface GgufModelInput {
  /** The first part (or the only file), whose metadata describes the model. */
  header: GgufHeader;
  /** Tensors of every part of a split model. */
  tensors: GgufTensorInfo[];
  /** Bytes of a vision projector loaded beside it. */
  projectorBytes?: number;
  /** A name for the model when general.name is missing. */
  fallbackName: string;
  provenance: Provenance;
}

function idOf(s: string): string {
  return slugOf(s) || 'gguf-model';
}

/** A catalog-shaped model, its quantization and exact weights, from GGUF headers. */
export function factsFromGguf(input: GgufModelInput, catalog: Pick<Catalog, 'quantizations'>) {
  const warnings: string[] = [];
  const { name: archName, arch } = architectureFromGguf(input.header, warnings);
  const weights = breakdownFromTensors(input.tensors, arch, input.projectorBytes ?? 0);
  const quant = quantizationOfGguf(input.header, input.tensors, catalog);
  const params = input.tensors.reduce((n, t) => n + t.elements, 0);
  const e = arch.experts;
  const expertParams = input.tensors.filter((t) => t.name.includes('_exps.')).reduce((n, t) => n + t.elements, 0);
  const name = metaString(input.header, 'general.name') ?? input.fallbackName;
  const model: Model = {
    id: idOf(name),
    name,
    family: archName,
    developer: metaString(input.header, 'general.organization') ?? 'unknown',
    params,
    ...(e && expertParams > 0 ? { activeParams: Math.round(params - expertParams + (expertParams * e.active) / e.total) } : {}),
    ollama: [],
    huggingface: [],
    aliases: [],
    purpose: [],
    gguf: [],
    dtype: 'bf16',
    ollamaFlashAttention: OLLAMA_FA_ARCHS.has(archName),
    architecture: arch,
    sources: [{ title: 'GGUF header', url: 'https://github.com/ggml-org/ggml/blob/master/docs/gguf.md', note: input.provenance.path }],
  };
  return { model, quant, weights, warnings };
}
