import type { DiagnosticCode } from '../diagnostics/codes';
import type { HfConfigInfo } from '../configs/hfConfig';
import type { Runtime } from '../estimate/types';
import type { HardwareSettings } from '../hardware/fromSettings';
import type { Range, Severity, TextEdit } from '../types';

/** Every setting a deployment may carry that changes memory, in runtime-neutral names. */
export type SettingName =
  | 'context'
  | 'parallel'
  | 'kvType'
  | 'kvTypeV'
  | 'flashAttention'
  | 'gpuLayers'
  | 'tensorParallel'
  | 'pipelineParallel'
  | 'dataParallel'
  | 'gpuMemoryUtilization'
  | 'devices'
  | 'batch'
  | 'microBatch'
  | 'maxBatchedTokens'
  | 'quantization'
  | 'dtype'
  | 'kvCacheBytes'
  | 'cpuOffloadGb'
  | 'enforceEager'
  | 'tensorSplit'
  | 'cpuMoe'
  | 'fit'
  | 'projector'
  | 'splitMode'
  | 'mainGpu'
  | 'overrideTensor';

/** One value as the file writes it, with where it stands (and its key, where it has one). */
export interface Setting {
  /** The key or flag as written (`--ctx-size`, `max_model_len`, `PARAMETER num_ctx`). */
  key: string;
  /** The value text, unquoted; "" for a bare switch such as `--flash-attn`. */
  value: string;
  range: Range;
  /** Where the key or flag itself stands, for hovers on it. */
  keyRange?: Range;
  /** Set when the value holds `${VAR}` or `$VAR` the file does not define. */
  unresolved?: string;
}

/** A key or flag as written, with where it stands: what a hover explains. */
export interface KeyMention {
  key: string;
  /** The value when the file writes one beside the key (`--threads=8`, `mmap: true`); "" otherwise. */
  value: string;
  keyRange: Range;
}

/** One model a file would run, with every memory setting and how to change it in this format. */
export interface Deployment {
  /** What the runtime would run it with (LocalAI's llama.cpp backend counts as llama.cpp). */
  runtime: Runtime;
  /** A name for messages: a service, a llama-swap model, a KubeAI resource. */
  label?: string;
  model?: { value: string; range: Range; unresolved?: string };
  /** Where findings go when no setting decides them (the model, else the command or section). */
  anchor: Range;
  settings: Partial<Record<SettingName, Setting>>;
  /** The runtime's environment as the file sets it (OLLAMA_*, CUDA_VISIBLE_DEVICES). */
  env: Record<string, string>;
  /** Deployments sharing devices and loaded together (a llama-swap group, compose services on one GPU). */
  group?: string;
  /** GPUs the file asks its scheduler for (Kubernetes `nvidia.com/gpu`, KubeAI `resourceProfile`, compose reservations). */
  requestedGpus?: { count?: number; gpu?: string; range: Range };
  /** A model `ollama create` builds from a Modelfile (and `ollama run` of that name): judged in the Modelfile, not here. */
  builtFrom?: { name: string; path: string; range: Range; unresolved?: string };
  /** A config.json: the architecture itself rather than a catalog model. */
  hfConfig?: HfConfigInfo;
  /** Things the file leaves open that the reader should know (`${MODEL}` left unresolved). */
  notes: string[];
  /** Keys and flags the file writes for this deployment that no setting models (`--threads`, `mmap`), for hovers. */
  otherKeys?: KeyMention[];
  /** Text edits that set one setting to `value` in this format: in place, or a new key in the file's style. */
  edit(setting: SettingName, value: string): TextEdit[];
}

/** A problem a format finds while reading, before any model is judged. */
export interface FormatProblem {
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

/** What a format parses a file into; opaque to everything but the format. */
export interface Parsed {
  problems: FormatProblem[];
  deployments: Deployment[];
  /** Hardware the file itself declares (a `runlocalai:` key). */
  target?: { settings: HardwareSettings; range: Range };
}

export interface FormatDocument {
  uri: string;
  languageId: string;
  text: string;
}

/** One config format: recognises its files and turns them into deployments. */
export interface Format {
  id: FormatId;
  /** For messages: "vLLM config", "llama-swap config". */
  label: string;
  matches(doc: FormatDocument): boolean;
  /** `languageId`: the document's, where the format reads some languages differently (Markdown's code blocks). */
  parse(text: string, languageId?: string): Parsed;
}

export type FormatId = 'modelfile' | 'command-line' | 'llamacpp-preset' | 'vllm' | 'localai' | 'llama-swap' | 'compose' | 'hf-config';
