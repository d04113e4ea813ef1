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
