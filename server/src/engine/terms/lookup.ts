import type { GlossaryEntry } from '../catalog/schema';
import { normalizeForm, termForms } from './termForms';

/** One line per name a term is known by, for pickers: the name, the term it leads to, its first sentence. */
export interface TermChoice {
  id: string;
  /** The name as written (the term itself or one of its aliases and acronyms). */
  name: string;
  term: string;
  category: string;
  tier: 1 | 2 | 3;
  summary: string;
}

/** Every term and alias with a one-line definition, most-met terms first, each term before its aliases. */
export function termChoices(glossary: readonly GlossaryEntry[]): TermChoice[] {
  const out: TermChoice[] = [];
  for (const g of orderedTerms(glossary)) {
    const { folded, exact } = termForms(g);
    const seen = new Set<string>();
    for (const name of [g.term, ...exact, ...folded]) {
      const key = normalizeForm(name);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: g.id, name, term: g.term, category: g.category, tier: g.tier, summary: firstSentence(g.definition) });
    }
  }
  return out;
}

/** Terms in the order users meet them: tier, then the catalog's own order. */
export function orderedTerms(glossary: readonly GlossaryEntry[]): GlossaryEntry[] {
  return glossary
    .map((g, i) => ({ g, i }))
    .sort((a, b) => a.g.tier - b.g.tier || a.i - b.i)
    .map((x) => x.g);
}

/**
 * The term a user typed: by id, term, alias or acronym, with case, hyphens and spaces folded
 * ("kv cache", "KV-cache", "kv-cache"); then a unique prefix of a name. Undefined when none or several.
 */
export function findTerm(glossary: readonly GlossaryEntry[], query: string): { entry?: GlossaryEntry; candidates: GlossaryEntry[] } {
  const q = normalizeForm(query.trim());
  if (!q) return { candidates: [] };
  const names = (g: GlossaryEntry) => {
    const { folded, exact } = termForms(g);
    return [g.id, ...folded, ...exact].map(normalizeForm);
  };
  const exactHits = glossary.filter((g) => names(g).includes(q));
  if (exactHits.length === 1) return { entry: exactHits[0], candidates: exactHits };
  const prefix = exactHits.length ? exactHits : glossary.filter((g) => names(g).some((n) => n.startsWith(q)));
  return prefix.length === 1 ? { entry: prefix[0], candidates: prefix } : { candidates: prefix.slice(0, 10) };
}

function firstSentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^.*?[a-z0-9)\]"'][.](?=\s[A-Z])/.exec(t);
  return m ? m[0] : t;
}
