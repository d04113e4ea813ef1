// Validates catalog/**/*.yaml and writes dist/catalog.json; a problem names file:line and fails the build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem, loadCatalogFiles } from '../server/src/engine/catalog/load';
import { readCatalogSources } from './catalog-files';

export function compileCatalog(root: string, outFile: string): boolean {
  const result = loadCatalogFiles(readCatalogSources(root));
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    console.error(`catalog: ${result.problems.length} problem(s); dist/catalog.json not written`);
    return false;
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result.catalog));
  const c = result.catalog;
  console.log(
    `catalog: ${c.glossary.length} terms, ${c.models.length} models, ${c.gpus.length} GPUs, ` +
      `${c.quantizations.length} quantizations, ${c.errors.length} error entries -> ${path.relative(process.cwd(), outFile)}`,
  );
  return true;
}
