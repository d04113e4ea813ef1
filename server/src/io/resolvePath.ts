import * as path from 'node:path';

/**
 * `path.resolve(base, p)` for a `base` already resolved. A POSIX path with no empty, `.` or `..`
 * name in it resolves to itself (absolute) or to `base/p` (relative): joined without
 * path.resolve's walk over every character, which cost more than the stat of the file when
 * `check` is given a thousand paths. Every other path is path.resolve's.
 */
export function resolvePath(base: string, p: string): string {
  if (path.sep !== '/' || !isPlain(p)) return path.resolve(base, p);
  if (p.startsWith('/')) return p;
  return base === '/' ? `/${p}` : `${base}/${p}`;
}

/** No name in the path is empty (`//`, a trailing `/`), `.` or `..`, and the path is not empty. */
function isPlain(p: string): boolean {
  if (p === '' || p.endsWith('/') || p.includes('//')) return false;
  const padded = `/${p}/`;
  return !padded.includes('/./') && !padded.includes('/../');
}
