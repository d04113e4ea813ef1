// Custom requests and notifications between the VS Code client and the language server,
// declared once and imported by both sides so their shapes cannot drift.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Hardware } from './engine/hardware/types';
import type { WillItRunChoices, WillItRunReport } from './engine/checks/willItRun';

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
}

export const defaultSettings: RunLocalAISettings = { gpu: 'auto', gpuCount: 1, vramGB: null, ramGB: null };

/** Accepts whatever a user or client wrote and returns complete, valid settings (both sides use it). */
export function sanitizeSettings(raw: unknown): RunLocalAISettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);
  return {
    gpu: typeof r.gpu === 'string' && r.gpu.trim() ? r.gpu.trim() : defaultSettings.gpu,
    gpuCount: typeof r.gpuCount === 'number' && Number.isInteger(r.gpuCount) && r.gpuCount >= 1 ? r.gpuCount : defaultSettings.gpuCount,
    vramGB: positive(r.vramGB),
    ramGB: positive(r.ramGB),
  };
}

export interface HardwareStatus {
  hardware: Hardware;
  /** Short text for the status bar, e.g. "RTX 4090 24 GiB (set)". */
  summary: string;
  /** The "Show hardware" report: devices, memory, what verdicts use, how to override. */
  markdown: string;
}

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

export type CatalogChoices = WillItRunChoices;

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
  /** Show the report even when called with arguments (the client's business; the server ignores it). */
  show?: boolean;
}

/** The engine's report; an error string when the question cannot be answered. */
export type WillItRunResult = WillItRunReport | { error: string };

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
  export const type = new RequestType<KbEntryParams, { title: string; markdown: string; url: string } | null, void>(method);
}

/** What the server says when the client's watchdog asks whether it still answers. */
export interface HealthReport {
  pid: number;
  uptimeMs: number;
}

export namespace HealthRequest {
  export const method = 'runlocalai/health';
  export const type = new RequestType0<HealthReport, void>(method);
}
