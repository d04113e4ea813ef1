import type { Architecture } from '../catalog/schema';
import { blockSize, type GgmlType } from './ggmlTypes';
import { allTensors, type TensorShape } from './tensors';

/**
 * The per-tensor types `llama-quantize` picks for a file type, modelled on
 * `llama_tensor_get_type_impl` in llama.cpp src/llama-quant.cpp. Only the size matters here,
 * so the rules that depend on a tensor's position are applied by counting, not by name order.
 *
 * Which recipe, for MoE models: the NEWER one, as in ggml-org/llama.cpp src/llama-quant.cpp
 * (read at commit 007dbbf, 2026): the ffn_down/gate/up counters are the model's layer count
 * (`n_layer_all`) and an MoE tensor's layer comes from its name, so `ffn_down_exps` and
 * `ffn_down_shexp` of one layer get the same type, and the MLA tensors are the split
 * `attn_k_b`/`attn_v_b` that current converters write, which take the base type. Files made the
 * OLDER way (2024 to early 2025: quantization in src/llama.cpp, DeepSeek converted with one
 * `attn_kv_b` per layer) hold `attn_kv_b`, which llama-quantize then and now treats as an attn_v
 * tensor (Q6_K on the "more bits" layers of Q4_K_M), so those DeepSeek GGUFs are slightly larger
 * than this estimate. Rules for exactly 8 experts (Mixtral: attn_v/attn_k Q8_0, attn_output
 * Q5_K) are the same in both.
 */
export type GgufFileType =
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'Q4_0'
  | 'Q4_1'
  | 'Q5_0'
  | 'Q5_1'
  | 'Q8_0'
  | 'Q2_K'
  | 'Q2_K_S'
  | 'Q3_K_S'
  | 'Q3_K_M'
  | 'Q3_K_L'
  | 'Q4_K_S'
  | 'Q4_K_M'
  | 'Q5_K_S'
  | 'Q5_K_M'
  | 'Q6_K'
  | 'IQ1_S'
  | 'IQ1_M'
  | 'IQ2_XXS'
  | 'IQ2_XS'
  | 'IQ2_S'
  | 'IQ2_M'
  | 'IQ3_XXS'
  | 'IQ3_XS'
  | 'IQ3_S'
  | 'IQ3_M'
  | 'IQ4_NL'
  | 'IQ4_XS'
  | 'TQ1_0'
  | 'TQ2_0'
  | 'MXFP4_MOE';

const DEFAULT_TYPE: Record<GgufFileType, GgmlType> = {
  F32: 'f32',
  F16: 'f16',
  BF16: 'bf16',
  Q4_0: 'q4_0',
  Q4_1: 'q4_1',
  Q5_0: 'q5_0',
  Q5_1: 'q5_1',
  Q8_0: 'q8_0',
  Q2_K: 'q2_k',
  Q2_K_S: 'q2_k',
  Q3_K_S: 'q3_k',
  Q3_K_M: 'q3_k',
  Q3_K_L: 'q3_k',
  Q4_K_S: 'q4_k',
  Q4_K_M: 'q4_k',
  Q5_K_S: 'q5_k',
  Q5_K_M: 'q5_k',
  Q6_K: 'q6_k',
  IQ1_S: 'iq1_s',
  IQ1_M: 'iq1_m',
  IQ2_XXS: 'iq2_xxs',
  IQ2_XS: 'iq2_xs',
  IQ2_S: 'iq2_xs',
  IQ2_M: 'iq2_s',
  IQ3_XXS: 'iq3_xxs',
  IQ3_XS: 'iq3_s',
  IQ3_S: 'iq3_s',
  IQ3_M: 'iq3_s',
  IQ4_NL: 'iq4_nl',
  IQ4_XS: 'iq4_xs',
  TQ1_0: 'tq1_0',
  TQ2_0: 'tq2_0',
  MXFP4_MOE: 'mxfp4',
};

/** The ggml type llama-quantize starts a file type from, before its per-tensor rules. */
export function baseGgmlType(ftype: GgufFileType): GgmlType {
  return DEFAULT_TYPE[ftype];
}

/** A recipe: the file type plus the overrides some publishers add (bartowski's `_L`/`_XL`: Q8_0 embeddings and output). */
export interface GgufRecipe {
  ftype: GgufFileType;
  tokenEmbeddingType?: GgmlType;
  outputType?: GgmlType;
  /** Quantized with an importance matrix (changes a few i-quant and Q4_0 choices). */
  imatrix?: boolean;
  /**
   * Set when the label names a recipe whose per-tensor types are not published (unsloth's dynamic
   * `UD-` quants): the estimate then uses `ftype`, the nearest standard recipe, and says so.
   */
  assumedFor?: string;
}

/**
 * bartowski's larger variants: the named llama-quantize recipe run with `--token-embedding-type q8_0
 * --output-tensor-type q8_0` ("Uses Q8_0 for embed and output weights" on his model cards; which
 * recipe each starts from follows from the file sizes there, e.g. Qwen3-32B Q4_K_L = Q4_K_M + 0.58 GB).
 */
const Q8_EDGES_VARIANTS: Readonly<Record<string, GgufFileType>> = {
  Q2_K_L: 'Q2_K',
  Q3_K_XL: 'Q3_K_L',
  Q4_K_L: 'Q4_K_M',
  Q5_K_L: 'Q5_K_M',
  Q6_K_L: 'Q6_K',
};

/**
 * unsloth's dynamic quants choose a type per layer from their own calibration and publish no rule
 * for it, so only the nearest standard recipe of the same base type can be assumed.
 */
const UNSLOTH_DYNAMIC_NEAREST: Readonly<Record<string, GgufFileType>> = {
  Q2_K_XL: 'Q2_K',
  Q3_K_XL: 'Q3_K_M',
  Q4_K_XL: 'Q4_K_M',
  Q5_K_XL: 'Q5_K_M',
  Q6_K_XL: 'Q6_K',
  Q8_K_XL: 'Q8_0',
};

const UNSLOTH_PREFIX = 'UD_';

function standardRecipe(up: string): GgufRecipe | undefined {
  if (up in DEFAULT_TYPE) return { ftype: up as GgufFileType, imatrix: up.startsWith('IQ') };
  if (up === 'FP16') return { ftype: 'F16' };
  if (up === 'MXFP4') return { ftype: 'MXFP4_MOE' };
  return undefined;
}

/**
 * Reads a quantization name as written in file names and catalogs ("Q4_K_M", "q4_k_m", "Q5_K_L",
 * "UD-Q4_K_XL"). A `UD-` label is unsloth's and is never read as bartowski's variant of the same name.
 */
export function parseGgufRecipe(id: string): GgufRecipe | undefined {
  const up = id.trim().toUpperCase().replace(/-/g, '_');
  if (up.startsWith(UNSLOTH_PREFIX)) {
    const rest = up.slice(UNSLOTH_PREFIX.length);
    const nearest = UNSLOTH_DYNAMIC_NEAREST[rest];
    const base = nearest ? { ftype: nearest } : standardRecipe(rest);
    return base ? { ...base, imatrix: true, assumedFor: id.trim() } : undefined;
  }
  const standard = standardRecipe(up);
  if (standard) return standard;
  const variantOf = Q8_EDGES_VARIANTS[up];
  if (variantOf) return { ftype: variantOf, tokenEmbeddingType: 'q8_0', outputType: 'q8_0' };
  const dynamicNearest = UNSLOTH_DYNAMIC_NEAREST[up];
  if (dynamicNearest) return { ftype: dynamicNearest, imatrix: true, assumedFor: id.trim() };
  return undefined;
}

interface Counters {
  attnV: number;
  nAttnV: number;
  ffnDown: number;
}

const IQ2_GROUP: GgufFileType[] = ['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M'];

function useMoreBits(i: number, n: number): boolean {
  const e = Math.floor(n / 8);
  return i < e || i >= Math.floor((7 * n) / 8) || (i - e) % 3 === 2;
}

/** Types whose blocks do not divide a row fall back to a 32-wide type, as tensor_type_fallback does. */
function fallback(t: TensorShape, type: GgmlType): GgmlType {
  if (t.cols % blockSize(type) === 0) return type;
  const table: Partial<Record<GgmlType, GgmlType>> = {
    iq1_s: 'iq4_nl',
    iq1_m: 'iq4_nl',
    iq2_xxs: 'iq4_nl',
    iq2_xs: 'iq4_nl',
    iq2_s: 'iq4_nl',
    iq3_xxs: 'iq4_nl',
    iq3_s: 'iq4_nl',
    iq4_xs: 'iq4_nl',
    q2_k: 'q4_0',
    q3_k: 'q4_0',
    tq1_0: 'q4_0',
    tq2_0: 'q4_0',
    q4_k: 'q5_0',
    q5_k: 'q5_1',
    q6_k: 'q8_0',
  };
  const next = table[type] ?? 'f16';
  return t.cols % blockSize(next) === 0 ? next : 'f16';
}

function pickType(arch: Architecture, r: GgufRecipe, t: TensorShape, c: Counters): GgmlType {
  const f = r.ftype;
  let type = DEFAULT_TYPE[f];
  const nExpert = arch.experts?.total ?? 0;
  const gqa = arch.heads / arch.kvHeads;
  const n = arch.layers;
  const is70B = arch.layers === 80 && !arch.experts;
  const cat = t.category;

  if (cat === 'output' || (arch.tiedEmbeddings && cat === 'token_embd')) {
    if (r.outputType) return r.outputType;
    if (f === 'MXFP4_MOE') return 'q8_0';
    if (t.cols % blockSize(type) !== 0) return 'q8_0';
    if (['IQ2_XXS', 'IQ2_XS', 'IQ3_XXS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M'].includes(f)) return 'q5_k';
    return type === 'q8_0' ? 'q8_0' : 'q6_k';
  }
  if (f === 'MXFP4_MOE') return t.slices > 1 && t.expert ? 'mxfp4' : 'q8_0';
  if (cat === 'token_embd') {
    if (r.tokenEmbeddingType) return r.tokenEmbeddingType;
    if (['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ1_M'].includes(f)) return 'q2_k';
    if (f === 'IQ2_S' || f === 'IQ2_M' || f === 'IQ3_XXS') return 'iq3_s';
    if (f === 'TQ1_0' || f === 'TQ2_0') return 'q4_k';
    return type;
  }
  if (IQ2_GROUP.includes(f)) {
    const iq3 = f === 'IQ2_S' || f === 'IQ2_M';
    if (cat === 'attn_v') {
      c.attnV++;
      return gqa >= 4 || nExpert >= 4 ? 'q4_k' : iq3 ? 'iq3_s' : 'q2_k';
    }
    if (nExpert === 8 && cat === 'attn_k') return 'q4_k';
    if (cat === 'ffn_down') return t.layer < Math.floor(n / 8) ? (iq3 ? 'iq3_s' : 'q2_k') : type;
    if (cat === 'attn_output') {
      if (nExpert === 8) return 'q5_k';
      if (f === 'IQ1_S' || f === 'IQ1_M') return 'iq2_xxs';
      if (iq3) return 'iq3_s';
    }
    return type;
  }
  if (cat === 'attn_v') {
    const i = c.attnV++;
    if (f === 'Q2_K') type = gqa >= 4 ? 'q4_k' : 'q3_k';
    else if (f === 'Q2_K_S' && gqa >= 4) type = 'q4_k';
    else if (f === 'IQ3_XXS') type = gqa >= 4 ? 'q4_k' : r.imatrix ? 'iq3_xxs' : 'iq3_s';
    else if ((f === 'IQ3_XS' || f === 'IQ3_S') && gqa >= 4) type = 'q4_k';
    else if (f === 'IQ3_M') type = 'q4_k';
    else if (f === 'Q3_K_M') type = i < 2 ? 'q5_k' : 'q4_k';
    else if (f === 'Q3_K_L') type = 'q5_k';
    else if ((f === 'IQ4_NL' || f === 'IQ4_XS') && gqa >= 4) type = 'q5_k';
    else if ((f === 'Q4_K_M' || f === 'Q5_K_M') && useMoreBits(i, c.nAttnV)) type = 'q6_k';
    else if (f === 'Q4_K_S' && i < 4) type = 'q5_k';
    if (is70B && (type === 'q3_k' || type === 'q4_k')) type = 'q5_k';
    if (nExpert === 8) type = 'q8_0';
    return type;
  }
  if (cat === 'attn_k') {
    if (nExpert === 8) return 'q8_0';
    if (f === 'IQ3_XS') return 'iq3_xxs';
    if (f === 'IQ3_XXS') return 'iq2_s';
    return type;
  }
  if (cat === 'attn_q') {
    if (f === 'IQ3_XS') return 'iq3_xxs';
    if (f === 'IQ3_XXS') return 'iq2_s';
    return type;
  }
  if (cat === 'ffn_down') {
    const i = t.layer;
    if (f === 'Q2_K') return 'q3_k';
    if (f === 'Q2_K_S') return i < Math.floor(n / 8) ? 'q4_k' : type;
    if (f === 'IQ3_XXS' && !r.imatrix) return i < Math.floor(n / 8) ? 'q4_k' : 'q3_k';
    if (f === 'Q3_K_M') return i < Math.floor(n / 16) ? 'q5_k' : 'q4_k';
    if (f === 'IQ3_M' && (i < Math.floor(n / 8) || (nExpert === 8 && useMoreBits(i, n)))) return 'q4_k';
    if (f === 'Q3_K_L') return 'q5_k';
    if (f === 'Q4_K_M') return useMoreBits(i, n) ? 'q6_k' : type;
    if (i < Math.floor(n / 8) && (f === 'IQ4_NL' || f === 'IQ4_XS') && !r.imatrix) return 'q5_k';
    if (f === 'Q5_K_M' && useMoreBits(i, n)) return 'q6_k';
    if (f === 'Q4_K_S' && i < Math.floor(n / 8)) return 'q5_k';
    if ((f === 'Q4_0' || f === 'Q5_0') && r.imatrix && i < Math.floor(n / 8)) return f === 'Q4_0' ? 'q4_1' : 'q5_1';
    return type;
  }
  if (cat === 'attn_output') {
    if (nExpert === 8) {
      const bump: GgufFileType[] = [
        'Q2_K',
        'IQ3_XS',
        'IQ3_XXS',
        'Q3_K_S',
        'Q3_K_M',
        'IQ4_NL',
        'Q4_K_S',
        'Q4_K_M',
        'IQ3_S',
        'IQ3_M',
        'IQ4_XS',
      ];
      return bump.includes(f) ? 'q5_k' : type;
    }
    if (f === 'Q2_K') return 'q3_k';
    if (f === 'IQ3_XXS') return 'iq3_s';
    if (f === 'Q3_K_M' || f === 'IQ3_M') return 'q4_k';
    if (f === 'Q3_K_L') return 'q5_k';
    return type;
  }
  if (cat === 'attn_qkv') {
    if (f === 'Q3_K_M' || f === 'Q3_K_L' || f === 'IQ3_M') return 'q4_k';
    if (f === 'Q4_K_M') return 'q5_k';
    if (f === 'Q5_K_M') return 'q6_k';
    return type;
  }
  if ((cat === 'ffn_gate' || cat === 'ffn_up') && f === 'IQ3_XS') {
    return t.layer >= Math.floor(n / 8) && t.layer < Math.floor((7 * n) / 8) ? 'iq3_xxs' : type;
  }
  return type;
}

export interface TypedTensor {
  tensor: TensorShape;
  type: GgmlType;
}

/** Every tensor of the architecture with the type the recipe stores it in. */
export function ggufTensorTypes(arch: Architecture, recipe: GgufRecipe): TypedTensor[] {
  const tensors = allTensors(arch);
  const c: Counters = { attnV: 0, nAttnV: tensors.filter((t) => t.category === 'attn_v').length, ffnDown: 0 };
  const quantized = !['F32', 'F16', 'BF16'].includes(recipe.ftype);
  return tensors.map((t) => {
    if (!t.quantizable) return { tensor: t, type: 'f32' as GgmlType };
    if (!quantized) return { tensor: t, type: DEFAULT_TYPE[recipe.ftype] };
    return { tensor: t, type: fallback(t, pickType(arch, recipe, t, c)) };
  });
}
