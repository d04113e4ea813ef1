// Custom requests and notifications between the VS Code client and the language server,
// declared once and imported by both sides so their shapes cannot drift (docs/lsp-extensions.md).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Hardware } from '../engine/hardware/types';
import type {
  CatalogChoices,
  FitParamsAvailability,
  FitParamsConfirmation,
  GpuChoice,
  GpuComparison,
  GpuSettingCheck,
  HardwareStatus,
  KbEntry,
  QuantChoices,
  WillItRunJson,
} from './wire';

export namespace HardwareStatusRequest {
  export const method = 'runlocalai/hardwareStatus';
  export const type = new RequestType0<HardwareStatus, void>(method);
}

/** Sent by the server whenever the hardware in use changes (detection finished, setting changed). */
export namespace HardwareChangedNotification {
  export const method = 'runlocalai/hardwareChanged';
  export const type = new NotificationType<HardwareStatus>(method);
}

export namespace DetectHardwareRequest {
  export const method = 'runlocalai/detectHardware';
  export const type = new RequestType0<HardwareStatus, void>(method);
}

export namespace CatalogChoicesRequest {
  export const method = 'runlocalai/catalogChoices';
  export const type = new RequestType0<CatalogChoices, void>(method);
}

export interface WillItRunParams {
  /** A model; or, with `uri`, taken from that open config document. */
  model?: string;
  uri?: string;
  quant?: string;
  ctx?: number;
  runtime?: 'ollama' | 'llama.cpp' | 'vllm';
  kvType?: 'f16' | 'q8_0' | 'q4_0' | 'fp8';
  flashAttention?: boolean;
  parallel?: number;
  /** Show the report even when called with arguments (the client's business; the server ignores it). */
  show?: boolean;
}

/** The answer with its report; an error (with names close to an unknown one) when it cannot be answered. */
export type WillItRunResult = { answer: WillItRunJson; markdown: string } | { error: string; suggestions?: string[] };

export namespace WillItRunRequest {
  export const method = 'runlocalai/willItRun';
  export const type = new RequestType<WillItRunParams, WillItRunResult, void>(method);
}

export interface KbEntryParams {
  id: string;
}

export namespace KbEntryRequest {
  export const method = 'runlocalai/kbEntry';
  /** Returns the entry rendered as Markdown, or null when the id is unknown. */
  export const type = new RequestType<KbEntryParams, KbEntry | null, void>(method);
}

export interface QuantChoicesParams {
  model: string;
  ctx?: number;
  runtime?: 'ollama' | 'llama.cpp' | 'vllm';
}

export type QuantChoicesResponse = QuantChoices | { error: string; suggestions?: string[] };

/** The picker's quantization step for one model: each choice with its size and verdict on this hardware. */
export namespace QuantChoicesRequest {
  export const method = 'runlocalai/quantChoices';
  export const type = new RequestType<QuantChoicesParams, QuantChoicesResponse, void>(method);
}

/** What the server says when the client's watchdog asks whether it still answers. */
export interface HealthReport {
  pid: number;
  uptimeMs: number;
  /** Where the detected hardware stands: `pending` until the first detection answers. */
  detection: Hardware['source'];
}

export namespace HealthRequest {
  export const method = 'runlocalai/health';
  export const type = new RequestType0<HealthReport, void>(method);
}

/** What `runlocalai.gpu` means now: a catalog GPU, a variant assumed, or an unknown name with the nearest ones. */
export namespace GpuSettingCheckRequest {
  export const method = 'runlocalai/gpuSettingCheck';
  export const type = new RequestType0<GpuSettingCheck, void>(method);
}

/** Catalog GPUs with a one-line detail, for "Pick a GPU" and "Compare GPUs". */
export namespace GpuChoicesRequest {
  export const method = 'runlocalai/gpuChoices';
  export const type = new RequestType0<GpuChoice[], void>(method);
}

export interface CompareGpusParams extends Omit<WillItRunParams, 'uri' | 'show'> {
  model: string;
  /** Catalog GPU names to answer on, besides the hardware in use (at most 16). */
  gpus: string[];
}

export type CompareGpusResult = GpuComparison | { error: string; suggestions?: string[] };

/** The same model, quantization, context and runtime answered on the hardware in use and on each named GPU. */
export namespace CompareGpusRequest {
  export const method = 'runlocalai/compareGpus';
  export const type = new RequestType<CompareGpusParams, CompareGpusResult, void>(method);
}

/** The answer on show, as llama-fit-params needs it (a WillItRunJson fits). */
export interface ConfirmWithRuntimeParams {
  answer: Pick<WillItRunJson, 'modelName' | 'source' | 'ctx' | 'gpuLayers' | 'totalLayers' | 'settings'>;
}

/** Whether llama-fit-params is on the PATH, the workspace trusted and the model a local GGUF file. Runs nothing. */
export namespace FitParamsAvailabilityRequest {
  export const method = 'runlocalai/fitParamsAvailability';
  export const type = new RequestType<ConfirmWithRuntimeParams, FitParamsAvailability, void>(method);
}

/** Runs llama-fit-params (no shell, bounded time and output) for the answer on show; only ever on the user's request. */
export namespace ConfirmWithRuntimeRequest {
  export const method = 'runlocalai/confirmWithRuntime';
  export const type = new RequestType<ConfirmWithRuntimeParams, FitParamsConfirmation | FitParamsAvailability, void>(method);
}
