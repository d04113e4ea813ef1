import type { Architecture, Model } from './schema';

/**
 * Parameter count recomputed from a model's architecture, to check the official figure in the
 * catalog against the shapes copied from config.json. Rotary tables and other small tensors
 * are left out; a vision tower counts with the size the catalog states for it.
 */
export interface ParamCount {
  total: number;
  active: number;
  /** Parameters of one average decoder layer, to reason about a one-layer typo. */
  perLayer: number;
}

function attentionParams(a: Architecture): number {
  const h = a.hidden;
  if (a.mla) {
    // DeepSeek MLA: queries go through a low-rank bottleneck (q_a, norm, q_b); keys and values
    // are rebuilt from a shared latent of kv_lora_rank plus a decoupled rope key.
    const m = a.mla;
    const qkHead = m.qkNopeHeadDim + m.qkRopeHeadDim;
    const q = m.qLoraRank ? h * m.qLoraRank + m.qLoraRank + m.qLoraRank * a.heads * qkHead : h * a.heads * qkHead;
    const kvDown = h * (m.kvLoraRank + m.qkRopeHeadDim) + m.kvLoraRank;
    const kvUp = m.kvLoraRank * a.heads * (m.qkNopeHeadDim + m.vHeadDim);
    const out = a.heads * m.vHeadDim * h;
    return q + kvDown + kvUp + out;
  }
  const vDim = a.vHeadDim ?? a.headDim;
  const weights = h * a.heads * a.headDim + h * a.kvHeads * a.headDim + h * a.kvHeads * vDim + a.heads * vDim * h;
  const biases = a.attentionBias ? a.heads * a.headDim + a.kvHeads * (a.headDim + vDim) : 0;
  const qkNorms = a.qkNorm ? 2 * a.headDim : 0;
  return weights + biases + qkNorms;
}

/** Counts the decoder (embeddings, attention, MLP or experts, norms) of one architecture. */
export function countArchitectureParams(a: Architecture): ParamCount {
  const h = a.hidden;
  const embeddings = a.vocab * h * (a.tiedEmbeddings ? 1 : 2);
  const attention = attentionParams(a);
  const norms = 2 * h;
  // An ungated FFN (Phi-2, BERT encoders) has up and down projections only.
  const denseMlp = (a.ungatedFfn ? 2 : 3) * h * a.intermediate;
  let total = embeddings + h; // + final norm
  let active = total;
  const e = a.experts;
  for (let layer = 0; layer < a.layers; layer++) {
    let mlp = denseMlp;
    let activeMlp = denseMlp;
    // Interleaved MoE (Llama 4 Maverick): only layers step−1, 2·step−1, … route to experts.
    const moeLayer = e !== undefined && layer >= e.denseLayers && (e.layerStep === undefined || (layer + 1) % e.layerStep === 0);
    if (e && moeLayer) {
      const expert = 3 * h * e.intermediate;
      const shared = 3 * h * (e.sharedIntermediate ?? e.intermediate * e.shared);
      const router = h * e.total;
      mlp = e.total * expert + shared + router;
      activeMlp = e.active * expert + shared + router;
    }
    total += attention + norms + mlp;
    active += attention + norms + activeMlp;
  }
  return { total, active, perLayer: (total - embeddings - h) / a.layers };
}

/** The whole model: its decoder plus a vision tower the catalog sizes separately. */
export function countModelParams(model: Pick<Model, 'architecture' | 'projector'>): ParamCount {
  const decoder = countArchitectureParams(model.architecture);
  const vision = model.projector?.params ?? 0;
  return { total: decoder.total + vision, active: decoder.active + vision, perLayer: decoder.perLayer };
}

/** (computed - official) / official. */
export function relativeError(computed: number, official: number): number {
  return (computed - official) / official;
}
