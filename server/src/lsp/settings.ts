import type { Connection } from 'vscode-languageserver/node';
import { sanitizeSettings, type RunLocalAISettings } from '../protocol';

/**
 * Settings per resource, pulled from the client with workspace/configuration and cached until
 * the client says they changed (vscode-eslint's pattern: never one global settings object).
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<RunLocalAISettings>>();
  /** Settings already answered, by resource: what `known` can give without a round trip. */
  private readonly answered = new Map<string, RunLocalAISettings>();
  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly initial: () => unknown,
  ) {}

  get(uri: string): Promise<RunLocalAISettings> {
    if (!this.canPull()) return Promise.resolve(sanitizeSettings(this.initial()));
    let s = this.cache.get(uri);
    if (!s) {
      const asked = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'runlocalai' })
        .then(sanitizeSettings, () => sanitizeSettings(this.initial()));
      s = asked.then((settings) => {
        // A clear() while the client answered leaves this answer out of the new cache.
        if (this.cache.get(uri) === s) this.answered.set(uri, settings);
        return settings;
      });
      this.cache.set(uri, s);
    }
    return s;
  }

  /**
   * The settings for `uri` without asking the client: its own answer when it came, else the
   * workspace's (asked for at start), else those initializationOptions carried; undefined when
   * nothing is known yet. A document just opened is judged with these at once, and `get` then
   * says whether its own settings differ.
   */
  known(uri: string): { settings: RunLocalAISettings; exact: boolean } | undefined {
    if (!this.canPull()) return { settings: sanitizeSettings(this.initial()), exact: true };
    const own = this.answered.get(uri);
    if (own) return { settings: own, exact: true };
    const workspace = this.answered.get('');
    if (workspace) return { settings: workspace, exact: false };
    const initial = this.initial();
    return initial === undefined ? undefined : { settings: sanitizeSettings(initial), exact: false };
  }

  clear(): void {
    this.cache.clear();
    this.answered.clear();
  }
}
