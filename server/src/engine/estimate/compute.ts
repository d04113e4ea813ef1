import type { Architecture } from '../catalog/schema';
import { MiB } from '../types';

export interface ComputeBuffers {
  /** Scratch every GPU that holds layers reserves (attention scores or mask + activations). */
  perDeviceBytes: number;
  /** Logits for a micro-batch, on the device that holds the output layer. */
  outputBytes: number;
  formula: string;
  inputs: Record<string, number | string | boolean>;
}

/** Width of the widest FFN activation one token produces (active experts side by side for MoE). */
function ffnWidth(arch: Architecture): number {
  const e = arch.experts;
  return e ? Math.max(arch.intermediate, e.intermediate * e.active + (e.sharedIntermediate ?? e.intermediate * e.shared)) : arch.intermediate;
}

/**
 * llama.cpp's compute buffer in closed form. Its graph allocator measures the worst-case graph
 * of one micro-batch: without flash attention the f32 attention scores (n_ubatch × n_kv × heads)
 * dominate at long context; with it only an f16 mask of n_ubatch × n_kv remains. Logits take
 * n_ubatch × vocab × 4 B on the output device, and the FFN activations n_ubatch × (FFN width +
 * 2 × hidden) × 4 B. Checked against logs: Mixtral 8x7B at 32k without FA reported 2167 MiB
 * (this gives 2183), Llama-3-8B at 64k 4507 MiB with the KV cache in host memory (this gives 4391).
 */
export function llamaComputeBuffers(arch: Architecture, kvCells: number, microBatch: number, flashAttention: boolean): ComputeBuffers {
  const attention = flashAttention ? microBatch * kvCells * 2 : microBatch * kvCells * arch.heads * 4;
  const activations = microBatch * (ffnWidth(arch) + 2 * arch.hidden) * 4;
  const logits = microBatch * arch.vocab * 4;
  return {
    perDeviceBytes: attention + activations,
    outputBytes: logits,
    formula: flashAttention
      ? `mask ${microBatch} × ${kvCells} × 2 B + activations ${microBatch} × ${ffnWidth(arch) + 2 * arch.hidden} × 4 B + logits ${microBatch} × ${arch.vocab} × 4 B`
      : `scores ${microBatch} × ${kvCells} cells × ${arch.heads} heads × 4 B + activations + logits ${microBatch} × ${arch.vocab} × 4 B`,
    inputs: { microBatch, kvCells, heads: arch.heads, vocab: arch.vocab, flashAttention, attentionBytes: attention, activationBytes: activations, logitsBytes: logits },
  };
}

/**
 * vLLM's profiled activation peak in closed form: the profiling forward pass runs
 * `max_num_batched_tokens` tokens, each holding gate+up FFN outputs and a few hidden-size
 * tensors in the model dtype. On vllm-project/vllm#10517 (Llama-3.1-8B, 29000 tokens, bf16)
 * vLLM measured 2.99 GiB of activations; this gives 2.88 GiB.
 */
export function vllmActivationBytes(arch: Architecture, batchedTokens: number, dtypeBytes = 2): number {
  return batchedTokens * (2 * ffnWidth(arch) + 6 * arch.hidden) * dtypeBytes;
}

/** Memory vLLM counts outside torch (CUDA context, NCCL, cuBLAS workspaces): 0.35 GiB in vllm#10517's profile. */
export const VLLM_NON_TORCH_BYTES = Math.round(0.35 * 1024 * MiB);
