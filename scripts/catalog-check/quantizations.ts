import * as process from 'node:process';
import { GGML_TYPES } from '../../server/src/engine/estimate/ggmlTypes';
import { baseGgmlType, parseGgufRecipe } from '../../server/src/engine/estimate/ggufRecipe';
import { percentile, weightsRows } from '../../test/fixtures/calibration/load';
import type { KindCheck } from './types';

/** The KV-cache types llama.cpp accepts for --cache-type-k/-v (common/arg.cpp kv_cache_types); Ollama passes them through. */
const KV_CACHE_TYPES = ['F32', 'F16', 'BF16', 'Q8_0', 'Q4_0', 'Q4_1', 'IQ4_NL', 'Q5_0', 'Q5_1'];
/** Every file type llama-quantize offers (tools/quantize/quantize.cpp QUANT_OPTIONS), by the labels files use. */
const LLAMA_QUANTIZE_TYPES = [
  'Q4_0',
  'Q4_1',
  'MXFP4',
  'Q5_0',
  'Q5_1',
  'IQ2_XXS',
  'IQ2_XS',
  'IQ2_S',
  'IQ2_M',
  'IQ1_S',
  'IQ1_M',
  'TQ1_0',
  'TQ2_0',
  'Q2_K',
  'Q2_K_S',
  'IQ3_XXS',
  'IQ3_S',
  'IQ3_M',
  'IQ3_XS',
  'Q3_K_S',
  'Q3_K_M',
  'Q3_K_L',
  'IQ4_NL',
  'IQ4_XS',
  'Q4_K_S',
  'Q4_K_M',
  'Q5_K_S',
  'Q5_K_M',
  'Q6_K',
  'Q8_0',
  'F16',
  'BF16',
  'F32',
];
/** The calibration table of published GGUF file sizes must stay this close to the estimate. */
const MEDIAN_BOUND = 0.02;
const P95_BOUND = 0.05;

export const quantizationsCheck: KindCheck = {
  kind: 'quantizations',
  check(catalog) {
    const problems: string[] = [];
    const quants = catalog.quantizations;
    const names = new Map<string, string>();
    for (const q of quants) {
      if (!q.sources.length) problems.push(`${q.id}: no source`);
      if (!(q.blockBytes > 0) || !(q.blockWeights > 0)) problems.push(`${q.id}: block size must be positive`);
      for (const n of new Set([q.id, ...q.aliases].map((a) => a.toLowerCase()))) {
        const other = names.get(n);
        if (other && other !== q.id) problems.push(`"${n}" names both ${other} and ${q.id}`);
        names.set(n, q.id);
      }
      if (q.format !== 'gguf') continue;
      const recipe = parseGgufRecipe(q.id);
      if (!recipe) {
        problems.push(`${q.id}: no llama-quantize recipe reads this label`);
        continue;
      }
      const base = GGML_TYPES[baseGgmlType(recipe.ftype)];
      if (Math.abs(q.blockBytes / q.blockWeights - base.bytes / base.weights) > 1e-9)
        problems.push(
          `${q.id}: block ${q.blockBytes}/${q.blockWeights} is not ${recipe.ftype}'s base type (${base.bytes}/${base.weights})`,
        );
    }
    const ids = new Set(quants.map((q) => q.id));
    for (const t of LLAMA_QUANTIZE_TYPES) if (!ids.has(t)) problems.push(`llama-quantize type ${t} is missing`);
    const kv = quants.filter((q) => q.kvCache).map((q) => q.id);
    if (kv.slice().sort().join() !== KV_CACHE_TYPES.slice().sort().join())
      problems.push(`KV-cache types ${kv.join(', ')} differ from llama.cpp's ${KV_CACHE_TYPES.join(', ')}`);

    const rows = weightsRows(process.cwd());
    const errors = rows.map((r) => r.error);
    const median = percentile(errors, 50);
    const p95 = percentile(errors, 95);
    if (median > MEDIAN_BOUND) problems.push(`GGUF file sizes: median error ${(median * 100).toFixed(2)}% exceeds 2%`);
    if (p95 > P95_BOUND) problems.push(`GGUF file sizes: p95 error ${(p95 * 100).toFixed(2)}% exceeds 5%`);

    const byFormat: Record<string, number> = {};
    for (const q of quants) byFormat[q.format] = (byFormat[q.format] ?? 0) + 1;
    return {
      problems,
      counts: {
        entries: quants.length,
        ...byFormat,
        'kv-cache types': kv.length,
        'file-size rows': rows.length,
        'file-size median error': `${(median * 100).toFixed(2)}%`,
        'file-size p95 error': `${(p95 * 100).toFixed(2)}%`,
      },
    };
  },
};
