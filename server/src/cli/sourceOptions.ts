import * as path from 'node:path';
import type { Catalog } from '../engine/catalog/schema';
import type { LanguageServiceOptions } from '../engine/languageService';
import { createLocalSources } from '../sources/createSources';
import { createOnlineLookup, defaultOnlineOptions, type OnlineLookup } from '../sources/online';
import { resolvePath } from '../io/resolvePath';

export const sourceFlags = {
  'models-dir': { type: 'string', multiple: true },
  'ollama-models': { type: 'string' },
  'hf-cache': { type: 'string' },
  online: { type: 'boolean' },
} as const;

export interface SourceFlagValues {
  'models-dir'?: string[];
  'ollama-models'?: string;
  'hf-cache'?: string;
  online?: boolean;
}

/**
 * The sources a CLI run reads: the files it is given and the folders they sit in, the stores
 * (the CLI runs as the user who asked, so it reads them as a trusted workspace would), and the
 * online lookup only with --online.
 */
export function cliSources(
  values: SourceFlagValues,
  catalog: Catalog,
  env: Record<string, string | undefined>,
  files: string[],
  log: (line: string) => void = () => {},
): NonNullable<LanguageServiceOptions['sources']> & { lookup?: OnlineLookup } {
  const cwd = process.cwd();
  const base = path.resolve(cwd);
  const named = files.map((f) => path.dirname(resolvePath(base, f)));
  const local = createLocalSources({
    catalog,
    env: env as NodeJS.ProcessEnv,
    cwd,
    workspaceRoots: [...new Set([cwd, ...named])],
    trusted: true,
    ollamaModels: values['ollama-models'],
    hfCache: values['hf-cache'],
    modelsDirs: values['models-dir'],
  });
  const lookup = values.online ? createOnlineLookup(defaultOnlineOptions(env, catalog, log)) : undefined;
  return { local: local.sources, readers: local.readers, online: lookup?.source, lookup, now: Date.now };
}
