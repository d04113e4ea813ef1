// Plain shapes that cross the wire (and the CLI's --json): no engine types, so a client or a script
// can depend on them without the engine. The server checks at compile time that what the engine
// returns fits them.

export type WireVerdict = 'fits' | 'tight' | 'partial-offload' | 'wont-fit';
export type WireOrigin = 'given' | 'runtime-default' | 'model-default' | 'environment';

export interface WireDevice {
  name: string;
  vendor: string;
  totalBytes: number;
  freeBytes?: number;
  unified: boolean;
}

export interface WireHardware {
  devices: WireDevice[];
  ramBytes?: number;
  freeRamBytes?: number;
  source: 'detected' | 'setting' | 'pending' | 'failed';
  note?: string;
}

export interface HardwareStatus {
  hardware: WireHardware;
  /** Short text for the status bar, e.g. "RTX 4090 24 GiB (set)". */
  summary: string;
  /** The "Show hardware" report: devices, memory, what verdicts use, how to override. */
  markdown: string;
}

export interface WireValued {
  value: number | string | boolean;
  origin: WireOrigin;
  note?: string;
}

export interface WireAlternative {
  change: { quant?: string; ctx?: number; kvType?: string; flashAttention?: boolean; model?: string; gpu?: string };
  label: string;
  verdict: WireVerdict;
  totalBytes: number;
  tokensPerSecond: number | null;
}

/** The answer to "will it run?": `runlocalai estimate --json` prints exactly this. */
export interface WillItRunJson {
  /** Catalog id of the model (or the name of a model read from a file). */
  model: string;
  modelName: string;
  source: { kind: string; id?: string; path?: string; approximate?: number };
  quant: string;
  ctx: number;
  runtime: string;
  settings: Record<string, WireValued>;
  weightsBytes: number;
  kvCacheBytes: number;
  computeBytes: number;
  overheadBytes: number;
  totalBytes: number;
  usableBytes: number;
  verdict: WireVerdict;
  gpuLayers: number;
  totalLayers: number;
  /** Where a partial offload puts the model, in words (layers on the CPU, MoE experts in RAM); null when all is on the GPU. */
  offload: string | null;
  tokensPerSecond: number | null;
  speedBasis: string | null;
  /** The devices in one line, as messages say it. */
  hardware: string;
  devices: { name: string; usableBytes: number; usedBytes: number; layers: number }[];
  cpuBytes: number;
  expertsOnCpu: boolean;
  cpuMoeLayers: number;
  warnings: string[];
  parts: { name: string; bytes: number; formula: string; inputs: Record<string, number | string | boolean> }[];
  alternatives: WireAlternative[];
}

/** What the Will-it-run pickers offer. */
export interface CatalogChoices {
  models: { id: string; name: string; detail: string }[];
  quantizations: { id: string; bitsPerWeight: number; description: string }[];
}

export interface KbEntry {
  title: string;
  markdown: string;
  url: string;
}

/** The quantization step of the Will-it-run picker for one model. */
export interface QuantChoices {
  model: string;
  modelName: string;
  defaultQuant: string;
  trainedContext: number;
  defaultContext: number;
  defaultContextNote?: string;
  quantizations: { id: string; bitsPerWeight: number; totalBytes: number; verdict: string }[];
}

/** What `runlocalai.gpu` means (`runlocalai/gpuSettingCheck`), so the editor can say it instead of falling back silently. */
export interface GpuSettingCheck {
  /** The value as written (at most 80 characters). */
  value: string;
  /** known: a catalog GPU; custom: not in the catalog but sized by runlocalai.vramGB; unknown: neither, so detection is used. */
  state: 'auto' | 'none' | 'known' | 'custom' | 'unknown';
  /** The catalog GPU it names. */
  gpu?: string;
  /** A count written with the name ("2x RTX 3090"). */
  count?: number;
  /** Nearest catalog names, for "did you mean" (state unknown or custom). */
  suggestions: string[];
  /** The name left the memory size open: which variant verdicts assume, and the variants to choose from. */
  assumed?: { gpu: string; variants: string[]; note: string };
}

/** A catalog GPU as pickers offer it. */
export interface GpuChoice {
  name: string;
  /** "24 GiB · 1008 GB/s · NVIDIA". */
  detail: string;
}

/** One row of "Compare GPUs for this model": the same question answered on one GPU (or the detected hardware). */
export interface GpuComparisonRow {
  /** "RTX 4090", or the detected devices in one line. */
  label: string;
  /** detected: the hardware verdicts use now; catalog: a GPU picked from the catalog. */
  kind: 'current' | 'catalog';
  verdict: WireVerdict;
  /** Memory of the devices together, and what the runtime may use of it. */
  totalMemoryBytes: number;
  usableBytes: number;
  /** What the model needs at these settings on this GPU. */
  neededBytes: number;
  gpuLayers: number;
  totalLayers: number;
  tokensPerSecond: number | null;
}

export interface GpuComparison {
  model: string;
  modelName: string;
  quant: string;
  ctx: number;
  runtime: string;
  rows: GpuComparisonRow[];
  /** Names that matched no catalog GPU, with the nearest names. */
  unknown: { name: string; suggestions: string[] }[];
}

/** One device row of `llama-fit-params --fit-print on`: what llama.cpp would put there, in MiB. */
export interface FitParamsDevice {
  /** The backend's device name ("CUDA0", "MTL0", "Vulkan0"), or "Host". */
  name: string;
  host: boolean;
  modelMiB: number;
  contextMiB: number;
  computeMiB: number;
}

export interface FitParamsReport {
  devices: FitParamsDevice[];
  /** The output was longer than the parser reads. */
  truncated: boolean;
}

/** Whether "Confirm with llama.cpp" can run here, and why not when it cannot. */
export type FitParamsAvailability = { available: true; tool: string } | { available: false; reason: string };

/** What llama-fit-params said for the answer on show, or why it said nothing. */
export interface FitParamsConfirmation {
  /** The command as run, for the reader (arguments were passed without a shell). */
  commandLine: string;
  devices: FitParamsDevice[];
  /** The tool failed, timed out or printed no rows: the last lines of what it printed. */
  error?: string;
}
