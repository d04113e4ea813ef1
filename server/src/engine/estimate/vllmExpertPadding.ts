import type { Architecture } from '../catalog/schema';
import type { GpuDevice } from '../hardware/types';

const roundUp = (x: number, m: number) => Math.ceil(x / m) * m;

/**
 * Extra bytes vLLM allocates for MXFP4 expert weights beyond the checkpoint's, per GPU.
 *
 * vLLM's MXFP4 MoE method (vllm/model_executor/layers/quantization/mxfp4.py, `create_weights`)
 * pads every expert matrix to its kernel's tiles: the Marlin backend, which it picks on NVIDIA GPUs
 * other than datacenter Blackwell unless Triton's MoE kernels are installed, rounds the per-rank
 * expert FFN size up to 128 and the hidden size up to 256; FlashInfer's SM100 path rounds both up
 * to 256. For gpt-oss (hidden 2880, expert FFN 2880) Marlin's 2944 × 3072 tiles add 9%: 60.7 GiB of
 * checkpoint became "Model loading took 65.97 GiB" on an H100 (vllm-project/vllm#23278).
 */
export function vllmMxfp4PaddingBytes(
  a: Architecture,
  quantId: string,
  expertBytes: number,
  tp: number,
  device: GpuDevice | undefined,
): number {
  const e = a.experts;
  if (!e || !/mxfp4/i.test(quantId) || !device || device.vendor !== 'nvidia') return 0;
  const sm100 = /\bG?B[123]00\b/i.test(device.name);
  const alignFfn = sm100 ? 256 : 128;
  const perRank = e.intermediate / tp;
  const factor = (roundUp(perRank, alignFfn) * roundUp(a.hidden, 256)) / (perRank * a.hidden);
  return (expertBytes / tp) * (factor - 1);
}
