import type { Severity } from '../types';

/**
 * Every diagnostic code the format checks emit, in one place: its usual severity, what it means,
 * and the error-KB entry that explains it (where one does). Documented in the README.
 */
export const FORMAT_CODES = {
  'wont-fit': { severity: 'error', title: "The model won't fit the GPUs", kb: 'cuda-out-of-memory' },
  'partial-offload': { severity: 'warning', title: 'Part of the model runs on the CPU, slowly', kb: 'ollama-running-slowly' },
  tight: { severity: 'information', title: 'Fits with little room to spare' },
  'cpu-only': { severity: 'information', title: 'No GPU in use: judged against system RAM' },
  'unknown-model': { severity: 'information', title: 'Model not in the catalog' },
  'unresolved-model': { severity: 'information', title: 'The model is a variable the file does not set' },
  'parse-error': { severity: 'error', title: 'The file is not valid YAML, JSON or INI' },
  'modelfile-syntax': { severity: 'error', title: 'Modelfile syntax error' },
  'missing-from': { severity: 'warning', title: 'Modelfile without FROM' },
  'missing-model': { severity: 'error', title: 'FROM without a model' },
  'invalid-parameter': { severity: 'error', title: 'A Modelfile PARAMETER that is not a number' },
  'invalid-value': { severity: 'error', title: 'A memory setting with a value the runtime rejects' },
  'quantized-v-without-flash-attention': { severity: 'error', title: 'Quantized V cache needs flash attention' },
  'tensor-parallel-exceeds-gpus': { severity: 'error', title: 'tensor_parallel_size × pipeline_parallel_size above the GPUs present' },
  'tensor-parallel-heads': { severity: 'error', title: 'tensor_parallel_size does not divide the attention heads' },
  'context-above-trained': { severity: 'error', title: 'max_model_len above the trained context' },
  'vllm-kv-cache-too-small': { severity: 'error', title: 'The KV cache left after the weights is shorter than max_model_len' },
  'group-wont-fit': { severity: 'error', title: 'Models loaded together do not fit together' },
  'unknown-group-member': { severity: 'error', title: 'A llama-swap group names a model the file does not define' },
  'invalid-target': { severity: 'error', title: 'The declared target hardware cannot be read' },
  'incomplete-config': { severity: 'warning', title: 'config.json lacks what sizing needs' },
} as const satisfies Record<string, { severity: Severity; title: string; kb?: string }>;

export type FormatCode = keyof typeof FORMAT_CODES;
