import type { Connection } from 'vscode-languageserver/node';
import { sanitizeHoverSettings, type HoverSettings } from '../engine/text/hoverRegions';

/**
 * `runlocalai.hover.*` per document, pulled with workspace/configuration (the client answers with
 * the document's language overrides) and cached until the configuration changes.
 */
export class HoverSettingsCache {
  private readonly cache = new Map<string, Promise<HoverSettings>>();
  /** Answers already in, by document: what `known` gives without a round trip. */
  private readonly answered = new Map<string, HoverSettings>();
  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly pushed: () => unknown,
  ) {}

  get(uri: string): Promise<HoverSettings> {
    if (!this.canPull()) return Promise.resolve(sanitizeHoverSettings(this.pushed()));
    let s = this.cache.get(uri);
    if (!s) {
      const asked: Promise<HoverSettings> = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'runlocalai.hover' })
        .then(sanitizeHoverSettings, () => sanitizeHoverSettings(this.pushed()))
        .then((settings) => {
          // A forget() or clear() while the client answered leaves this answer out.
          if (this.cache.get(uri) === asked) this.answered.set(uri, settings);
          return settings;
        });
      s = asked;
      this.cache.set(uri, s);
    }
    return s;
  }

  /** The settings for `uri` if known without asking the client (pushed ones, or an answer already in). */
  known(uri: string): HoverSettings | undefined {
    if (!this.canPull()) return sanitizeHoverSettings(this.pushed());
    return this.answered.get(uri);
  }

  /**
   * `known`, else the workspace's (`get('')`, asked for at start) while the document's own answer
   * is not in; undefined when neither is.
   */
  likely(uri: string): HoverSettings | undefined {
    return this.known(uri) ?? this.answered.get('');
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.answered.delete(uri);
  }

  clear(): void {
    this.cache.clear();
    this.answered.clear();
  }
}
