// `npm run bench:engine`: speed and memory of the engine's hot paths in-process, each as a ratio
// against a floor measured in the same run on the same text. `npm run bench` measures the server
// over stdio against an echo server; this one points at which engine path a regression is in.
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/engine/languageService';
import { estimateMemory } from '../../server/src/engine/estimate/estimateMemory';
import { largestContextThatFits } from '../../server/src/engine/estimate/quickFixes';
import { loadCatalogFiles } from '../../server/src/engine/catalog/load';
import { readCatalogSources } from '../catalog-files';
import { GiB } from '../../server/src/engine/types';

const result = loadCatalogFiles(readCatalogSources(path.resolve(__dirname, '..', '..', '..')));
if (!result.ok) throw new Error('catalog invalid: run node scripts/build.mjs --catalog');
const catalog = result.catalog;

/** Median time of `fn` over enough runs to take at least 200 ms. */
function time(fn: () => unknown): number {
  fn();
  const samples: number[] = [];
  const started = performance.now();
  while (performance.now() - started < 200 || samples.length < 5) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

// A large Markdown document made of the glossary's own prose: 20 copies of every definition.
const prose = Array.from({ length: 20 }, () =>
  catalog.glossary.map((g) => `## ${g.term}\n\n${g.definition}\n\n${g.example}\n`).join('\n'),
).join('\n');
const lines = prose.split('\n').length;
// The floor: splitting the same text into lines and words, the least any hover index must do.
const floor = time(() => {
  let n = 0;
  for (const line of prose.split(/\r\n|\r|\n/)) n += (line.match(/[A-Za-z0-9]+/g) ?? []).length;
  return n;
});

let version = 0;
const doc = (text: string, languageId: string) => ({
  uri: `file:///bench/${languageId}`,
  version: ++version,
  languageId,
  getText: () => text,
});
const hw = {
  devices: [{ name: 'RTX 4090', vendor: 'nvidia' as const, totalBytes: 24 * GiB, unified: false, bandwidthGBs: 1008 }],
  ramBytes: 64 * GiB,
  source: 'setting' as const,
};
const service = createLanguageService({ catalog });
const middle = { line: Math.floor(lines / 2), character: 3 };

const rows: { what: string; ms: number; ratio: number; bound: number }[] = [];
const add = (what: string, ms: number, bound: number) => rows.push({ what, ms, ratio: ms / floor, bound });

add(
  `index every term of a ${lines}-line Markdown file`,
  time(() => prose.split('\n').forEach((l, i) => service.terms.termsInLine(l, i))),
  60,
);
add(
  'first hover on a new version (parse + lookup)',
  time(() => service.doHover(doc(prose, 'markdown'), middle, hw)),
  3,
);
const cached = doc(prose, 'markdown');
add(
  'hover on the same version (cached parse)',
  time(() => service.doHover(cached, middle, hw)),
  0.05,
);
const python = prose
  .split('\n')
  .map((l) => `x = 1  # ${l}`)
  .join('\n');
const pyDoc = doc(python, 'python');
add(
  'hover in a Python file (comment spans, first time)',
  time(() => service.doHover({ ...pyDoc, version: ++version }, middle, hw)),
  6,
);
const model = catalog.models.find((m) => m.id === 'llama3.1-70b')!;
const q4 = catalog.quantizations.find((q) => q.id === 'Q4_K_M')!;
const input = { model, quant: q4, ctx: 8192, runtime: 'ollama' as const, hardware: hw };
add(
  'estimateMemory, Llama 3.1 70B Q4_K_M',
  time(() => estimateMemory(input)),
  0.5,
);
add(
  'largestContextThatFits (binary search of estimates)',
  time(() => largestContextThatFits(input, 256)),
  5,
);
add(
  'validate a Modelfile that does not fit (with its fixes)',
  time(() => service.doValidation(doc('FROM llama3.1:70b\nPARAMETER num_ctx 32768\n', 'modelfile'), hw)),
  20,
);

// Memory: the language service with its indexes, against the catalog it is built from.
globalThis.gc?.();
const before = process.memoryUsage().heapUsed;
const services = Array.from({ length: 20 }, () => createLanguageService({ catalog }));
globalThis.gc?.();
const perService = (process.memoryUsage().heapUsed - before) / services.length;
const catalogBytes = JSON.stringify(catalog).length;

console.log(`floor: split and tokenize ${lines} lines = ${floor.toFixed(3)} ms\n`);
console.log('| what | median ms | × floor | bound |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.what} | ${r.ms.toFixed(3)} | ${r.ratio.toFixed(3)} | ${r.bound} |`);
console.log(
  `\nmemory: one language service ≈ ${(perService / 1024).toFixed(0)} KiB, ${(perService / catalogBytes).toFixed(2)} × the catalog's JSON (${(catalogBytes / 1024).toFixed(0)} KiB)${globalThis.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
);
if (process.argv.includes('--check')) {
  const over = rows.filter((r) => r.ratio > r.bound);
  if (over.length) {
    console.error(`over bound: ${over.map((r) => r.what).join('; ')}`);
    process.exit(1);
  }
}
