import type { Architecture } from '../catalog/schema';
import { MiB } from '../types';

export interface ComputeBuffers {
  /** Scratch every GPU that holds layers reserves (attention scores or mask + activations). */
  perDeviceBytes: number;
  /** Logits for a micro-batch, on the device that holds the output layer. */
  outputBytes: number;
  /**
   * Temporary memory the CUDA/ROCm backend takes from its own pool (ggml-cuda.cu, batched cuBLAS
   * path) outside the compute buffer: without flash attention the KQ product of f16 K and Q is
   * written as f16 (n_ubatch × n_kv × heads × 2 B) before it is converted to f32. Metal has no such pool.
   */
  cudaPoolBytes: number;
  formula: string;
  inputs: Record<string, number | string | boolean>;
}

/** Width of the widest FFN activation one token produces (active experts side by side for MoE). */
function ffnWidth(arch: Architecture): number {
  const e = arch.experts;
  return e
    ? Math.max(arch.intermediate, e.intermediate * e.active + (e.sharedIntermediate ?? e.intermediate * e.shared))
    : arch.intermediate;
}

/**
 * llama.cpp's compute buffer in closed form. ggml's graph allocator (ggml-alloc.c) reuses a
 * tensor's memory once its last consumer ran, so the buffer is the PEAK of what is alive at one
 * point of the worst-case micro-batch graph, not the sum of every intermediate. Three points
 * compete:
 * - attention: without flash attention the f32 scores n_ubatch × n_kv × heads (softmax runs in
 *   place) plus the f32 KQ mask n_ubatch × n_kv (llama-graph.cpp builds it F32 and, with flash
 *   attention, adds an F16 copy instead of the scores), plus four hidden-size rows (residual,
 *   normed input, Q, attention output);
 * - FFN: gate and up outputs (active experts side by side for MoE) plus the residual in and out;
 * - output: logits n_ubatch × vocab × 4 B plus the final normed hidden state, only on the device
 *   that holds the output layer.
 * With the KV cache in host memory (-nkvo, or Ollama keeping it in CUDA_Host) the scheduler
 * also copies one layer's f16 K and V to the GPU for the attention product.
 * Checked against logs (test/fixtures/calibration/compute-buffer-logs.tsv): a Mistral-7B-shaped model
 * at 2048 and 32768 without FA logged 164.00 and 2144.00 MiB (this gives both exactly), Llama-3-8B
 * at 64k with its KV in CUDA_Host 4507 MiB (4512), Qwen2.5-7B and Llama-3-8B at n_ctx 512 304.00
 * and 258.50 MiB (exact, the logits stage), Mixtral 8x7B at 32k on a 2023 build 2167 MiB (2144).
 */
export function llamaComputeBuffers(
  arch: Architecture,
  kvCells: number,
  microBatch: number,
  flashAttention: boolean,
  kvInHost = false,
): ComputeBuffers {
  // Hidden-size rows alive beside the scores: residual input, normed input, Q, attention output.
  const rows = 4 * microBatch * arch.hidden * 4;
  const mask = microBatch * kvCells * (flashAttention ? 4 + 2 : 4);
  const scores = flashAttention ? 0 : microBatch * kvCells * arch.heads * 4;
  const kvCopy = kvInHost ? kvCells * arch.kvHeads * 2 * arch.headDim * 2 : 0;
  const attention = scores + mask + rows + kvCopy;
  const activations = microBatch * (2 * ffnWidth(arch) + 2 * arch.hidden) * 4;
  const perDevice = Math.max(attention, activations);
  const outputStage = microBatch * (arch.vocab + arch.hidden) * 4;
  const extraOnOutputDevice = Math.max(0, outputStage - perDevice);
  const cudaPool = flashAttention ? 0 : microBatch * kvCells * arch.heads * 2 + microBatch * arch.heads * arch.headDim * 2;
  return {
    perDeviceBytes: perDevice,
    outputBytes: extraOnOutputDevice,
    cudaPoolBytes: cudaPool,
    formula:
      `peak of: attention ${flashAttention ? `f32+f16 mask ${microBatch} × ${kvCells}` : `scores ${microBatch} × ${kvCells} cells × ${arch.heads} heads × 4 B + f32 mask`}` +
      `${kvInHost ? ' + one layer of K/V copied from host' : ''}, FFN ${microBatch} × ${2 * ffnWidth(arch) + 2 * arch.hidden} × 4 B, ` +
      `output (logits) ${microBatch} × ${arch.vocab + arch.hidden} × 4 B on the output device`,
    inputs: {
      microBatch,
      kvCells,
      heads: arch.heads,
      vocab: arch.vocab,
      flashAttention,
      kvInHost,
      attentionBytes: attention,
      activationBytes: activations,
      logitsBytes: outputStage,
      cudaPoolBytes: cudaPool,
    },
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
