import type { Connection } from 'vscode-languageserver/node';
import { sanitizeSettings, type RunLocalAISettings } from '../protocol';

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
