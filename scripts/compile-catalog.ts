// Validates catalog/**/*.yaml and writes dist/catalog.json, with the glossary beside it in
// dist/glossary.json; a problem names file:line and fails the build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { glossaryFileFor } from '../server/src/catalogFile';
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
  // The glossary (about half the catalog) in a file of its own: `runlocalai check` never reads it,
  // and parsing it took about 5 ms of every check's start. loadCatalogFile puts it back.
  const { glossary, ...rest } = result.catalog;
  fs.writeFileSync(glossaryFileFor(outFile), JSON.stringify(glossary));
  fs.writeFileSync(outFile, JSON.stringify(rest));
  const c = result.catalog;
  console.log(
    `catalog: ${c.glossary.length} terms, ${c.models.length} models, ${c.gpus.length} GPUs, ` +
      `${c.quantizations.length} quantizations, ${c.errors.length} error entries -> ${path.relative(process.cwd(), outFile)}`,
  );
  return true;
}
