import type { GlossaryEntry } from '../catalog/schema';

/**
 * The forms a glossary entry is known by, as the matcher and the catalog check see them:
 * the term and its aliases (any case) and its acronyms and proper names (exact case).
 */
export function termForms(entry: Pick<GlossaryEntry, 'term' | 'aliases' | 'acronyms'>): { folded: string[]; exact: string[] } {
  return { folded: [entry.term, ...entry.aliases], exact: entry.acronyms };
}

/**
 * One spelling per name: case, hyphens, underscores, slashes and spaces folded, so "Fine-tuning",
 * "fine tuning" and "fine_tuning" are the same name. Used to find two entries claiming one name.
 */
export function normalizeForm(form: string): string {
  let out = '';
  let gap = false;
  for (const ch of form.toLowerCase()) {
    if (ch === '-' || ch === '_' || ch === ' ' || ch === '/' || ch === '\t') gap = out.length > 0;
    else {
      if (gap) out += ' ';
      gap = false;
      out += ch;
    }
  }
  return out;
}

export { significantLength, SHORT_FORM } from '../text/words';
