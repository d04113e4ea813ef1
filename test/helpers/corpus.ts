import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the shared corpus of real configs and logs lies: ../shared/corpus beside the clone. */
export function corpusPath(): string {
  return path.resolve(process.cwd(), '..', 'shared', 'corpus');
}

/**
 * The corpus folder, for tests that read real files from it. A clone on its own has none: its
 * tests are then reported as skipped, not failed. In CI (CI=true) the corpus is laid beside the
 * clone, so a missing one fails the test instead of silently skipping it.
 */
export function corpusDir(test: Mocha.Context): string {
  const dir = corpusPath();
  if (fs.existsSync(dir)) return dir;
  if (process.env.CI === 'true') throw new Error(`the shared corpus is missing at ${dir}: CI lays ../shared beside the clone`);
  test.skip();
}
