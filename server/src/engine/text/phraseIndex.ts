import type { Range } from '../types';
import { phraseWords, significantLength, SHORT_FORM, wordsOf, type Word } from './words';

export interface PhraseMatch<T> {
  entry: T;
  range: Range;
  /** The text as written in the document. */
  text: string;
}

/** What an entry is called: phrases matched in any case, and forms matched only in their exact case. */
export interface PhraseSource<T> {
  entry: T;
  phrases: readonly string[];
  exact: readonly string[];
  /**
   * Whether forms of three letters or digits or fewer ("KV", "TP") may match. Short forms are
   * ambiguous in running text, so the glossary allows them only where an entry marks them safe.
   */
  allowShort?: boolean;
}

/**
 * Finds named things in text: multi-word names ("KV cache", "RTX 4090"), spelling variants,
 * plurals of the last word, and exact-case acronyms. Built once; matching is per line.
 */
export interface PhraseIndex<T> {
  /** The longest name covering `character` on `line`, if any. */
  at(line: string, lineNumber: number, character: number): PhraseMatch<T> | undefined;
  /** All names on a line, longest-first and non-overlapping. */
  inLine(line: string, lineNumber: number): PhraseMatch<T>[];
}

export function createPhraseIndex<T>(sources: readonly PhraseSource<T>[]): PhraseIndex<T> {
  const folded = new Map<string, T>();
  const exact = new Map<string, T>();
  let longest = 1;
  const addFolded = (key: string, entry: T) => {
    if (!folded.has(key)) folded.set(key, entry);
  };
  for (const { entry, phrases, exact: exactForms, allowShort = true } of sources) {
    // A name listed as exact ("Jan", "YaRN") is never also matched in other cases.
    const exactFolded = new Set(exactForms.map((f) => f.toLowerCase()));
    const usable = (form: string) => allowShort || significantLength(form) > SHORT_FORM;
    for (const phrase of phrases) {
      const words = phraseWords(phrase);
      if (words.length === 0 || !usable(phrase)) continue;
      longest = Math.max(longest, words.length);
      // An all-caps short name ("RAG", "H100") is an acronym even when listed as a phrase.
      if (isAcronymLike(phrase)) exact.set(words.join(' '), entry);
      else if (!exactFolded.has(phrase.toLowerCase())) {
        addFolded(spellingKey(words.join(' ')), entry);
        // "fine-tuning" is also written "finetuning": index the closed-up form of hyphenated names.
        if (words.length > 1 && phrase.includes('-') && !phrase.includes(' ')) addFolded(spellingKey(words.join('')), entry);
      }
    }
    for (const form of exactForms) {
      const words = phraseWords(form);
      if (words.length === 0 || !usable(form)) continue;
      longest = Math.max(longest, words.length);
      exact.set(words.join(' '), entry);
    }
  }

  // Each name's first word, folded: a word that begins no name (most words of a line) is passed
  // over with one look-up instead of one per name length.
  const firstWords = new Set<string>();
  for (const key of [...exact.keys(), ...folded.keys()]) firstWords.add(spellingKey(key.split(' ')[0]));
  // The first words of longer names ("KV" and "KV cache" of "KV cache quantization"): a name is
  // extended by a word only while some longer name begins with what it has, so a line's common
  // first words cost one look-up each, not one joined string per name length.
  const exactHeads = headsOf(exact.keys());
  const foldedHeads = headsOf(folded.keys());

  // Plurals: "GPUs", "LoRAs", "KV caches", "mixtures of experts" are rare; last word only.
  const pluralOf = (joined: string): T | undefined => {
    const last = joined.slice(joined.lastIndexOf(' ') + 1);
    for (const suffix of ['es', 's']) {
      if (last.length > suffix.length + 1 && last.toLowerCase().endsWith(suffix)) {
        const stem = joined.slice(0, joined.length - suffix.length);
        const plural = exact.get(stem) ?? folded.get(spellingKey(stem));
        if (plural) return plural;
      }
    }
    return undefined;
  };

  const inLine = (line: string, lineNumber: number): PhraseMatch<T>[] => {
    const words = wordsOf(line);
    // Folding a joined name equals joining its folded words: the spelling rule stays inside a word.
    const keys = words.map((w) => spellingKey(w.text));
    const matches: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length;) {
      let found: { entry: T; n: number } | undefined;
      if (firstWords.has(keys[i])) {
        // The longest name starting here: words are added while they stay adjacent and some name
        // begins with them (only a name's last word can be a plural, so its other words are a head).
        let joined = words[i].text;
        let key = keys[i];
        for (let n = 1; i + n <= words.length; n++) {
          if (n > 1) {
            const k = i + n - 1;
            if (!adjacent(line, words[k - 1], words[k])) break;
            joined += ' ' + words[k].text;
            key += ' ' + keys[k];
          }
          const entry = exact.get(joined) ?? folded.get(key) ?? pluralOf(joined);
          if (entry) found = { entry, n };
          if (n >= longest || !(exactHeads.has(joined) || foldedHeads.has(key))) break;
        }
      } else {
        // Only a plural of a one-word name can start with a word that begins no name.
        const entry = pluralOf(words[i].text);
        if (entry) found = { entry, n: 1 };
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
    inLine,
    at(line, lineNumber, character) {
      // A minified or generated line can be megabytes long; a term is a few words, so look near the cursor.
      const from = line.length > LONG_LINE ? Math.max(0, character - WINDOW) : 0;
      const window = line.length > LONG_LINE ? line.slice(from, character + WINDOW) : line;
      const hit = inLine(window, lineNumber).find(
        (m) => m.range.start.character <= character - from && character - from < m.range.end.character,
      );
      if (!hit || from === 0) return hit;
      const shift = (p: { line: number; character: number }) => ({ line: p.line, character: p.character + from });
      return { ...hit, range: { start: shift(hit.range.start), end: shift(hit.range.end) } };
    },
  };
}

const LONG_LINE = 4096;
const WINDOW = 256;

/**
 * One key per spelling: lower case, British "-ise"/"-isation" folded to "-ize"/"-ization", so
 * "quantisation" finds "quantization" and "tokeniser" finds "tokenizer".
 */
export function spellingKey(text: string): string {
  return text.toLowerCase().replace(/is(ation|ations|er|ers|ed|ing|e|es)\b/g, 'iz$1');
}

function isAcronymLike(phrase: string): boolean {
  return /^[A-Z0-9]{2,6}$/.test(phrase) && /[A-Z]/.test(phrase);
}

/** Every proper head of each name's words: "a b c" gives "a" and "a b". */
function headsOf(names: Iterable<string>): Set<string> {
  const heads = new Set<string>();
  for (const name of names) for (let at = name.indexOf(' '); at > 0; at = name.indexOf(' ', at + 1)) heads.add(name.slice(0, at));
  return heads;
}

/** Words of one name are separated only by spaces or hyphens, not by punctuation like ", ". */
function adjacent(line: string, left: Word, right: Word): boolean {
  const gap = right.start - left.end;
  if (gap < 1 || gap > 3) return false;
  for (let c = left.end; c < right.start; c++) {
    const ch = line[c];
    if (ch !== '-' && !/\s/.test(ch)) return false;
  }
  return true;
}
