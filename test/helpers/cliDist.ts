import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The built CLI (loader, bundle, catalog, detection worker) copied into `folder`/dist, without the
 * glossary file: a run from it reads only what was copied, and writes its code cache for it alone.
 */
export function copyCliDist(folder: string): string {
  const dist = path.join(folder, 'dist');
  fs.mkdirSync(dist);
  for (const f of ['cli.js', 'cli.bundle.js', 'catalog.json', 'detectWorker.js'])
    fs.copyFileSync(path.resolve('dist', f), path.join(dist, f));
  return dist;
}
