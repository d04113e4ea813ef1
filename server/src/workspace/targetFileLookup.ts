import * as path from 'node:path';
import { resolvePath } from '../io/resolvePath';
import { findTargetFile, type FolderIO } from './files';

type Stat = ReturnType<NonNullable<FolderIO['stat']>>;

export interface LookupFreshness {
  /** How long an answer holds: absent, for the lookup's whole life (one CLI run). */
  maxAgeMs?: number;
  now?: () => number;
  /** Folders, and paths looked at, remembered at most: past it they are forgotten all at once. */
  maxEntries?: number;
}

/**
 * The nearest `.runlocalai.yaml` of each folder. A repository's configs share a few folders and the
 * same parents, so each folder is looked up, and each path looked at, once while its answer holds:
 * for one `check` run, or a second in the language server (a file created meanwhile counts then).
 */
export function targetFileLookup(io: FolderIO, freshness: LookupFreshness = {}): (dir: string) => string | undefined {
  const { maxAgeMs = Infinity, now = Date.now, maxEntries = 50_000 } = freshness;
  const byFolder = new Map<string, { at: number; file: string | undefined }>();
  const stats = new Map<string, { at: number; stat: Stat }>();
  let t = 0;
  const holds = (at: number) => t - at < maxAgeMs;
  const seen: FolderIO = {
    stat: (p) => {
      const known = stats.get(p);
      if (known && holds(known.at)) return known.stat;
      if (stats.size >= maxEntries) stats.clear();
      const stat = io.stat?.(p);
      stats.set(p, { at: t, stat });
      return stat;
    },
  };
  const cwd = path.resolve();
  return (dir) => {
    t = now();
    const folder = resolvePath(cwd, dir);
    const known = byFolder.get(folder);
    if (known && holds(known.at)) return known.file;
    if (byFolder.size >= maxEntries) byFolder.clear();
    const file = findTargetFile(folder, seen);
    byFolder.set(folder, { at: t, file });
    return file;
  };
}
