// `npm run accuracy`: how far each estimated part is from the calibration set (test/fixtures/calibration).
import { formatProblem, loadCatalogFiles } from '../server/src/engine/catalog/load';
import { createModelResolver } from '../server/src/engine/models/resolveModel';
import { computeRows, fitRows, kvRows, percentile, weightsRows, type Row } from '../test/fixtures/calibration/load';
import { resolvedShare, type NamedRow } from '../test/fixtures/calibration/resolvedShare';
import { readCatalogSources } from './catalog-files';

const root = process.cwd();
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

const loaded = loadCatalogFiles(readCatalogSources(root));
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(p));
  process.exit(1);
}
const names = createModelResolver(loaded.catalog);

/** "resolved 40/41 (97.56%)": rows whose model and quantization the catalog itself knows. */
function resolvedColumn(rows: readonly NamedRow[]): string {
  const r = resolvedShare(rows, names);
  const missing = r.unresolved.length ? `; not in the catalog: ${r.unresolved.join(', ')}` : '';
  return `resolved ${r.resolved}/${r.total} (${pct(r.share)})${missing}`;
}

function report(name: string, rows: Row[]) {
  const errors = rows.map((r) => r.error);
  console.log(
    `\n${name}: ${rows.length} rows, median |error| ${pct(percentile(errors, 50))}, p95 ${pct(percentile(errors, 95))}, max ${pct(Math.max(...errors))}, ${resolvedColumn(rows)}`,
  );
  for (const r of [...rows].sort((a, b) => b.error - a.error).slice(0, 5)) {
    console.log(`  ${pct(r.error).padStart(7)}  ${r.label}: estimated ${r.estimated.toFixed(0)} B, published ${r.expected.toFixed(0)} B`);
  }
}

report('weights (GGUF file sizes)', weightsRows(root));
report('KV cache (runtime logs)', kvRows(root));
report('compute buffer (llama.cpp logs, closed form)', computeRows(root));
const fits = fitRows(root);
const agree = fits.filter((f) => f.agrees).length;
console.log(`\nfit outcomes: ${agree}/${fits.length} agree (${pct(agree / fits.length)}), ${resolvedColumn(fits)}`);
for (const f of fits.filter((x) => !x.agrees)) console.log(`  disagrees: ${f.label}: reported ${f.expected}, estimated ${f.verdict}`);
// Layer counts are shown, not scored: runtimes count the output layer differently and their own planners err.
const layered = fits.filter((f) => f.reportedOffload);
if (layered.length) console.log(`\nlayers on the GPU, reported vs estimated (${layered.length} reports):`);
for (const f of layered) console.log(`  ${(f.reportedOffload ?? '').padStart(7)} vs ${f.estimatedOffload.padStart(7)}  ${f.label}`);
