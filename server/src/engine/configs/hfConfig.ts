import type { Architecture, Catalog, Model, Quantization } from '../catalog/schema';
import { countParameters, countActiveParameters } from '../estimate/tensors';
import { excerpt } from '../text/excerpt';

/** A Hugging Face config.json read as an architecture the estimator understands. */
export interface HfConfigInfo {
  modelType: string;
  architecture: Architecture;
  /** Parameters implied by the architecture. */
  params: number;
  activeParams?: number;
  dtype: Model['dtype'];
  quantization?: { method: string; bits?: number; groupSize?: number };
  warnings: string[];
}

export class HfConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HfConfigError';
  }
}

type Json = Record<string, unknown>;

function num(c: Json, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = c[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/**
 * Documented maxima of the sizes read from config.json (README): far above every released model,
 * low enough that nothing they size (per-layer tables, parameter counts) can exhaust memory.
 */
export const HF_CONFIG_LIMITS = {
  layers: 1024,
  width: 1 << 20,
  heads: 1 << 14,
  vocab: 1 << 24,
  context: 1 << 27,
  experts: 1 << 14,
} as const;

/** A whole number from `min` to `max` under the first of `keys` present; undefined when none is. */
function count(c: Json, max: number, min: number, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = c[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      const shown = typeof v === 'number' || typeof v === 'boolean' ? String(v) : `a ${Array.isArray(v) ? 'list' : typeof v}`;
      throw new HfConfigError(`config.json ${k} must be a whole number from ${min} to ${max}, got ${excerpt(shown, 30)}`);
    }
    return v;
  }
  return undefined;
}

/** A required size: a whole number from 1 to `max`. */
function needCount(c: Json, what: string, max: number, ...keys: string[]): number {
  const v = count(c, max, 1, ...keys);
  if (v === undefined) throw new HfConfigError(`config.json has no ${what} (${keys.join(' / ')})`);
  return v;
}

function dtypeOf(c: Json): Model['dtype'] {
  const d = String(c.torch_dtype ?? c.dtype ?? 'bfloat16').toLowerCase();
  if (d.includes('bfloat16') || d === 'bf16') return 'bf16';
  if (d.includes('float16') || d === 'fp16' || d === 'f16') return 'f16';
  if (d.includes('float32') || d === 'fp32') return 'f32';
  return 'bf16';
}

/** Sliding-window layout from `layer_types`, `sliding_window_pattern` or the families that always interleave. */
function slidingWindow(c: Json, layers: number, modelType: string): Architecture['slidingWindow'] {
  const sw = slidingLayout(c, layers, modelType);
  if (!sw) return undefined;
  const globalKvHeads = num(c, 'num_global_key_value_heads');
  const globalHeadDim = num(c, 'global_head_dim');
  return { ...sw, ...(globalKvHeads ? { globalKvHeads } : {}), ...(globalHeadDim ? { globalHeadDim } : {}) };
}

function slidingLayout(c: Json, layers: number, modelType: string): Architecture['slidingWindow'] {
  const window = count(c, HF_CONFIG_LIMITS.context, 1, 'sliding_window');
  if (!window) return undefined;
  const types = Array.isArray(c.layer_types) ? (c.layer_types as unknown[]).map(String) : undefined;
  if (types) {
    const global = types.filter((t) => t === 'full_attention').length;
    const sliding = types.filter((t) => t === 'sliding_attention').length;
    if (sliding === 0) return undefined;
    if (global === 0) return { window, period: 1, global: 0 };
    const period = layers / global;
    return Number.isInteger(period) ? { window, period, global: 1 } : { window, period: layers, global };
  }
  const pattern = count(c, layers, 1, 'sliding_window_pattern');
  if (pattern && pattern > 1) return { window, period: pattern, global: 1 };
  if (modelType === 'gemma2' || modelType === 'cohere2' || modelType === 'gpt_oss') return { window, period: 2, global: 1 };
  if (modelType === 'gemma3' || modelType === 'gemma3_text') return { window, period: 6, global: 1 };
  // Mistral-style `sliding_window` on every layer: llama.cpp does not apply it, so it is not modelled.
  return undefined;
}

function quantization(c: Json): HfConfigInfo['quantization'] {
  const q = c.quantization_config as Json | undefined;
  if (!q || typeof q !== 'object') return undefined;
  const method = String(q.quant_method ?? q.quant_type ?? 'unknown').toLowerCase();
  let bits = num(q, 'bits', 'w_bit', 'num_bits');
  if (bits === undefined && q.load_in_4bit === true) bits = 4;
  if (bits === undefined && q.load_in_8bit === true) bits = 8;
  if (bits === undefined && method === 'fp8') bits = 8;
  return { method, bits, groupSize: num(q, 'group_size', 'q_group_size') };
}

/**
 * Bytes of one recurrent layer's state for one sequence, F32, as llama.cpp sizes it
 * (src/llama-hparams.cpp: conv state (d_conv − 1) × (d_inner + 2 · groups · d_state), SSM state
 * d_state × d_inner). Qwen3-Next's Gated DeltaNet maps onto it as convert_hf_to_gguf.py writes
 * it: conv kernel, key head dim as d_state, key heads as groups, value heads × value dim as d_inner.
 */
function recurrentState(c: Json, hidden: number): number | undefined {
  const W = HF_CONFIG_LIMITS.width;
  const conv = count(c, W, 1, 'linear_conv_kernel_dim', 'mamba_d_conv', 'conv_kernel', 'd_conv');
  const state = count(c, W, 1, 'linear_key_head_dim', 'mamba_d_state', 'state_size', 'd_state');
  if (!conv || !state) return undefined;
  const groups = count(c, W, 1, 'linear_num_key_heads', 'mamba_n_groups', 'n_groups') ?? 1;
  const vHeads = count(c, W, 1, 'linear_num_value_heads', 'mamba_num_heads');
  const vDim = count(c, W, 1, 'linear_value_head_dim', 'mamba_head_dim');
  const inner = vHeads && vDim ? vHeads * vDim : (count(c, 64, 1, 'mamba_expand', 'expand') ?? 2) * hidden;
  return 4 * ((conv - 1) * (inner + 2 * groups * state) + state * inner);
}

/**
 * Parses config.json text. Multimodal wrappers (Gemma 3, Llama 4, Qwen-VL) keep the language
 * model under `text_config`, which is read instead, with top-level keys as fallbacks.
 */
export function parseHfConfig(text: string): HfConfigInfo {
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch (e) {
    throw new HfConfigError(`config.json is not valid JSON: ${(e as Error).message}`);
  }
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new HfConfigError('config.json must be a JSON object');
  const c: Json = typeof root.text_config === 'object' && root.text_config ? { ...root, ...(root.text_config as Json) } : root;
  const modelType = String(c.model_type ?? root.model_type ?? 'unknown');
  const warnings: string[] = [];

  const layers = needCount(c, 'layer count', HF_CONFIG_LIMITS.layers, 'num_hidden_layers', 'n_layer', 'num_layers');
  const hidden = needCount(c, 'hidden size', HF_CONFIG_LIMITS.width, 'hidden_size', 'n_embd', 'd_model');
  const heads = needCount(c, 'attention head count', HF_CONFIG_LIMITS.heads, 'num_attention_heads', 'n_head');
  const kvHeads = count(c, heads, 1, 'num_key_value_heads', 'num_kv_heads', 'n_head_kv') ?? heads;
  const vocab = needCount(c, 'vocabulary size', HF_CONFIG_LIMITS.vocab, 'vocab_size');
  const declaredContext = count(
    c,
    HF_CONFIG_LIMITS.context,
    1,
    'max_position_embeddings',
    'n_positions',
    'max_sequence_length',
    'seq_length',
  );
  const contextLength = declaredContext ?? 4096;
  if (declaredContext === undefined) warnings.push('no max_position_embeddings: assumed 4096');

  const kvLoraRank = count(c, HF_CONFIG_LIMITS.width, 1, 'kv_lora_rank');
  const mla: Architecture['mla'] = kvLoraRank
    ? {
        kvLoraRank,
        qLoraRank: count(c, HF_CONFIG_LIMITS.width, 1, 'q_lora_rank'),
        qkRopeHeadDim: needCount(c, 'qk_rope_head_dim', HF_CONFIG_LIMITS.width, 'qk_rope_head_dim'),
        qkNopeHeadDim: needCount(c, 'qk_nope_head_dim', HF_CONFIG_LIMITS.width, 'qk_nope_head_dim'),
        vHeadDim: needCount(c, 'v_head_dim', HF_CONFIG_LIMITS.width, 'v_head_dim'),
      }
    : undefined;
  const headDim = mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : (count(c, HF_CONFIG_LIMITS.width, 1, 'head_dim') ?? hidden / heads);
  if (!Number.isInteger(headDim)) throw new HfConfigError(`head dimension ${headDim} is not a whole number; set head_dim`);

  const total = count(c, HF_CONFIG_LIMITS.experts, 0, 'num_local_experts', 'num_experts', 'n_routed_experts', 'moe_num_experts');
  const active = count(
    c,
    HF_CONFIG_LIMITS.experts,
    0,
    'num_experts_per_tok',
    'num_experts_per_token',
    'top_k_experts',
    'moe_top_k',
    'top_k',
  );
  let experts: Architecture['experts'];
  if (total && total > 1) {
    if (!active) throw new HfConfigError(`config.json declares ${total} experts but not how many are active (num_experts_per_tok)`);
    const sharedIntermediate = count(c, HF_CONFIG_LIMITS.width, 1, 'shared_expert_intermediate_size');
    const intermediate =
      count(c, HF_CONFIG_LIMITS.width, 1, 'moe_intermediate_size') ??
      needCount(c, 'expert FFN size', HF_CONFIG_LIMITS.width, 'intermediate_size', 'ffn_hidden_size');
    // Llama 4 always adds one shared expert (transformers' Llama4TextMoe) without a config key for it.
    const shared =
      count(c, HF_CONFIG_LIMITS.experts, 0, 'n_shared_experts', 'num_shared_experts') ??
      (sharedIntermediate || /^llama4/.test(modelType) ? 1 : 0);
    // Llama 4 Maverick routes only every interleave_moe_layer_step-th layer; the others are dense.
    const layerStep = count(c, layers, 1, 'interleave_moe_layer_step');
    experts = {
      total,
      active,
      shared,
      intermediate,
      sharedIntermediate: sharedIntermediate ?? undefined,
      denseLayers: count(c, layers, 0, 'first_k_dense_replace') ?? 0,
      ...(layerStep && layerStep > 1 ? { layerStep } : {}),
    };
  }
  // Llama 4 names the dense layers' FFN intermediate_size_mlp (intermediate_size is the expert's).
  const intermediate =
    count(c, HF_CONFIG_LIMITS.width, 1, 'intermediate_size_mlp', 'intermediate_size', 'ffn_hidden_size', 'n_inner') ??
    experts?.intermediate ??
    4 * hidden;

  let recurrentLayers: number | undefined;
  const types = Array.isArray(c.layer_types) ? (c.layer_types as unknown[]).map(String) : [];
  const linear = types.filter((t) => /linear|mamba|recurrent|conv/.test(t)).length;
  if (linear > 0) recurrentLayers = linear;
  else {
    const period = count(c, layers, 1, 'full_attention_interval', 'attn_layer_period');
    if (period) recurrentLayers = layers - Math.floor(layers / period);
  }
  const recurrentStateBytes = recurrentLayers ? recurrentState(c, hidden) : undefined;
  if (recurrentLayers) {
    warnings.push(`${recurrentLayers} linear-attention/recurrent layers: their projections are counted as attention layers`);
    if (recurrentStateBytes === undefined) warnings.push('recurrent state size not found in config.json: counted as 0');
  }

  // Encoders (BERT, XLM-RoBERTa) have no output head: their only vocabulary-sized matrix is the token table.
  const encoder = /^(bert|roberta|xlm-roberta|nomic_bert)$/.test(modelType);
  const tied = typeof c.tie_word_embeddings === 'boolean' ? c.tie_word_embeddings : encoder || /^gemma/.test(modelType);
  const architecture: Architecture = {
    layers,
    hidden,
    heads,
    kvHeads,
    headDim,
    vHeadDim: mla ? mla.vHeadDim : num(c, 'v_head_dim'),
    intermediate,
    vocab,
    tiedEmbeddings: tied,
    contextLength,
    experts,
    slidingWindow: slidingWindow(c, layers, modelType),
    mla,
    recurrentLayers,
    recurrentStateBytes,
    attentionBias: typeof c.attention_bias === 'boolean' ? c.attention_bias : modelType === 'qwen2' || modelType === 'qwen2_moe',
    qkNorm: /^(qwen3|gemma3|olmo2)/.test(modelType) || undefined,
    // BERT-family encoders and Phi-2 use a plain two-matrix GELU FFN (no gate projection).
    ungatedFfn: /^(bert|roberta|xlm-roberta|phi|gpt2|gpt_neox)$/.test(modelType) || undefined,
    fusedQkv: modelType === 'phi3' || undefined,
  };
  for (const k of Object.keys(architecture) as (keyof Architecture)[]) if (architecture[k] === undefined) delete architecture[k];
  return {
    modelType,
    architecture,
    params: countParameters(architecture),
    activeParams: experts ? Math.round(countActiveParameters(architecture)) : undefined,
    dtype: dtypeOf(c),
    quantization: quantization(c),
    warnings,
  };
}

// Architectures Ollama enables flash attention for by default: gpt-oss (ollama/ollama#11996),
// qwen3 and qwen3moe (#12482), gemma3 (#12639), qwen3vl (#12862).
const OLLAMA_FLASH_ATTENTION_TYPES = new Set(['gpt_oss', 'qwen3', 'qwen3_moe', 'gemma3', 'gemma3_text', 'qwen3_vl', 'qwen3_vl_moe']);

/** A catalog-shaped model for a config.json that is not in the catalog, so every estimate path can take it. */
export function modelFromHfConfig(info: HfConfigInfo, name: string, source: { title: string; url: string }): Model {
  return {
    id: name.toLowerCase(),
    name,
    family: info.modelType,
    developer: 'unknown',
    params: info.params,
    activeParams: info.activeParams,
    ollama: [],
    huggingface: [],
    aliases: [],
    purpose: [],
    gguf: [],
    dtype: info.dtype,
    ollamaFlashAttention: OLLAMA_FLASH_ATTENTION_TYPES.has(info.modelType),
    architecture: info.architecture,
    sources: [source],
  };
}

function synthetic(id: string, format: Quantization['format'], description: string): Quantization {
  return {
    id,
    format,
    aliases: [],
    blockBytes: 2,
    blockWeights: 1,
    description,
    kvCache: false,
    sources: [{ title: 'config.json', url: 'https://huggingface.co/docs/transformers/main_classes/configuration' }],
  };
}

/** The checkpoint a config.json describes: its quantization_config, else its dtype. */
export function quantizationForConfig(info: HfConfigInfo, catalog: Pick<Catalog, 'quantizations'>): Quantization {
  const q = info.quantization;
  const byFormat = (f: Quantization['format']) => catalog.quantizations.find((x) => x.format === f);
  if (q?.method === 'awq' || q?.method === 'gptq') {
    const id = `${q.method.toUpperCase()}_INT${q.bits ?? 4}_G${q.groupSize ?? 128}`;
    return catalog.quantizations.find((x) => x.id === id) ?? synthetic(id, q.method, `${q.method} from quantization_config`);
  }
  if (q?.method === 'fp8') return catalog.quantizations.find((x) => x.id === 'FP8') ?? synthetic('FP8', 'safetensors', 'FP8 checkpoint');
  if (q?.method === 'mxfp4') return synthetic('MXFP4', 'safetensors', 'MXFP4 experts, bf16 elsewhere');
  if (q?.method === 'bitsandbytes')
    return byFormat('bitsandbytes') ?? synthetic(q.bits === 8 ? 'BNB_INT8' : 'BNB_NF4', 'bitsandbytes', 'bitsandbytes');
  const id = info.dtype === 'f16' ? 'SAFETENSORS_F16' : info.dtype === 'f32' ? 'SAFETENSORS_F32' : 'SAFETENSORS_BF16';
  return catalog.quantizations.find((x) => x.id === id) ?? synthetic(id, 'safetensors', `${info.dtype} checkpoint`);
}
