import * as fs from 'node:fs';
import * as path from 'node:path';

/** ../shared/corpus beside the clone (CI lays it there); a missing corpus fails, never skips. */
export function corpusDir(): string {
  const dir = path.resolve(process.cwd(), '..', 'shared', 'corpus');
  if (!fs.existsSync(dir)) throw new Error(`the shared corpus is missing at ${dir}: tests need ../shared beside the clone`);
  return dir;
}
