import { glossaryCategories, type Catalog, type GlossaryEntry } from '../../server/src/engine/catalog/schema';
import { normalizeForm, significantLength, SHORT_FORM, termForms } from '../../server/src/engine/terms/termForms';
import type { KindCheck } from './types';

/** The glossary must reach this many complete terms (issue 14). */
export const GLOSSARY_MINIMUM = 300;

// A practical example names the hardware it runs on; these words are how such names start.
const HARDWARE_WORDS =
  /\b(RTX|GTX|Radeon|RX \d+|Arc|Instinct|MI\d{3}|H100|H200|A100|L4|T4|V100|Tesla|M[1-4]( (Pro|Max|Ultra))?|Mac|MacBook|Apple|Ryzen|Threadripper|EPYC|Core|Xeon|CPU|Jetson|Strix|laptop|desktop|phone|Raspberry)\b/;

/** Entries whose every field a reader needs is present and usable on its own. */
export function glossaryProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  const ids = new Set(catalog.glossary.map((g) => g.id));
  const errors = new Set(catalog.errors.map((e) => e.id));
  const owner = new Map<string, string>();
  const claim = (form: string, id: string) => {
    const key = normalizeForm(form);
    const other = owner.get(key);
    if (other && other !== id) problems.push(`${id}: "${form}" is also a name of ${other}`);
    owner.set(key, id);
  };
  for (const g of catalog.glossary) {
    const { folded, exact } = termForms(g);
    for (const f of [...folded, ...exact]) claim(f, g.id);
    problems.push(...entryProblems(g, ids, errors));
  }
  if (catalog.glossary.length < GLOSSARY_MINIMUM)
    problems.push(`${catalog.glossary.length} terms, below the minimum of ${GLOSSARY_MINIMUM}`);
  return problems;
}

function entryProblems(g: GlossaryEntry, ids: Set<string>, errors: Set<string>): string[] {
  const p: string[] = [];
  const at = (m: string) => p.push(`${g.id}: ${m}`);
  const first = firstSentence(g.definition);
  if (first.length > 320) at(`the definition's first sentence is ${first.length} characters; a hover needs it to stand alone in under 320`);
  if (/^(It|This|They|These|That)\b/.test(first)) at('the definition starts with a pronoun, so it does not stand alone');
  if (!/\d/.test(g.example)) at('the practical example has no number');
  if (!HARDWARE_WORDS.test(g.example)) at('the practical example names no hardware');
  if (!g.workflow.code && g.workflow.text.length < 40) at('the workflow example has neither a snippet nor enough text');
  if (g.workflow.code && !g.workflow.language) at('the workflow snippet has no language');
  if (g.related.length === 0) at('no related terms');
  for (const r of g.related) if (!ids.has(r)) at(`related term "${r}" does not exist`);
  if (g.related.includes(g.id)) at('relates to itself');
  for (const k of g.kb) if (!errors.has(k)) at(`KB link "${k}" is not an error entry`);
  if (g.sources.length === 0) at('no source');
  const { folded, exact } = termForms(g);
  const short = [...folded, ...exact].filter((f) => significantLength(f) <= SHORT_FORM);
  if (short.length && !g.matching) at(`short form(s) ${short.join(', ')} need a matching note`);
  return p;
}

/** Up to the first ". " that ends a sentence (not "e.g. " or "3.1 "). */
export function firstSentence(text: string): string {
  const t = text.trim();
  for (let i = 0; i < t.length - 1; i++) {
    if (
      t[i] === '.' &&
      t[i + 1] === ' ' &&
      /[a-z)\]"'0-9]/.test(t[i - 1] ?? '') &&
      !/\b(e\.g|i\.e|vs|etc)$/.test(t.slice(Math.max(0, i - 4), i))
    )
      return t.slice(0, i + 1);
  }
  return t;
}

export const glossaryCheck: KindCheck = {
  kind: 'glossary',
  check(catalog) {
    const problems = glossaryProblems(catalog);
    const counts: Record<string, number> = { entries: catalog.glossary.length };
    for (const c of glossaryCategories) counts[c] = catalog.glossary.filter((g) => g.category === c).length;
    return { problems, counts };
  },
};
