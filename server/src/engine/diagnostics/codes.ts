import type { Severity } from '../types';

/**
 * Every diagnostic code the engine emits, declared once: its default severity, a title, the
 * error-KB entry that explains it and the page that documents it. Checks, `codeDescription`,
 * the README's table of codes and SARIF rules all read this table.
 */
export interface DiagnosticCodeInfo {
  /** Severity when the check has no reason to choose another. */
  severity: Severity;
  title: string;
  /** What a user should know, one or two sentences (README table, SARIF `fullDescription`). */
  description: string;
  /** Error-KB entry id, when one explains the problem. */
  kb?: string;
}

/** Codes without a KB entry of their own link to the error KB's index (the site publishes no page per code). */
export const CODES_HELP_URL = 'https://www.runlocalai.co/errors';

export const DIAGNOSTIC_CODES = {
  'wont-fit': {
    severity: 'error',
    title: "Model won't fit",
    description: 'Weights, KV cache, compute buffers and runtime overhead need more memory than the GPUs and the RAM the runtime may use.',
    kb: 'cuda-out-of-memory',
  },
  'partial-offload': {
    severity: 'warning',
    title: 'Partial offload: runs slowly',
    description: 'The model runs, but some layers stay in system RAM and run on the CPU, which is several times slower.',
    kb: 'ollama-running-slowly',
  },
  tight: {
    severity: 'information',
    title: 'Tight fit',
    description: 'The model fits with less than a tenth of the usable memory to spare; other programs on the GPU can push it out.',
  },
  'cpu-only': {
    severity: 'information',
    title: 'No GPU in use',
    description: 'No GPU is detected or set, so the verdict is for CPU inference from system RAM.',
  },
  'unknown-model': {
    severity: 'information',
    title: 'Unknown model',
    description: 'RunLocalAI cannot tell what the named model needs, so it gives no verdict.',
  },
  'cannot-tell': {
    severity: 'information',
    title: "Can't tell from the name",
    description: 'The model is known only by its name, and the estimate is within its error range of the usable memory.',
  },
  'unreadable-model': {
    severity: 'error',
    title: 'Model file cannot be read',
    description:
      'The reference names a file that is not a readable model: truncated, not GGUF, a folder, a device or FIFO, or a link out of the allowed folders.',
  },
  'unknown-quantization': {
    severity: 'information',
    title: 'Unknown quantization label',
    description:
      "The model reference carries a quantization label the catalog does not know; the verdict assumes the model's default and the message names the labels it knows.",
  },
  'modelfile-syntax': {
    severity: 'error',
    title: 'Modelfile syntax',
    description: 'A line Ollama would reject when creating the model.',
  },
  'missing-from': {
    severity: 'warning',
    title: 'Modelfile without FROM',
    description: 'A Modelfile needs a FROM instruction naming the base model.',
  },
  'missing-model': {
    severity: 'error',
    title: 'FROM without a model',
    description: 'FROM needs an Ollama tag, a GGUF file or a folder of safetensors.',
  },
  'invalid-parameter': {
    severity: 'error',
    title: 'Invalid parameter value',
    description: 'A PARAMETER value that Ollama would reject or that cannot size memory.',
  },
  'known-error': {
    severity: 'hint',
    title: 'Known error',
    description: 'A log line that matches an entry of the error knowledge base; the quick fix opens it.',
  },
  'vllm-kv-cache-too-small': {
    severity: 'error',
    title: 'KV cache shorter than max_model_len',
    description:
      "vLLM would load the weights, then stop: the KV cache left at gpu_memory_utilization is shorter than max_model_len (the message gives vLLM's estimated maximum).",
    kb: 'cuda-out-of-memory',
  },
  'context-above-trained': {
    severity: 'error',
    title: 'max_model_len above the trained context',
    description: "max_model_len is above the model's trained context, which vLLM refuses unless VLLM_ALLOW_LONG_MAX_MODEL_LEN is set.",
  },
  'tensor-parallel-exceeds-gpus': {
    severity: 'error',
    title: 'More parallel GPUs than present',
    description: "tensor_parallel_size × pipeline_parallel_size asks for more GPUs than the machine (or the file's reservation) has.",
  },
  'tensor-parallel-heads': {
    severity: 'error',
    title: 'tensor_parallel_size does not divide the heads',
    description: 'vLLM splits attention heads evenly across GPUs; a tensor_parallel_size that does not divide them stops it at start-up.',
  },
  'quantized-v-without-flash-attention': {
    severity: 'error',
    title: 'Quantized V cache without flash attention',
    description: 'llama.cpp refuses a quantized V cache (-ctv q8_0, q4_0...) when flash attention is off.',
  },
  'group-wont-fit': {
    severity: 'error',
    title: "Models loaded together won't fit",
    description:
      'Models that stay loaded together (a llama-swap group with swap: false, compose services on the same GPUs) need more memory together than the GPUs have; the message names the group.',
    kb: 'cuda-out-of-memory',
  },
  'unknown-group-member': {
    severity: 'error',
    title: 'Group names an undefined model',
    description: 'A llama-swap group lists a model that the models section does not define.',
  },
  'invalid-value': {
    severity: 'error',
    title: 'Invalid setting value',
    description: 'A memory setting with a value the runtime would reject (a context that is not a number, a GPU memory fraction above 1).',
  },
  'parse-error': {
    severity: 'error',
    title: 'Invalid YAML, JSON or INI',
    description: 'The file cannot be parsed; the diagnostic sits where the parser stopped.',
  },
  'invalid-target': {
    severity: 'error',
    title: 'Unreadable target hardware',
    description: 'A runlocalai key or .runlocalai.yaml that does not name GPUs, a count and sizes RunLocalAI can read.',
  },
  'unresolved-model': {
    severity: 'information',
    title: 'Model left to a variable',
    description: 'The model is a ${VAR} or $(...) the file does not set, so no verdict is given.',
  },
  'built-from-modelfile': {
    severity: 'information',
    title: 'Model built from a Modelfile',
    description:
      'ollama create builds the model from a Modelfile: its fit is checked in that file, which the finding links to (or says it cannot find).',
  },
  'setting-not-modelled': {
    severity: 'information',
    title: 'Setting not modelled',
    description:
      'A flag or key that changes where memory goes (a tensor split, a partial -ot override, -nkvo) which the estimate does not model; the verdict is for the usual placement.',
  },
  'incomplete-config': {
    severity: 'warning',
    title: 'config.json without sizes',
    description: 'A Hugging Face config.json that lacks the layer count, hidden size or heads sizing needs.',
  },
} as const satisfies Record<string, DiagnosticCodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function codeInfo(code: string): DiagnosticCodeInfo | undefined {
  return (DIAGNOSTIC_CODES as Record<string, DiagnosticCodeInfo>)[code];
}

/** The page for a code: its KB entry's page when it has one, else the README's table. */
export function codeHref(code: string, kbUrl: (id: string) => string | undefined): string {
  const kb = codeInfo(code)?.kb;
  return (kb && kbUrl(kb)) || CODES_HELP_URL;
}
