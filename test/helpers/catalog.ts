import * as path from 'node:path';
import { loadCatalogFiles, formatProblem } from '../../server/src/engine/catalog/load';
import type { Catalog } from '../../server/src/engine/catalog/schema';
import { readCatalogSources } from '../../scripts/catalog-files';

let cached: Catalog | undefined;

/** The real catalog, validated from catalog/*.yaml (mocha runs from the repository root). */
export function testCatalog(): Catalog {
  if (cached) return cached;
  const result = loadCatalogFiles(readCatalogSources(path.resolve(process.cwd())));
  if (!result.ok) throw new Error(`catalog is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  cached = result.catalog;
  return cached;
}
