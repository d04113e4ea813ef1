import * as path from 'node:path';
import { findTargetFile, type FolderIO } from '../workspace/files';
import { resolvePath } from '../io/resolvePath';

type Stat = ReturnType<NonNullable<FolderIO['stat']>>;

/**
 * The nearest `.runlocalai.yaml` of each folder, for one run: a repository's configs share a few
 * folders and the same parents, so each folder is looked up, and each path looked at, once per
 * lookup. A lookup lives as long as one run, so a file added between runs is seen by the next.
 */
export function targetFileLookup(io: FolderIO): (dir: string) => string | undefined {
  const byFolder = new Map<string, string | undefined>();
  const stats = new Map<string, Stat>();
  const seen: FolderIO = {
    stat: (p) => {
      if (!stats.has(p)) stats.set(p, io.stat?.(p));
      return stats.get(p);
    },
  };
  const cwd = path.resolve();
  return (dir) => {
    const folder = resolvePath(cwd, dir);
    if (!byFolder.has(folder)) byFolder.set(folder, findTargetFile(folder, seen));
    return byFolder.get(folder);
  };
}
