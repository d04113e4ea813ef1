import type { Connection } from 'vscode-languageserver/node';
import { sanitizeHoverSettings, type HoverSettings } from '../engine/text/hoverRegions';

/**
 * `runlocalai.hover.*` per document, pulled with workspace/configuration (the client answers with
 * the document's language overrides) and cached until the configuration changes.
 */
export class HoverSettingsCache {
  private readonly cache = new Map<string, Promise<HoverSettings>>();
  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly pushed: () => unknown,
  ) {}

  get(uri: string): Promise<HoverSettings> {
    if (!this.canPull()) return Promise.resolve(sanitizeHoverSettings(this.pushed()));
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'runlocalai.hover' })
        .then(sanitizeHoverSettings, () => sanitizeHoverSettings(this.pushed()));
      this.cache.set(uri, s);
    }
    return s;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
