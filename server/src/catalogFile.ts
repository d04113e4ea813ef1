import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from './engine/catalog/schema';

/** The catalog compiled at build time, shipped beside the bundles in dist/. */
export function loadBundledCatalog(dir: string = __dirname): Catalog {
  return loadCatalogFile(path.join(dir, 'catalog.json'));
}

/** A compiled catalog.json (the bundled one, or the benchmark's scaled one through RUNLOCALAI_CATALOG). */
export function loadCatalogFile(file: string): Catalog {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
  } catch (err) {
    throw new Error(`cannot read the RunLocalAI catalog at ${file}: ${(err as Error).message}. Run "npm run build".`, { cause: err });
  }
}
