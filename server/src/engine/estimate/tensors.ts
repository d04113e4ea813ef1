import type { Architecture } from '../catalog/schema';

/**
 * The weight tensors of a decoder as llama.cpp names them in a GGUF file, computed from the
 * architecture. Sizes and quantization recipes are worked out per tensor, because a recipe
 * picks a type per tensor (src/llama-quant.cpp) and placement moves whole layers.
 */
export type TensorCategory =
  'token_embd' | 'output' | 'attn_q' | 'attn_k' | 'attn_v' | 'attn_qkv' | 'attn_output' | 'ffn_gate' | 'ffn_up' | 'ffn_down' | 'other';

export interface TensorShape {
  name: string;
  category: TensorCategory;
  /** Layer index, or -1 for the embeddings, output and final norm. */
  layer: number;
  /** Row length (ggml ne[0]): the input dimension, which must hold whole quantization blocks. */
  cols: number;
  rows: number;
  /** Experts stacked in one 3-D tensor (ne[2]); 1 for ordinary matrices. */
  slices: number;
  /** Norms, biases and the MoE router stay F32: llama.cpp never quantizes 1-D tensors or ffn_gate_inp. */
  quantizable: boolean;
  /** Routed-expert weights, the part `--cpu-moe` keeps in system RAM and a token reads only partly. */
  expert: boolean;
}

/**
 * Whether a layer routes to experts. Leading dense layers (DeepSeek `first_k_dense_replace`) and
 * interleaving (Llama 4: MoE where (layer + 1) % step == 0, as llama.cpp src/models/llama4.cpp
 * and transformers' Llama4TextConfig place them) leave the other layers dense.
 */
export function isMoeLayer(arch: Architecture, layer: number): boolean {
  const e = arch.experts;
  if (!e || layer < e.denseLayers) return false;
  return e.layerStep === undefined || (layer + 1) % e.layerStep === 0;
}

export function layerTensors(arch: Architecture, il: number): TensorShape[] {
  const h = arch.hidden;
  const out: TensorShape[] = [];
  const add = (name: string, category: TensorCategory, cols: number, rows: number, opts: Partial<TensorShape> = {}) =>
    out.push({ name: `blk.${il}.${name}`, category, layer: il, cols, rows, slices: 1, quantizable: rows > 1, expert: false, ...opts });
  const vector = (name: string, n: number) => add(name, 'other', n, 1, { quantizable: false });

  vector('attn_norm.weight', h);
  const mla = arch.mla;
  if (mla) {
    const qHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    if (mla.qLoraRank) {
      add('attn_q_a.weight', 'other', h, mla.qLoraRank);
      vector('attn_q_a_norm.weight', mla.qLoraRank);
      add('attn_q_b.weight', 'other', mla.qLoraRank, arch.heads * qHead);
    } else {
      add('attn_q.weight', 'attn_q', h, arch.heads * qHead);
    }
    add('attn_kv_a_mqa.weight', 'other', h, mla.kvLoraRank + mla.qkRopeHeadDim);
    vector('attn_kv_a_norm.weight', mla.kvLoraRank);
    // Current converters split kv_b into per-head K and V absorption matrices.
    add('attn_k_b.weight', 'other', mla.qkNopeHeadDim, mla.kvLoraRank, { slices: arch.heads });
    add('attn_v_b.weight', 'other', mla.kvLoraRank, mla.vHeadDim, { slices: arch.heads });
    add('attn_output.weight', 'attn_output', arch.heads * mla.vHeadDim, h);
  } else {
    // Gemma 4's full-attention layers have their own head size and KV head count.
    const sw = arch.slidingWindow;
    const global = sw && il % sw.period >= sw.period - sw.global;
    const headDim = (global && sw?.globalHeadDim) || arch.headDim;
    const kvHeads = (global && sw?.globalKvHeads) || arch.kvHeads;
    const vDim = global && sw?.globalHeadDim ? headDim : (arch.vHeadDim ?? arch.headDim);
    if (arch.fusedQkv) {
      // Phi-3's converter keeps Q, K and V as one tensor (llama.cpp LLM_TENSOR_ATTN_QKV).
      add('attn_qkv.weight', 'attn_qkv', h, arch.heads * headDim + kvHeads * (headDim + vDim));
    } else {
      add('attn_q.weight', 'attn_q', h, arch.heads * headDim);
      add('attn_k.weight', 'attn_k', h, kvHeads * headDim);
      add('attn_v.weight', 'attn_v', h, kvHeads * vDim);
    }
    add('attn_output.weight', 'attn_output', arch.heads * vDim, h);
    if (arch.qkNorm) {
      vector('attn_q_norm.weight', arch.headDim);
      vector('attn_k_norm.weight', arch.headDim);
    }
    if (arch.attentionBias) {
      vector('attn_q.bias', arch.heads * arch.headDim);
      vector('attn_k.bias', arch.kvHeads * arch.headDim);
      vector('attn_v.bias', arch.kvHeads * vDim);
    }
  }
  vector('ffn_norm.weight', h);

  const e = arch.experts;
  if (e && isMoeLayer(arch, il)) {
    add('ffn_gate_inp.weight', 'other', h, e.total, { quantizable: false });
    add('ffn_gate_exps.weight', 'ffn_gate', h, e.intermediate, { slices: e.total, expert: true });
    add('ffn_up_exps.weight', 'ffn_up', h, e.intermediate, { slices: e.total, expert: true });
    add('ffn_down_exps.weight', 'ffn_down', e.intermediate, h, { slices: e.total, expert: true });
    if (e.shared > 0) {
      const si = e.sharedIntermediate ?? e.intermediate * e.shared;
      add('ffn_gate_shexp.weight', 'ffn_gate', h, si);
      add('ffn_up_shexp.weight', 'ffn_up', h, si);
      add('ffn_down_shexp.weight', 'ffn_down', si, h);
    }
  } else {
    if (!arch.ungatedFfn) add('ffn_gate.weight', 'ffn_gate', h, arch.intermediate);
    add('ffn_up.weight', 'ffn_up', h, arch.intermediate);
    add('ffn_down.weight', 'ffn_down', arch.intermediate, h);
  }
  return out;
}

export function globalTensors(arch: Architecture): TensorShape[] {
  const t = (name: string, category: TensorCategory, cols: number, rows: number, quantizable = true): TensorShape => ({
    name,
    category,
    layer: -1,
    cols,
    rows,
    slices: 1,
    quantizable,
    expert: false,
  });
  const list = [t('token_embd.weight', 'token_embd', arch.hidden, arch.vocab), t('output_norm.weight', 'other', arch.hidden, 1, false)];
  if (!arch.tiedEmbeddings) list.push(t('output.weight', 'output', arch.hidden, arch.vocab));
  return list;
}

const tensorLists = new WeakMap<Architecture, readonly TensorShape[]>();

/**
 * Every tensor of the architecture, listed once per architecture object: weights are sized for
 * each quantization a fix search or a hint weighs, and a large MoE lists thousands of tensors.
 * Shared: callers only read it.
 */
export function allTensors(arch: Architecture): readonly TensorShape[] {
  let list = tensorLists.get(arch);
  if (!list) {
    const built = globalTensors(arch);
    for (let il = 0; il < arch.layers; il++) built.push(...layerTensors(arch, il));
    tensorLists.set(arch, (list = built));
  }
  return list;
}

export function elementsOf(t: TensorShape): number {
  return t.cols * t.rows * t.slices;
}

/**
 * Parameters implied by the architecture (tied embeddings counted once). Recurrent layers of
 * hybrids are counted as attention layers, which their own projections only approximate.
 */
export function countParameters(arch: Architecture): number {
  return allTensors(arch).reduce((n, t) => n + elementsOf(t), 0);
}

/** Parameters one token reads: all but the routed experts not chosen (and never the embedding table, which is a lookup). */
export function countActiveParameters(arch: Architecture): number {
  const e = arch.experts;
  let n = 0;
  for (const t of allTensors(arch)) {
    if (t.category === 'token_embd') {
      if (arch.tiedEmbeddings) n += elementsOf(t);
      continue;
    }
    n += t.expert && e ? (elementsOf(t) * e.active) / e.total : elementsOf(t);
  }
  return n;
}
