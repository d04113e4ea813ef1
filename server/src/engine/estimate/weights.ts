import type { Architecture, Model, Quantization } from '../catalog/schema';
import { GGML_TYPES, rowSize, type GgmlType } from './ggmlTypes';
import { ggufTensorTypes, parseGgufRecipe } from './ggufRecipe';
import { allTensors, elementsOf, type TensorShape } from './tensors';

/** Where the bytes of a checkpoint sit, so placement can move layers, experts and the embeddings. */
export interface WeightsBreakdown {
  /** File size (tensor data): tied embeddings once. */
  totalBytes: number;
  /** Bytes of each repeating layer (index = layer), routed experts included. */
  layerBytes: number[];
  /** Routed-expert bytes of each layer (what `--cpu-moe` keeps in RAM). */
  layerExpertBytes: number[];
  /** Input embedding table: llama.cpp keeps it in host memory even with every layer offloaded. */
  tokenEmbdBytes: number;
  /** Output projection on the GPU; with tied embeddings llama.cpp loads a duplicate of the table. */
  outputBytes: number;
  /** Final norm and other small non-repeating tensors. */
  otherBytes: number;
  /** Bytes per storage type, for the explanation. */
  byType: Record<string, number>;
  method: string;
}

interface StorageRule {
  method: string;
  bytesOf(t: TensorShape): { bytes: number; type: string };
}

function emptyBreakdown(arch: Architecture, method: string): WeightsBreakdown {
  return {
    totalBytes: 0,
    layerBytes: new Array(arch.layers).fill(0),
    layerExpertBytes: new Array(arch.layers).fill(0),
    tokenEmbdBytes: 0,
    outputBytes: 0,
    otherBytes: 0,
    byType: {},
    method,
  };
}

function accumulate(arch: Architecture, rule: StorageRule, tensors: readonly TensorShape[]): WeightsBreakdown {
  const b = emptyBreakdown(arch, rule.method);
  for (const t of tensors) {
    const { bytes, type } = rule.bytesOf(t);
    b.totalBytes += bytes;
    b.byType[type] = (b.byType[type] ?? 0) + bytes;
    if (t.layer >= 0) {
      b.layerBytes[t.layer] += bytes;
      if (t.expert) b.layerExpertBytes[t.layer] += bytes;
    } else if (t.category === 'token_embd') b.tokenEmbdBytes += bytes;
    else if (t.category === 'output') b.outputBytes += bytes;
    else b.otherBytes += bytes;
  }
  if (arch.tiedEmbeddings) b.outputBytes = b.tokenEmbdBytes;
  return b;
}

function ggmlBytes(t: TensorShape, type: GgmlType): number {
  return rowSize(type, t.cols) * t.rows * t.slices;
}

/** The transformer's linear projections: what AWQ, GPTQ, bitsandbytes and FP8 checkpoints quantize. */
function isLinear(t: TensorShape): boolean {
  return t.quantizable && t.layer >= 0;
}

function dtypeBytes(id: string): number | undefined {
  const s = id.toLowerCase();
  if (/(^|[^a-z])(f|fp)32|float32/.test(s)) return 4;
  if (/bf16|bfloat16|(^|[^a-z])(f|fp)16|float16|half/.test(s)) return 2;
  return undefined;
}

function bitsFromId(id: string, fallback: number): number {
  const m = /(?:int|w|q|^)(\d)(?:bit|b|$|[^0-9])/i.exec(id) ?? /(\d)\s*-?bit/i.exec(id);
  const bits = m ? Number(m[1]) : fallback;
  return bits >= 2 && bits <= 8 ? bits : fallback;
}

function groupFromId(id: string, fallback: number): number {
  const m = /(?:g|gs|group)[-_]?(\d{2,3})|(\d{2,3})g\b/i.exec(id);
  return m ? Number(m[1] ?? m[2]) : fallback;
}

export interface WeightsOptions {
  /** The GGUF was quantized with an importance matrix (bartowski, unsloth): a few Q4_0/IQ4 tensors change type. */
  imatrix?: boolean;
}

function storageRule(model: Model, quant: Quantization, opts: WeightsOptions): StorageRule {
  const arch = model.architecture;
  const id = quant.id;
  if (quant.format === 'gguf') {
    const parsed = parseGgufRecipe(id) ?? quant.aliases.map(parseGgufRecipe).find((r) => r !== undefined);
    const recipe = parsed && opts.imatrix !== undefined ? { ...parsed, imatrix: opts.imatrix } : parsed;
    if (recipe) {
      const types = new Map(ggufTensorTypes(arch, recipe).map((x) => [x.tensor.name, x.type]));
      // Checkpoints that ship their experts in MXFP4 (gpt-oss) keep them MXFP4 in every GGUF
      // whatever the file's label: the "Q8_0" gpt-oss-120b is 63.4 GB like the MXFP4 one
      // (AlexsJones/llmfit#1059, from the published files); only the other tensors follow the recipe.
      const mxfp4Experts = model.dtype === 'mxfp4';
      return {
        method:
          `llama-quantize ${recipe.ftype} recipe, per tensor${recipe.outputType ? ` (embeddings/output ${recipe.outputType})` : ''}` +
          (mxfp4Experts ? ', experts kept MXFP4 as published' : ''),
        bytesOf: (t) => {
          const type: GgmlType = mxfp4Experts && t.expert ? 'mxfp4' : (types.get(t.name) ?? 'f32');
          return { bytes: ggmlBytes(t, type), type };
        },
      };
    }
    const bpw = quant.fileBitsPerWeight ?? (quant.blockBytes * 8) / quant.blockWeights;
    return {
      method: `${bpw.toFixed(3)} bits per weight (no per-tensor recipe known for ${id})`,
      bytesOf: (t) => (t.quantizable ? { bytes: (elementsOf(t) * bpw) / 8, type: id } : { bytes: elementsOf(t) * 4, type: 'f32' }),
    };
  }
  const half = dtypeBytes(model.dtype) ?? 2;
  if (quant.format === 'awq' || quant.format === 'gptq') {
    // Packed int weights, plus an f16 scale and a packed zero point per group of inputs per output row.
    const bits = bitsFromId(id, 4);
    const group = groupFromId(id, quant.blockWeights >= 32 ? quant.blockWeights : 128);
    const perWeight = bits / 8 + (2 + bits / 8) / group;
    return {
      method: `${quant.format.toUpperCase()} ${bits}-bit, group ${group}: ${(perWeight * 8).toFixed(3)} bits per linear weight, embeddings and output f16`,
      bytesOf: (t) =>
        isLinear(t) ? { bytes: elementsOf(t) * perWeight, type: `int${bits}+scales` } : { bytes: elementsOf(t) * 2, type: 'f16' },
    };
  }
  if (quant.format === 'bitsandbytes') {
    const int8 = /8/.test(id);
    // NF4 keeps one absmax per 64 weights (double-quantized to ~1 byte); LLM.int8 one f32 scale per row.
    return {
      method: int8 ? 'bitsandbytes int8: 1 byte per linear weight + a scale per row' : 'bitsandbytes NF4: 4 bits + 1 byte per 64 weights',
      bytesOf: (t) =>
        isLinear(t)
          ? { bytes: int8 ? elementsOf(t) + t.rows * t.slices * 4 : elementsOf(t) * (0.5 + 1 / 64), type: int8 ? 'int8' : 'nf4' }
          : { bytes: elementsOf(t) * half, type: model.dtype },
    };
  }
  if (quant.format === 'mlx') {
    const bits = bitsFromId(id, 4);
    const group = groupFromId(id, 64);
    // MLX stores a bf16 scale and bias per group and also quantizes the embedding table.
    const perWeight = bits / 8 + 4 / group;
    return {
      method: `MLX ${bits}-bit, group ${group}`,
      bytesOf: (t) =>
        t.quantizable ? { bytes: elementsOf(t) * perWeight, type: `mlx${bits}` } : { bytes: elementsOf(t) * 2, type: 'bf16' },
    };
  }
  // safetensors by dtype
  const s = id.toLowerCase();
  if (s.includes('mxfp4')) {
    const mx = GGML_TYPES.mxfp4;
    return {
      method: 'MXFP4 experts (17 bytes per 32), other tensors bf16',
      bytesOf: (t) =>
        t.expert ? { bytes: (elementsOf(t) * mx.bytes) / mx.weights, type: 'mxfp4' } : { bytes: elementsOf(t) * 2, type: 'bf16' },
    };
  }
  if (s.includes('fp8') || s.includes('f8')) {
    // FP8 linear weights with one f32 scale per 128×128 block; embeddings, output and norms stay bf16.
    return {
      method: 'FP8 linear weights (+ f32 scale per 128×128 block), embeddings/output bf16',
      bytesOf: (t) =>
        isLinear(t) ? { bytes: elementsOf(t) * (1 + 4 / (128 * 128)), type: 'fp8' } : { bytes: elementsOf(t) * 2, type: 'bf16' },
    };
  }
  const bytes = dtypeBytes(id) ?? quant.blockBytes / quant.blockWeights;
  return { method: `${bytes} bytes per parameter (${id})`, bytesOf: (t) => ({ bytes: elementsOf(t) * bytes, type: id }) };
}

// Weights do not depend on context, runtime or hardware, yet a fit check asks for them once per
// estimate and a fix's binary search estimates dozens of times: remember them per catalog entry
// (objects from the catalog, so a WeakMap frees them with it). Callers only read the breakdown.
const remembered = new WeakMap<Model, WeakMap<Quantization, Map<string, WeightsBreakdown>>>();

/** Bytes of the model's weights in this quantization, tensor by tensor. */
export function weightsBreakdown(model: Model, quant: Quantization, opts: WeightsOptions = {}): WeightsBreakdown {
  let byQuant = remembered.get(model);
  if (!byQuant) remembered.set(model, (byQuant = new WeakMap()));
  let byOptions = byQuant.get(quant);
  if (!byOptions) byQuant.set(quant, (byOptions = new Map()));
  const key = String(opts.imatrix);
  let b = byOptions.get(key);
  if (!b) byOptions.set(key, (b = computeWeightsBreakdown(model, quant, opts)));
  return b;
}

function computeWeightsBreakdown(model: Model, quant: Quantization, opts: WeightsOptions): WeightsBreakdown {
  const arch = model.architecture;
  const rule = storageRule(model, quant, opts);
  const b = accumulate(arch, rule, allTensors(arch));
  b.totalBytes = Math.round(b.totalBytes);
  return b;
}
