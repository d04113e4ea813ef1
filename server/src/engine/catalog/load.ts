import { LineCounter, parseDocument, isNode, type Node as YamlNode } from 'yaml';

import { catalogFileSchema, type Catalog } from './schema';

export interface CatalogSourceFile {
  path: string;
  text: string;
}

/** A problem in a catalog file, with a 1-based line as editors and compilers print it. */
export interface CatalogProblem {
  path: string;
  line: number;
  column: number;
  message: string;
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] };

export function formatProblem(p: CatalogProblem): string {
  return `${p.path}:${p.line}:${p.column}: ${p.message}`;
}

/** Parses and validates catalog YAML files, then checks references between entries. */
export function loadCatalogFiles(files: CatalogSourceFile[]): CatalogResult {
  const catalog: Required<Catalog> = { glossary: [], models: [], gpus: [], quantizations: [], errors: [], keys: [] };
  const problems: CatalogProblem[] = [];
  // Where each entry was defined, so cross-reference errors point at the right line.
  const origin = new Map<object, { path: string; line: number }>();

  for (const file of files) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lineCounter.linePos(err.pos[0]);
        problems.push({ path: file.path, line: pos.line, column: pos.col, message: `invalid YAML: ${err.message.split('\n')[0]}` });
      }
      continue;
    }
    const parsed = catalogFileSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const pos = positionOfPath(doc.contents, issue.path, lineCounter);
        problems.push({ path: file.path, line: pos.line, column: pos.col, message: `${describePath(issue.path)}: ${issue.message}` });
      }
      continue;
    }
    for (const key of Object.keys(catalog) as (keyof Catalog)[]) {
      const entries = parsed.data[key] ?? [];
      entries.forEach((entry, index) => {
        const pos = positionOfPath(doc.contents, [key, index], lineCounter);
        origin.set(entry, { path: file.path, line: pos.line });
        (catalog[key] as object[]).push(entry);
      });
    }
  }
  if (problems.length === 0) problems.push(...checkReferences(catalog, origin));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog };
}

function checkReferences(catalog: Required<Catalog>, origin: Map<object, { path: string; line: number }>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const at = (entry: object, message: string) => {
    const o = origin.get(entry) ?? { path: '?', line: 0 };
    problems.push({ path: o.path, line: o.line, column: 1, message });
  };
  for (const key of Object.keys(catalog) as (keyof Catalog)[]) {
    const seen = new Set<string>();
    for (const entry of catalog[key] as { id: string }[]) {
      if (seen.has(entry.id)) at(entry, `duplicate ${key} id "${entry.id}"`);
      seen.add(entry.id);
    }
  }
  const terms = new Set(catalog.glossary.map((g) => g.id));
  const errors = new Set(catalog.errors.map((e) => e.id));
  const quants = new Set(catalog.quantizations.map((q) => q.id));
  for (const g of catalog.glossary) {
    for (const r of g.related) if (!terms.has(r)) at(g, `glossary "${g.id}" relates to unknown term "${r}"`);
    for (const k of g.kb) if (!errors.has(k)) at(g, `glossary "${g.id}" links unknown error entry "${k}"`);
  }
  for (const k of catalog.keys) {
    if (k.term && !terms.has(k.term)) at(k, `config key "${k.id}" names unknown term "${k.term}"`);
  }
  for (const e of catalog.errors) {
    for (const r of e.related) if (!errors.has(r)) at(e, `error "${e.id}" relates to unknown error entry "${r}"`);
  }
  for (const m of catalog.models) {
    if (m.ollamaDefaultQuant && !quants.has(m.ollamaDefaultQuant)) {
      at(m, `model "${m.id}" names unknown quantization "${m.ollamaDefaultQuant}"`);
    }
    const a = m.architecture;
    if (a.experts && a.experts.active > a.experts.total) at(m, `model "${m.id}" has more active than total experts`);
    if (a.heads % a.kvHeads !== 0) at(m, `model "${m.id}": heads (${a.heads}) is not a multiple of kvHeads (${a.kvHeads})`);
  }
  return problems;
}

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(file)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Walks the YAML AST along a zod issue path to the deepest node that exists. */
function positionOfPath(root: unknown, path: readonly PropertyKey[], lc: LineCounter): { line: number; col: number } {
  let node: unknown = root;
  let best: YamlNode | undefined = isNode(root) ? root : undefined;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !('get' in node) || typeof (node as { get: unknown }).get !== 'function') break;
    const next = (node as { get(k: unknown, keepScalar: boolean): unknown }).get(key, true);
    if (next === undefined) break;
    node = next;
    if (isNode(next)) best = next;
  }
  const offset = best?.range?.[0] ?? 0;
  return lc.linePos(offset);
}

