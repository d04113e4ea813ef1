import type { Model, Quantization } from '../catalog/schema';
import type { ValueOrigin } from '../estimate/runtimeDefaults';
import type { EstimateInput, KvCacheType, MemoryEstimate, Runtime, Verdict } from '../estimate/types';
import type { RuntimeDefaults } from '../sources/types';
import type { Hardware } from '../hardware/types';

/** Where a model's facts came from, so every answer can say it (`source` in JSON). */
export interface ModelProvenance {
  /** `catalog`, `config-file`, and (with the model sources) `gguf-file`, `ollama-store`, `hf-cache`, `lmstudio`, `name`, `online`. */
  kind: string;
  /** Catalog id, repository id or tag the facts were found under. */
  id?: string;
  /** File the facts were read from. */
  path?: string;
  /** Estimated from partial facts (a name): the answer's error range as a fraction. */
  approximate?: number;
}

/** A model already resolved by the caller (a config.json's, a GGUF header's). */
export interface ResolvedModel {
  model: Model;
  quant?: Quantization;
  source: ModelProvenance;
  /** What the source could not tell or had to assume. */
  warnings?: string[];
  /** Weights measured from the model's own file (see EstimateInput.exactWeights). */
  exactWeights?: EstimateInput['exactWeights'];
  /** What the runtime uses when the question does not say (an Ollama model's num_ctx). */
  defaults?: RuntimeDefaults;
}

/** "Will it run?" as every shell asks it. Unset fields take the runtime's defaults. */
export interface WillItRunQuestion {
  /** A reference (catalog id or name, Ollama tag, Hugging Face id, GGUF file name) or a resolved model. */
  model: string | ResolvedModel;
  quant?: string;
  /** Tokens; 0 = the trained context (llama.cpp `-c 0`). */
  ctx?: number;
  runtime?: Runtime;
  /** GPU layers the config asks for (num_gpu, -ngl). */
  gpuLayers?: number;
  kvType?: KvCacheType;
  parallel?: number;
  flashAttention?: boolean;
  /** vLLM tensor_parallel_size. */
  tensorParallel?: number;
  /** The runtime's environment (OLLAMA_*), where the shell knows it. */
  env?: Record<string, string | undefined>;
}

/** A value the answer used, with where it came from. */
export interface Valued<T> {
  value: T;
  origin: ValueOrigin;
  note?: string;
}

/** One change that would make the question fit, in the user's terms. */
export interface Alternative {
  change: {
    quant?: string;
    ctx?: number;
    kvType?: KvCacheType;
    flashAttention?: boolean;
    /** Another catalog model (its id). */
    model?: string;
    /** Another catalog GPU (its name). */
    gpu?: string;
  };
  /** "Q3_K_M instead of Q4_K_M", "a context of 12,288 tokens". */
  label: string;
  verdict: Verdict;
  totalBytes: number;
  tokensPerSecond?: number;
}

export interface WillItRunAnswer {
  model: Model;
  source: ModelProvenance;
  quant: Quantization;
  runtime: Runtime;
  settings: {
    ctx: Valued<number>;
    parallel: Valued<number>;
    kvType: Valued<KvCacheType>;
    flashAttention: Valued<boolean>;
    gpuLayers?: Valued<number>;
    tensorParallel?: Valued<number>;
    gpuMemoryUtilization?: Valued<number>;
  };
  hardware: Hardware;
  estimate: MemoryEstimate;
  /** Nearest changes that fit, best first (empty when it fits as asked). */
  alternatives: Alternative[];
  /** What the runtime's defaults decided or ignored, and what the model's source had to assume. */
  notes: string[];
}

export type WillItRunOutcome =
  { ok: true; answer: WillItRunAnswer } | { ok: false; error: string; /** Near names, for "did you mean". */ suggestions?: string[] };
