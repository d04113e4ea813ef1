import { z } from 'zod';
import { GPU_VENDORS } from '../enums';
import { glossaryCategories } from './categories';

import { patternProblem } from '../checks/errorPatterns';

/**
 * The catalog's shape. YAML under `catalog/` is validated against these schemas at build
 * time and in tests; the compiled `catalog.json` is trusted at run time.
 */

const slug = z.string().regex(/^[a-z0-9][a-z0-9.+-]*$/, 'ids are lower-case slugs (a-z, 0-9, . + -)');

export const sourceSchema = z.strictObject({
  title: z.string().min(3),
  url: z.url(),
  /** What was read there, when it is not obvious from the title. */
  note: z.string().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

const sources = z.array(sourceSchema).min(1, 'every fact needs at least one source');

export { glossaryCategories, type GlossaryCategory } from './categories';

/** Languages a workflow snippet is shown in, so a Modelfile line never reads as a shell command. */
export const snippetLanguages = ['sh', 'powershell', 'modelfile', 'yaml', 'json', 'python', 'ini', 'dockerfile', 'text'] as const;

export const glossaryEntrySchema = z.strictObject({
  id: slug,
  term: z.string().min(2),
  category: z.enum(glossaryCategories),
  /**
   * Where users meet the term: 1 in the runtimes' docs and READMEs, 2 in operators' discussions,
   * 3 in research papers. Lists and the tree are ordered by it.
   */
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Other spellings matched case-insensitively ("fine-tuning", "finetuning"). */
  aliases: z.array(z.string().min(2)).default([]),
  /** Acronyms and proper names matched only in this exact case, so "RAG" matches and "rag" does not. */
  acronyms: z.array(z.string().min(2)).default([]),
  /** One sentence that stands alone in a hover. */
  definition: z.string().min(40),
  deeperDive: z.string().min(40),
  /** A practical example with real numbers on named local hardware. */
  example: z.string().min(20),
  /** How the term shows up in a named tool, with a snippet in its own language. */
  workflow: z.strictObject({
    tool: z.string().min(2),
    text: z.string().min(20),
    code: z.string().min(2).optional(),
    language: z.enum(snippetLanguages).optional(),
  }),
  related: z.array(slug).default([]),
  /** Error-KB entries for "when it doesn't work". */
  kb: z.array(slug).default([]),
  /**
   * For terms with a short or everyday-word form: why it is ambiguous and whether short forms
   * (three letters or fewer) may match in running text. Without `safeShort`, they do not.
   */
  matching: z
    .strictObject({
      note: z.string().min(20),
      safeShort: z.boolean().default(false),
    })
    .optional(),
  sources,
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export const expertsSchema = z.strictObject({
  total: z.number().int().positive(),
  active: z.number().int().positive(),
  shared: z.number().int().nonnegative().default(0),
  /** FFN size of one routed expert. */
  intermediate: z.number().int().positive(),
  /** FFN size of the shared expert(s) together, when it differs from `intermediate × shared`. */
  sharedIntermediate: z.number().int().positive().optional(),
  /** Leading layers that are dense, not MoE (DeepSeek V3: 3). */
  denseLayers: z.number().int().nonnegative().default(0),
  /**
   * Interleaved MoE: only every `layerStep`-th layer is MoE (layers step−1, 2·step−1, …), the
   * others dense with `architecture.intermediate` (Llama 4 `interleave_moe_layer_step`: Maverick 2,
   * Scout 1). Absent means every layer from `denseLayers` on.
   */
  layerStep: z.number().int().positive().optional(),
});

export const slidingWindowSchema = z.strictObject({
  window: z.number().int().positive(),
  /** Of every `period` layers, `global` use full attention (Gemma 3: 1 of 6); all others slide. */
  period: z.number().int().positive(),
  global: z.number().int().nonnegative(),
  /** Full-attention layers with their own KV geometry (Gemma 4: num_global_key_value_heads, global_head_dim). */
  globalKvHeads: z.number().int().positive().optional(),
  globalHeadDim: z.number().int().positive().optional(),
});

export const mlaSchema = z.strictObject({
  kvLoraRank: z.number().int().positive(),
  qLoraRank: z.number().int().positive().optional(),
  qkRopeHeadDim: z.number().int().positive(),
  qkNopeHeadDim: z.number().int().positive(),
  vHeadDim: z.number().int().positive(),
});

export const architectureSchema = z.strictObject({
  layers: z.number().int().positive(),
  hidden: z.number().int().positive(),
  heads: z.number().int().positive(),
  kvHeads: z.number().int().positive(),
  headDim: z.number().int().positive(),
  /** V head dim where it differs from K (defaults to headDim). */
  vHeadDim: z.number().int().positive().optional(),
  /** Dense FFN size (for MoE models, of the dense layers, if any). */
  intermediate: z.number().int().positive(),
  vocab: z.number().int().positive(),
  tiedEmbeddings: z.boolean(),
  contextLength: z.number().int().positive(),
  experts: expertsSchema.optional(),
  slidingWindow: slidingWindowSchema.optional(),
  mla: mlaSchema.optional(),
  /** Layers with a recurrent/linear state instead of a KV cache (hybrids). */
  recurrentLayers: z.number().int().nonnegative().optional(),
  /** Bytes of one recurrent layer's state (conv + SSM/delta state, F32) for one sequence. */
  recurrentStateBytes: z.number().int().nonnegative().optional(),
  /** Q/K/V projections carry biases (Qwen2, gpt-oss): counted as parameters, kept F32 in GGUF. */
  attentionBias: z.boolean().optional(),
  /** Per-head RMS norms on Q and K (Qwen3, Gemma 3): 2 × headDim parameters per layer. */
  qkNorm: z.boolean().optional(),
  /** Q, K and V stored as one attn_qkv tensor in GGUF (Phi-3, Phi-4), which llama-quantize types on its own rule. */
  fusedQkv: z.boolean().optional(),
  /**
   * The FFN has no gate: two matrices (up, down) with GELU instead of three (Phi-2, BERT-style
   * encoders such as mxbai-embed-large and bge-m3). Absent means a gated (SwiGLU/GeGLU) FFN.
   */
  ungatedFfn: z.boolean().optional(),
});
export type Architecture = z.infer<typeof architectureSchema>;

export const modelSchema = z.strictObject({
  id: slug,
  name: z.string().min(2),
  family: z.string().min(2),
  developer: z.string().min(2),
  /** Official total parameter count. */
  params: z.number().positive(),
  /** Parameters read per token (MoE), official. */
  activeParams: z.number().positive().optional(),
  /** Ollama library tags (without a quantization suffix) that mean this model. */
  ollama: z.array(z.string()).default([]),
  /** Hugging Face repository ids. */
  huggingface: z.array(z.string()).default([]),
  /** Other names seen in file names and prose, matched loosely. */
  aliases: z.array(z.string()).default([]),
  /** Quantization that Ollama's untagged/size tag pulls. */
  ollamaDefaultQuant: z.string().optional(),
  /** Ollama turns flash attention on for this architecture unless OLLAMA_FLASH_ATTENTION=0 (cite the change). */
  ollamaFlashAttention: z.boolean().default(false),
  /** Quantization a specific Ollama tag pulls, where it differs from `ollamaDefaultQuant` (tag → quantization id). */
  ollamaTagQuants: z.record(z.string(), z.string()).optional(),
  /** dtype of the official safetensors checkpoint. */
  dtype: z.enum(['bf16', 'f16', 'f32', 'fp8', 'mxfp4']).default('bf16'),
  /** SPDX id or the licence's own name ("llama3.1", "apache-2.0", "gemma"). */
  license: z.string().min(2).optional(),
  /** Release month. */
  released: z.string().regex(/^\d{4}(-\d{2})?$/).optional(),
  /** The catalog model this one is a fine-tune, distill or merge of (same architecture). */
  base: slug.optional(),
  /** What people use it for; alternatives of "similar purpose" come from here. */
  purpose: z.array(z.enum(['chat', 'code', 'reasoning', 'vision', 'embedding', 'tools'])).default([]),
  /** GGUF repositories on Hugging Face and the quantizations each publishes (labels as in the file names). */
  gguf: z.array(z.strictObject({ repo: z.string().min(3), quants: z.array(z.string().min(2)).min(1) })).default([]),
  /** Vision tower shipped as a separate projector file (mmproj) or inside the checkpoint. */
  projector: z.strictObject({ params: z.number().positive(), note: z.string().optional() }).optional(),
  architecture: architectureSchema,
  sources,
});
export type Model = z.infer<typeof modelSchema>;

export const gpuSchema = z.strictObject({
  id: slug,
  name: z.string().min(2),
  vendor: z.enum(GPU_VENDORS),
  /** Other names of this card alone, as drivers report and people write them; unique across the catalog. */
  aliases: z.array(z.string()).default([]),
  /**
   * Names a driver reports for this card and its memory variants alike (nvidia-smi says "NVIDIA
   * GeForce RTX 3060" for the 8 and the 12 GB card): shared only within one `family`.
   */
  driverNames: z.array(z.string()).optional(),
  /** Cards that differ only in memory (size, or form factor and bin) share a family key. */
  family: slug.optional(),
  /** Microarchitecture and chip ("Ada Lovelace (AD102)", "RDNA 3 (Navi 31)"). */
  architecture: z.string().min(2).optional(),
  /** Memory in GiB as sold (24 GB cards have 24 GiB). Unified-memory parts: the largest configuration. */
  memoryGiB: z.number().positive(),
  /** Apple and other unified-memory parts: the configurations sold, in GiB. */
  unifiedMemoryOptionsGiB: z.array(z.number().positive()).optional(),
  bandwidthGBs: z.number().positive(),
  memoryType: z.string().optional(),
  unified: z.boolean().default(false),
  laptop: z.boolean().default(false),
  released: z.string().regex(/^\d{4}(-\d{2})?$/).optional(),
  sources,
});
export type Gpu = z.infer<typeof gpuSchema>;

export const quantizationSchema = z.strictObject({
  id: z.string().min(2),
  format: z.enum(['gguf', 'safetensors', 'awq', 'gptq', 'bitsandbytes', 'mlx']),
  aliases: z.array(z.string()).default([]),
  /** Storage of one block: `blockBytes` bytes hold `blockWeights` weights. */
  blockBytes: z.number().positive(),
  blockWeights: z.number().int().positive(),
  /** Whole-file bits per weight of a recipe that mixes types (GGUF K-quant mixes), if measured. */
  fileBitsPerWeight: z.number().positive().optional(),
  description: z.string().min(10),
  /** Usable as a KV-cache type (f16, q8_0, q4_0). */
  kvCache: z.boolean().default(false),
  sources,
});
export type Quantization = z.infer<typeof quantizationSchema>;

export const runtimeName = z.enum(['ollama', 'llama.cpp', 'vllm', 'localai', 'lmstudio', 'pytorch', 'mlx', 'any']);

export const errorEntrySchema = z.strictObject({
  id: slug,
  title: z.string().min(5),
  category: z.string().min(2),
  runtimes: z.array(runtimeName).min(1),
  /** The error line as the runtime prints it. */
  printed: z.array(z.string().min(5)).min(1),
  /**
   * Literal text (case-insensitive) that recognises it in a log, `*` standing for any run of characters
   * on the line; matched in linear time (see checks/errorPatterns.ts).
   */
  patterns: z
    .array(
      z.string().superRefine((p, ctx) => {
        const problem = patternProblem(p);
        if (problem) ctx.addIssue({ code: 'custom', message: `pattern ${JSON.stringify(p)} ${problem}` });
      }),
    )
    .min(1),
  /** Lines from real output, each with the runtime and version that printed it and where it was seen. */
  samples: z
    .array(
      z.strictObject({
        line: z.string().min(5),
        runtime: z.string().min(2),
        /** The runtime's version as the report states it ("0.6.2", "b4792", "v0.8.5"), or "unstated". */
        version: z.string().min(1),
        source: z.url(),
      }),
    )
    .min(1),
  cause: z.string().min(40),
  solutions: z
    .array(
      z.strictObject({
        title: z.string().min(3),
        detail: z.string().min(10),
        commands: z.array(z.strictObject({ runtime: runtimeName, command: z.string().min(2) })).default([]),
      }),
    )
    .min(1),
  related: z.array(slug).default([]),
  /** The web page: a known runlocalai.co entry, or the errors index. */
  url: z.url(),
  lastVerified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sources,
});
export type ErrorEntry = z.infer<typeof errorEntrySchema>;

/** The runtimes whose configuration keys and flags have hovers. */
export const configRuntimes = ['ollama', 'llama.cpp', 'vllm', 'localai'] as const;
export type ConfigRuntime = (typeof configRuntimes)[number];

/**
 * A key, flag or environment variable a runtime reads: what it does to memory and speed, and its
 * default in a named version. `surface` says where it is written (a Modelfile PARAMETER, a
 * command-line flag, an environment variable, a YAML key).
 */
export const configKeySchema = z.strictObject({
  id: slug,
  runtime: z.enum(configRuntimes),
  surface: z.enum(['modelfile', 'flag', 'env', 'yaml']),
  /** As written: `num_ctx`, `--ctx-size`, `OLLAMA_KV_CACHE_TYPE`, `max_model_len`. */
  key: z.string().min(1),
  /** Other spellings of the same setting in the same runtime (`-c`, `--ctx-size`, `LLAMA_ARG_CTX_SIZE`). */
  aliases: z.array(z.string().min(1)).default([]),
  summary: z.string().min(20),
  memory: z.string().min(10),
  speed: z.string().min(10),
  /** The default and the version (or docs page state) it was read from. */
  default: z.strictObject({ value: z.string().min(1), version: z.string().min(2) }),
  /** What the estimator reads from this key, so hovers can price the current value. */
  affects: z.enum(['context', 'gpu-layers', 'kv-type-k', 'kv-type-v', 'kv-type', 'parallel', 'flash-attention', 'gpu-memory-fraction', 'none']).default('none'),
  /** A glossary term that explains the idea behind the key. */
  term: slug.optional(),
  sources,
});
export type ConfigKey = z.infer<typeof configKeySchema>;

/** Each catalog file holds one list, named by its top-level key. */
export const catalogFileSchema = z.strictObject({
  glossary: z.array(glossaryEntrySchema).optional(),
  models: z.array(modelSchema).optional(),
  gpus: z.array(gpuSchema).optional(),
  quantizations: z.array(quantizationSchema).optional(),
  errors: z.array(errorEntrySchema).optional(),
  keys: z.array(configKeySchema).optional(),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

export interface Catalog {
  glossary: GlossaryEntry[];
  models: Model[];
  gpus: Gpu[];
  quantizations: Quantization[];
  errors: ErrorEntry[];
  /** Configuration keys and flags of the runtimes (absent from catalogs built before they existed). */
  keys?: ConfigKey[];
}
