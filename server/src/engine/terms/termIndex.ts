import type { GlossaryEntry } from '../catalog/schema';
import type { Range } from '../types';
import { phraseWords, wordsOf, type Word } from '../text/words';

export interface TermMatch {
  entry: GlossaryEntry;
  range: Range;
  /** The text as written in the document. */
  text: string;
}

/**
 * Finds glossary terms in text: multi-word terms ("KV cache"), spelling variants, plurals, and
 * exact-case acronyms. Built once per catalog; matching is per line and allocation-light.
 */
export interface TermIndex {
  /** The longest term covering `character` on `line`, if any. */
  termAt(line: string, lineNumber: number, character: number): TermMatch | undefined;
  /** All terms on a line, longest-first and non-overlapping. */
  termsInLine(line: string, lineNumber: number): TermMatch[];
  byId(id: string): GlossaryEntry | undefined;
}

export function createTermIndex(glossary: readonly GlossaryEntry[]): TermIndex {
  const folded = new Map<string, GlossaryEntry>();
  const exact = new Map<string, GlossaryEntry>();
  const ids = new Map<string, GlossaryEntry>();
  let longest = 1;
  for (const entry of glossary) {
    ids.set(entry.id, entry);
    for (const phrase of [entry.term, ...entry.aliases]) {
      const words = phraseWords(phrase);
      if (words.length === 0) continue;
      longest = Math.max(longest, words.length);
      const key = words.join(' ').toLowerCase();
      // An all-caps short term ("RAG") is an acronym even when listed as the term itself.
      if (isAcronymLike(phrase)) exact.set(words.join(' '), entry);
      else if (!folded.has(key)) folded.set(key, entry);
    }
    for (const acronym of entry.acronyms) {
      const words = phraseWords(acronym);
      longest = Math.max(longest, words.length);
      exact.set(words.join(' '), entry);
    }
  }

  const lookup = (words: Word[]): GlossaryEntry | undefined => {
    const joined = words.map((w) => w.text).join(' ');
    const hit = exact.get(joined) ?? folded.get(joined.toLowerCase());
    if (hit) return hit;
    // Plurals: "GPUs", "LoRAs", "KV caches", "mixtures of experts" are rare; last word only.
    const last = words[words.length - 1].text;
    for (const suffix of ['es', 's']) {
      if (last.length > suffix.length + 1 && last.toLowerCase().endsWith(suffix)) {
        const stem = joined.slice(0, joined.length - suffix.length);
        const plural = exact.get(stem) ?? folded.get(stem.toLowerCase());
        if (plural) return plural;
      }
    }
    return undefined;
  };

  const termsInLine = (line: string, lineNumber: number): TermMatch[] => {
    const words = wordsOf(line);
    const matches: TermMatch[] = [];
    for (let i = 0; i < words.length; ) {
      let found: { entry: GlossaryEntry; n: number } | undefined;
      for (let n = Math.min(longest, words.length - i); n >= 1 && !found; n--) {
        const slice = words.slice(i, i + n);
        if (!adjacent(line, slice)) continue;
        const entry = lookup(slice);
        if (entry) found = { entry, n };
      }
      if (found) {
        const start = words[i].start;
        const end = words[i + found.n - 1].end;
        matches.push({
          entry: found.entry,
          text: line.slice(start, end),
          range: { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: end } },
        });
        i += found.n;
      } else i++;
    }
    return matches;
  };

  return {
    termsInLine,
    termAt(line, lineNumber, character) {
      // A minified or generated line can be megabytes long; a term is a few words, so look near the cursor.
      const from = line.length > LONG_LINE ? Math.max(0, character - WINDOW) : 0;
      const window = line.length > LONG_LINE ? line.slice(from, character + WINDOW) : line;
      const hit = termsInLine(window, lineNumber).find((m) => m.range.start.character <= character - from && character - from < m.range.end.character);
      if (!hit || from === 0) return hit;
      const shift = (p: { line: number; character: number }) => ({ line: p.line, character: p.character + from });
      return { ...hit, range: { start: shift(hit.range.start), end: shift(hit.range.end) } };
    },
    byId: (id) => ids.get(id),
  };
}

const LONG_LINE = 4096;
const WINDOW = 256;

function isAcronymLike(phrase: string): boolean {
  return /^[A-Z0-9]{2,6}$/.test(phrase) && /[A-Z]/.test(phrase);
}

/** Words of one term are separated only by spaces or hyphens, not by punctuation like ", ". */
function adjacent(line: string, words: Word[]): boolean {
  for (let k = 1; k < words.length; k++) {
    const gap = line.slice(words[k - 1].end, words[k].start);
    if (!/^[\s-]{1,3}$/.test(gap)) return false;
  }
  return true;
}
