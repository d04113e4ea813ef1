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
