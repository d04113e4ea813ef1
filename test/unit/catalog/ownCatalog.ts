import * as path from 'node:path';
import { formatProblem, loadCatalogFiles } from '../../../server/src/engine/catalog/load';
import type { Catalog } from '../../../server/src/engine/catalog/schema';
import { readCatalogSources } from '../../../scripts/catalog-files';

let cached: Catalog | undefined;

/**
 * Models, GPUs and quantizations only, validated on their own, so these tests judge that data
 * even while the glossary or error files are being edited.
 */
export function hardwareCatalog(): Catalog {
  if (cached) return cached;
  const wanted = /^catalog[\\/](models[\\/]|gpus[\\/]|quantizations\.ya?ml$)/;
  const sources = readCatalogSources(path.resolve(process.cwd())).filter((f) => wanted.test(f.path));
  const result = loadCatalogFiles(sources);
  if (!result.ok) throw new Error(`catalog is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  cached = result.catalog;
  return cached;
}
