import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, type RunLocalAISettings } from '../protocol';

/** Accepts whatever a client sends and returns complete, valid settings. */
export function sanitizeSettings(raw: unknown): RunLocalAISettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const gpu = typeof r.gpu === 'string' && r.gpu.trim() ? r.gpu.trim() : defaultSettings.gpu;
  const gpuCount = typeof r.gpuCount === 'number' && Number.isInteger(r.gpuCount) && r.gpuCount >= 1 ? r.gpuCount : defaultSettings.gpuCount;
  const vramGB = typeof r.vramGB === 'number' && r.vramGB > 0 ? r.vramGB : null;
  const ramGB = typeof r.ramGB === 'number' && r.ramGB > 0 ? r.ramGB : null;
  return { gpu, gpuCount, vramGB, ramGB };
}

/**
 * Settings per resource, pulled from the client with workspace/configuration and cached until
 * the client says they changed (vscode-eslint's pattern: never one global settings object).
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<RunLocalAISettings>>();
  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly initial: () => unknown,
  ) {}

  get(uri: string): Promise<RunLocalAISettings> {
    if (!this.canPull()) return Promise.resolve(sanitizeSettings(this.initial()));
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'runlocalai' })
        .then(sanitizeSettings, () => sanitizeSettings(this.initial()));
      this.cache.set(uri, s);
    }
    return s;
  }

  clear(): void {
    this.cache.clear();
  }
}
