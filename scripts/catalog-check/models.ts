import { countModelParams, relativeError } from '../../server/src/engine/catalog/paramCount';
import type { Catalog } from '../../server/src/engine/catalog/schema';
import type { KindCheck } from './types';

/** How far the recount from config.json shapes may sit from the published count. */
export const PARAM_TOLERANCE = 0.02;

function quantizationNames(catalog: Catalog): Set<string> {
  const names = new Set<string>();
  for (const q of catalog.quantizations) for (const n of [q.id, ...q.aliases]) names.add(n.toLowerCase());
  return names;
}

/** Problems with one model's references: quantizations it names and the base it claims. */
function referenceProblems(catalog: Catalog, ids: Set<string>, quants: Set<string>): string[] {
  const problems: string[] = [];
  for (const m of catalog.models) {
    const named = [m.ollamaDefaultQuant, ...Object.values(m.ollamaTagQuants ?? {}), ...m.gguf.flatMap((g) => g.quants)];
    for (const q of named) if (q && !quants.has(q.toLowerCase())) problems.push(`${m.id}: quantization "${q}" is not in the catalog`);
    if (m.base && !ids.has(m.base)) problems.push(`${m.id}: base "${m.base}" is not a catalog model`);
    if (m.base === m.id) problems.push(`${m.id}: is its own base`);
    if (!m.sources.length) problems.push(`${m.id}: no source`);
  }
  return problems;
}

/** Every Ollama tag, Hugging Face id and alias names one model only (case-insensitive). */
function duplicateNameProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  for (const m of catalog.models) {
    const names = new Set([...m.ollama, ...m.huggingface, ...m.aliases].map((n) => n.toLowerCase()));
    for (const n of names) {
      const other = owners.get(n);
      if (other !== undefined) problems.push(`"${n}" names both ${other} and ${m.id}`);
      else owners.set(n, m.id);
    }
  }
  return problems;
}

function paramProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const m of catalog.models) {
    const { total } = countModelParams(m);
    const err = relativeError(total, m.params);
    if (Math.abs(err) > PARAM_TOLERANCE) {
      problems.push(
        `${m.id}: architecture gives ${(total / 1e9).toFixed(3)}B, official ${(m.params / 1e9).toFixed(3)}B (${(err * 100).toFixed(1)}%)`,
      );
    }
    // Active counts depend on whether a vendor counts the input embedding, so only their presence is checked here.
    if (m.architecture.experts && !m.activeParams) problems.push(`${m.id}: mixture of experts without activeParams`);
    if (m.activeParams && m.activeParams > total) problems.push(`${m.id}: activeParams exceeds the recounted total`);
  }
  return problems;
}

export function checkModels(catalog: Catalog): { problems: string[]; counts: Record<string, number | string> } {
  const ids = new Set(catalog.models.map((m) => m.id));
  const problems = [
    ...paramProblems(catalog),
    ...referenceProblems(catalog, ids, quantizationNames(catalog)),
    ...duplicateNameProblems(catalog),
  ];
  const byFamily = new Map<string, number>();
  for (const m of catalog.models) byFamily.set(m.family, (byFamily.get(m.family) ?? 0) + 1);
  const families = [...byFamily.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([f, n]) => `${f} ${n}`)
    .join(' / ');
  return { problems, counts: { entries: catalog.models.length, families: byFamily.size, 'by family': families } };
}

export const modelsCheck: KindCheck = { kind: 'models', check: checkModels };
