// The settings, declared once. package.json's contributes.configuration must say the same (a test
// compares them); sanitizing on both sides, the CLI flags and the hardware report's override
// section are all driven from this table.

interface SettingBase {
  /** Key under `runlocalai.`. */
  key: string;
  description: string;
  /** The CLI flag that sets the same thing, if any (`--gpus`). */
  cliFlag?: string;
  /** A line for the hardware report's override example, if the setting belongs there. */
  example?: { value: string; comment: string };
  /**
   * Read per document with its language's overrides (`runlocalai.hover.*`, scope
   * language-overridable in package.json), not part of RunLocalAISettings.
   */
  perLanguage?: boolean;
}

export interface StringSetting extends SettingBase {
  type: 'string';
  default: string;
  /** Longest accepted value; longer ones fall back to the default (they are never a GPU name). */
  maxLength: number;
  enum?: readonly string[];
}

export interface NumberSetting extends SettingBase {
  type: 'integer' | 'number';
  /** null: unset (the catalog or detection decides). */
  default: number | null;
  nullable: boolean;
  minimum: number;
  maximum: number;
}

export interface BooleanSetting extends SettingBase {
  type: 'boolean';
  default: boolean;
}

export interface StringListSetting extends SettingBase {
  type: 'string[]';
  default: readonly string[];
  /** Most entries kept; each entry at most `maxLength` characters. */
  maxItems: number;
  maxLength: number;
}

/** Globs to one of a fixed set of values (`runlocalai.formats`). */
export interface StringMapSetting extends SettingBase {
  type: 'object';
  default: Readonly<Record<string, string>>;
  /** Values a key may map to. */
  values: readonly string[];
  /** Most entries kept; each key at most `maxLength` characters. */
  maxItems: number;
  maxLength: number;
  /** Never null: an empty map is "nothing set". */
  nullable?: never;
}

export type SettingSpec = StringSetting | NumberSetting | BooleanSetting | StringListSetting | StringMapSetting;

export const SETTINGS = [
  {
    key: 'gpu',
    type: 'string',
    default: 'auto',
    maxLength: 200,
    cliFlag: 'gpu',
    description:
      'GPU that verdicts are computed for: `auto` (detect with systeminformation), a GPU name from the catalog (for example `RTX 4090`; settings.json completes the catalog names, and **RunLocalAI: Pick a GPU** lists them), or `none` (CPU only).',
    example: { value: '"RTX 4090"', comment: 'a GPU name from the catalog, "none" for CPU only, or "auto"' },
  },
  {
    key: 'gpuCount',
    type: 'integer',
    default: 1,
    nullable: false,
    minimum: 1,
    maximum: 64,
    cliFlag: 'gpus',
    description: 'How many of the GPU named in `#runlocalai.gpu#` the machine has (verdicts split models across them).',
    example: { value: '2', comment: 'how many of that GPU' },
  },
  {
    key: 'vramGB',
    type: 'number',
    default: null,
    nullable: true,
    minimum: 0,
    maximum: 4096,
    cliFlag: 'vram',
    description: 'Override the VRAM (GiB) of the GPU in use. Leave empty to use the catalog or detection.',
    example: { value: '24', comment: 'memory per GPU in GiB, overriding the catalog or the driver' },
  },
  {
    key: 'ramGB',
    type: 'number',
    default: null,
    nullable: true,
    minimum: 0,
    maximum: 65536,
    cliFlag: 'ram',
    description:
      'Override the system RAM (GiB) that partial offload may use. For a Mac named in `#runlocalai.gpu#`, its unified memory. Leave empty to use the detected RAM.',
    example: { value: '64', comment: 'system RAM in GiB for what does not fit on the GPU (on a Mac, its unified memory)' },
  },
  {
    key: 'ramBasis',
    type: 'string',
    default: 'total',
    maxLength: 20,
    enum: ['total', 'available'],
    cliFlag: 'ram-basis',
    description:
      'Which system RAM figure verdicts count for layers that do not fit on the GPU: `total` (the same verdict whatever else is running) or `available` (what is free now, as detected).',
  },
  {
    key: 'hover.enabled',
    type: 'boolean',
    default: true,
    perLanguage: true,
    description:
      'Show RunLocalAI hovers (glossary terms, models, GPUs, config keys) in this language. Set per language, for example `"[markdown]": { "runlocalai.hover.enabled": false }`.',
  },
  {
    key: 'hover.inCode',
    type: 'string',
    default: 'commentsAndStrings',
    perLanguage: true,
    maxLength: 40,
    enum: ['commentsAndStrings', 'everywhere', 'off'],
    description:
      'Where glossary terms are hovered in source code and config files. Markdown code fences follow the rule of their language.',
  },
  {
    key: 'sources.ollamaModels',
    type: 'string',
    default: '',
    maxLength: 4096,
    description:
      "Ollama's models folder, where pulled tags are read from (manifests and the GGUF headers of their blobs). Empty: `OLLAMA_MODELS`, else `~/.ollama/models`. Read only in trusted workspaces.",
  },
  {
    key: 'sources.hfCache',
    type: 'string',
    default: '',
    maxLength: 4096,
    description:
      'Hugging Face hub cache, where `org/name` repositories are read from (`config.json`, safetensors index and headers). Empty: `HF_HUB_CACHE`, else `HF_HOME/hub`, else `~/.cache/huggingface/hub`. Read only in trusted workspaces.',
  },
  {
    key: 'sources.modelsDirs',
    type: 'string[]',
    default: [],
    maxItems: 16,
    maxLength: 4096,
    description:
      "Folders of GGUF models laid out as `publisher/repo/file.gguf` (LM Studio's models folder). Empty: `~/.lmstudio/models` and `~/.cache/lm-studio/models`. Read only in trusted workspaces.",
  },
  {
    key: 'lookup.online',
    type: 'string',
    default: 'off',
    maxLength: 3,
    enum: ['off', 'on'],
    description:
      "Look up models that are neither on this machine nor in the catalog online: the Hugging Face `config.json` and safetensors index, or Ollama's registry manifest and the header of its model blob (a range request). Answers are cached on disk with their URL and date. Never in Restricted Mode.",
  },
  {
    key: 'formats',
    type: 'object',
    default: {},
    values: ['modelfile', 'command-line', 'llamacpp-preset', 'vllm', 'localai', 'llama-swap', 'compose', 'hf-config', 'none'],
    maxItems: 200,
    maxLength: 500,
    description:
      'Config formats by file glob, to add files RunLocalAI does not recognise or to leave some alone: `{ "deploy/**/*.yaml": "vllm", "vendor/**": "none" }`. Globs without a `/` match the file name anywhere.',
  },
] as const satisfies readonly SettingSpec[];

/** Settings the client sanitizes and sends (pulled per resource with workspace/configuration). */
export interface RunLocalAISettings {
  /** `auto`, a catalog GPU name, or `none`. */
  gpu: string;
  /** How many such GPUs (when `gpu` names one). */
  gpuCount: number;
  /** VRAM override in GiB, or null. */
  vramGB: number | null;
  /** System RAM override in GiB (for partial offload), or null to use the detected RAM. */
  ramGB: number | null;
  /** Which RAM figure verdicts count. */
  ramBasis: 'total' | 'available';
  /** Model stores (empty: the environment and the platform's defaults). */
  'sources.ollamaModels': string;
  'sources.hfCache': string;
  'sources.modelsDirs': readonly string[];
  /** `on` lets unknown models be looked up online. */
  'lookup.online': string;
  /** Config formats by file glob: a format id, or "none" to leave matching files alone. */
  formats: Readonly<Record<string, string>>;
}

export const defaultSettings: RunLocalAISettings = Object.fromEntries(
  (SETTINGS as readonly SettingSpec[]).filter((s) => !s.perLanguage).map((s) => [s.key, s.default]),
) as unknown as RunLocalAISettings;

/** One value checked against its row: a valid value, or undefined for "use the default". */
export function sanitizeValue(
  spec: SettingSpec,
  v: unknown,
): string | number | boolean | readonly string[] | Readonly<Record<string, string>> | null | undefined {
  if (spec.type === 'boolean') return typeof v === 'boolean' ? v : undefined;
  if (spec.type === 'object') {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const entries = Object.entries(v as Record<string, unknown>).filter(
      (e): e is [string, string] =>
        e[0].length > 0 && e[0].length <= spec.maxLength && typeof e[1] === 'string' && spec.values.includes(e[1]),
    );
    return Object.fromEntries(entries.slice(0, spec.maxItems));
  }
  if (spec.type === 'string[]') {
    if (!Array.isArray(v)) return undefined;
    return v.filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= spec.maxLength).slice(0, spec.maxItems);
  }
  if (spec.type === 'string') {
    if (typeof v !== 'string') return undefined;
    const t = v.trim();
    if (!t || t.length > spec.maxLength) return undefined;
    return spec.enum && !spec.enum.includes(t) ? undefined : t;
  }
  if (v === null && spec.nullable) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  if (spec.type === 'integer' && !Number.isInteger(v)) return undefined;
  // 0 GiB means "not set" for the nullable memory overrides; out of range is never silently clamped.
  if (spec.nullable && v === 0) return null;
  if (v < spec.minimum || v > spec.maximum) return undefined;
  return v;
}

/** Accepts whatever a user or client wrote and returns complete, valid settings (both sides use it). */
export function sanitizeSettings(raw: unknown): RunLocalAISettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const spec of SETTINGS as readonly SettingSpec[])
    if (!spec.perLanguage) out[spec.key] = sanitizeValue(spec, r[spec.key]) ?? spec.default;
  return out as unknown as RunLocalAISettings;
}

/** A setting's row by key. */
export function settingSpec(key: string): SettingSpec | undefined {
  return (SETTINGS as readonly SettingSpec[]).find((s) => s.key === key);
}

/** The override example of the hardware report, from the table. */
export function overrideExample(): string[] {
  const rows = (SETTINGS as readonly SettingSpec[]).filter((s) => s.example);
  const width = Math.max(...rows.map((s) => `"runlocalai.${s.key}": ${s.example!.value},`.length));
  return rows.map((s, i) => {
    const comma = i < rows.length - 1 ? ',' : '';
    return `${`"runlocalai.${s.key}": ${s.example!.value}${comma}`.padEnd(width)}  // ${s.example!.comment}`;
  });
}
