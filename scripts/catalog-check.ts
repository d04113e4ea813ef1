// `npm run catalog:check`: validates the catalog (schema, as the build does) and then checks what a schema
// cannot: counts, cross references, computed facts against stated ones. Each kind's checks live in
// scripts/catalog-check/<kind>.ts. Exit 1 on any problem.
import { formatProblem, loadCatalogFiles } from '../server/src/engine/catalog/load';
import { readCatalogSources } from './catalog-files';
import { errorsCheck } from './catalog-check/errors';
import { glossaryCheck } from './catalog-check/glossary';
import { gpusCheck } from './catalog-check/gpus';
import { keysCheck } from './catalog-check/keys';
import { modelsCheck } from './catalog-check/models';
import { quantizationsCheck } from './catalog-check/quantizations';

const checks = [modelsCheck, quantizationsCheck, gpusCheck, glossaryCheck, errorsCheck, keysCheck];

const loaded = loadCatalogFiles(readCatalogSources(process.cwd()));
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(p));
  process.exit(1);
}
let failed = 0;
for (const c of checks) {
  const { problems, counts } = c.check(loaded.catalog);
  const summary = Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`catalog:check ${c.kind}: ${summary}${problems.length ? `; ${problems.length} problem(s)` : ''}`);
  for (const p of problems) console.error(`  ${c.kind}: ${p}`);
  failed += problems.length;
}
if (failed) {
  console.error(`catalog:check: ${failed} problem(s)`);
  process.exit(1);
}
