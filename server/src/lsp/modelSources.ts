import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogSource } from '../catalogFile';
import type { LanguageServiceOptions } from '../engine/languageService';
import { noFiles } from '../engine/sources/chain';
import type { ModelSource, SourceReaders } from '../engine/sources/types';
import { createLocalSources } from '../sources/createSources';
import { createOnlineLookup, defaultOnlineOptions } from '../sources/online';

/** `runlocalai.sources.*`: where the stores are when not where the environment says. */
export interface SourceSettings {
  ollamaModels?: string;
  hfCache?: string;
  modelsDirs?: string[];
  /** runlocalai.lookup.online: off unless the user turns it on. */
  online?: boolean;
}

export function sanitizeSourceSettings(raw: unknown): SourceSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const dirs = Array.isArray(r.modelsDirs) ? r.modelsDirs.map(text).filter((d): d is string => d !== undefined) : undefined;
  return {
    ollamaModels: text(r.ollamaModels),
    hfCache: text(r.hfCache),
    modelsDirs: dirs?.length ? dirs : undefined,
    online: r.online === 'on',
  };
}

export function folderPaths(uris: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const u of uris) {
    if (!u?.startsWith('file:')) continue;
    try {
      out.push(fileURLToPath(u));
    } catch {
      // not a local folder
    }
  }
  return out;
}

/**
 * The language server's model sources. The engine's chain holds one delegating source and one
 * delegating reader, so a settings change or a trust grant takes effect without a new service.
 */
export class ServerModelSources {
  private local: ModelSource[] = [];
  private readers: SourceReaders = noFiles;
  private online: ModelSource | undefined;

  constructor(
    private readonly catalog: CatalogSource,
    private readonly log: (line: string) => void = () => {},
  ) {}

  configure(o: { workspaceRoots: string[]; trusted: boolean; settings: SourceSettings; env: NodeJS.ProcessEnv }): string[] {
    const catalog = this.catalog();
    const built = createLocalSources({
      catalog,
      env: o.env,
      cwd: o.workspaceRoots[0] ?? path.resolve('.'),
      workspaceRoots: o.workspaceRoots,
      trusted: o.trusted,
      ...o.settings,
    });
    this.local = built.sources;
    this.readers = built.readers;
    // Never in Restricted Mode.
    this.online = o.settings.online && o.trusted ? createOnlineLookup(defaultOnlineOptions(o.env, catalog, this.log)).source : undefined;
    return built.roots;
  }

  options(): NonNullable<LanguageServiceOptions['sources']> {
    const delegate: ModelSource = {
      kind: 'gguf-file',
      resolve: (query) => {
        for (const s of this.local) {
          const facts = s.resolve(query, this.readers);
          if (facts) return facts;
        }
        return undefined;
      },
    };
    const online: ModelSource = { kind: 'online', resolve: (query, readers) => this.online?.resolve(query, readers) };
    return { local: [delegate], readers: noFiles, online, now: Date.now };
  }
}
