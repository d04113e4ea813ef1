import type { Catalog } from '../engine/catalog/schema';
import { hfCacheSource, lmStudioSource } from '../engine/sources/hfCache';
import { localFileSource } from '../engine/sources/localFiles';
import { ollamaStoreSource } from '../engine/sources/ollamaStore';
import type { ModelSource, SourceReaders } from '../engine/sources/types';
import { createFileReaders } from './fileReaders';
import { storeLocations, type StoreOverrides } from './roots';

export interface LocalSourcesOptions extends StoreOverrides {
  catalog: Pick<Catalog, 'quantizations'>;
  env: NodeJS.ProcessEnv;
  /** Folder relative file references resolve against when no config names one. */
  cwd: string;
  /** Folders of the workspace (or, in the CLI, of the files named): always readable. */
  workspaceRoots: string[];
  /** Stores and caches outside the workspace are read only in a trusted workspace. */
  trusted: boolean;
  home?: string;
}

/** The local sources in the order they are tried (before the catalog), and the readers they use. */
export function createLocalSources(o: LocalSourcesOptions): { sources: ModelSource[]; readers: SourceReaders; roots: string[] } {
  const where = storeLocations(o, o.env, o.home);
  const storeRoots = [...where.ollamaModels, where.hfHub, ...where.lmStudio];
  const roots = o.trusted ? [...o.workspaceRoots, ...storeRoots] : [...o.workspaceRoots];
  const readers = createFileReaders({ roots });
  const sources: ModelSource[] = [localFileSource(o.catalog, o.cwd)];
  if (o.trusted) {
    for (const dir of where.ollamaModels) sources.push(ollamaStoreSource(dir, o.catalog));
    sources.push(hfCacheSource(where.hfHub, o.catalog));
    for (const dir of where.lmStudio) sources.push(lmStudioSource(dir, o.catalog));
  }
  return { sources, readers, roots };
}
