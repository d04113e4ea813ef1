import type { FitAnswer } from '../checks/fit';
import { verdictLabel } from '../render/estimateText';
import { formatBytes, formatTokens } from '../render/format';
import { escapeMarkdown } from '../render/markdown';
import type { Setting, SettingName } from './types';

/** What each setting does to memory, in a sentence, whatever the format calls it. */
const WHAT: Record<SettingName, string> = {
  context: 'Tokens of context the runtime allocates KV cache for; the KV cache grows in proportion.',
  parallel: 'Sequences served at once. llama.cpp and Ollama give each its share of the context; vLLM fills one shared pool.',
  kvType: 'Type of the K cache: q8_0 halves it against f16, q4_0 quarters it (a quantized V cache needs flash attention in llama.cpp).',
  kvTypeV: 'Type of the V cache; quantized types need flash attention in llama.cpp.',
  flashAttention: 'Flash attention: smaller compute buffers, and the condition for a quantized V cache.',
  gpuLayers: 'Layers placed on the GPU; the rest run on the CPU from system RAM, several times slower.',
  tensorParallel: 'GPUs each layer is split over (vLLM); must divide the attention heads and not exceed the GPUs present.',
  pipelineParallel: 'GPU stages the layers are split into (vLLM); multiplies the GPUs needed.',
  dataParallel: 'Replicas of the whole model (vLLM); each needs its own GPUs.',
  gpuMemoryUtilization: 'Share of each GPU vLLM takes for weights, activations and KV cache; the KV cache gets what is left.',
  devices: 'Devices the runtime may use; "none" runs on the CPU.',
  batch: 'Logical batch size: tokens submitted per step.',
  microBatch: 'Physical batch size: sizes the compute buffers.',
  maxBatchedTokens: "Tokens per scheduler step; sizes vLLM's activation peak at start-up profiling.",
  quantization: 'Weight quantization vLLM loads (awq, gptq, fp8...); otherwise the checkpoint dtype.',
  dtype: 'Dtype of unquantized weights (auto: the checkpoint own).',
  kvCacheBytes: 'A fixed KV cache size, in place of gpu_memory_utilization.',
  cpuOffloadGb: 'GiB of weights vLLM keeps in CPU memory per GPU.',
  enforceEager: 'No CUDA graphs: saves their memory, costs speed.',
  tensorSplit: 'Share of the model each GPU gets (llama.cpp).',
  cpuMoe: 'MoE expert weights kept in system RAM (all layers, or the first N).',
  fit: "llama.cpp's --fit: shrinks an unset context and picks GPU layers at load.",
  projector: 'Vision projector (mmproj) loaded beside the model; adds its own weights.',
  splitMode: 'How layers or rows are split across GPUs (llama.cpp).',
  mainGpu: 'The GPU that holds what is not split (llama.cpp).',
  overrideTensor: 'Tensors placed on a chosen device by pattern (llama.cpp -ot).',
};

/** A hover over a memory setting: what it does, and what it amounts to here. */
export function renderSettingHover(name: SettingName, setting: Setting, answer: FitAnswer | undefined): string {
  const lines = [`**${escapeMarkdown(setting.key || name)}** \`${escapeMarkdown(setting.value || 'on')}\``, '', WHAT[name]];
  if (setting.unresolved) lines.push('', `The value depends on ${escapeMarkdown(setting.unresolved)}, which this file does not set.`);
  if (answer) {
    const e = answer.estimate;
    const kv = `KV cache ${formatBytes(e.kvCacheBytes)} at ${formatTokens(answer.ctx)} tokens`;
    lines.push('', `Here: ${kv}; in all ${formatBytes(e.totalBytes)} of ${formatBytes(e.usableBytes)} usable: ${verdictLabel[e.verdict]}.`);
  }
  return lines.join('\n');
}
