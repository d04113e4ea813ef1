import type { GlossaryEntry } from '../catalog/schema';
import { createPhraseIndex, type PhraseMatch } from '../text/phraseIndex';

export type TermMatch = PhraseMatch<GlossaryEntry>;

/**
 * Finds glossary terms in text: multi-word terms ("KV cache"), spelling variants, plurals, and
 * exact-case acronyms ("RAG" but not "rag").
 */
export interface TermIndex {
  /** The longest term covering `character` on `line`, if any. */
  termAt(line: string, lineNumber: number, character: number): TermMatch | undefined;
  /** All terms on a line, longest-first and non-overlapping. */
  termsInLine(line: string, lineNumber: number): TermMatch[];
  byId(id: string): GlossaryEntry | undefined;
}

export function createTermIndex(glossary: readonly GlossaryEntry[]): TermIndex {
  const index = createPhraseIndex(
    glossary.map((g) => ({ entry: g, phrases: [g.term, ...g.aliases], exact: g.acronyms, allowShort: g.matching?.safeShort ?? false })),
  );
  const ids = new Map(glossary.map((g) => [g.id, g]));
  return {
    termAt: (line, lineNumber, character) => index.at(line, lineNumber, character),
    termsInLine: (line, lineNumber) => index.inLine(line, lineNumber),
    byId: (id) => ids.get(id),
  };
}
