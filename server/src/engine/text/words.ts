/** A word of a line with its offsets, as the term and model matchers see it. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

// Dots, underscores, plus and at signs stay inside a word so that "llama.cpp", "num_ctx",
// "Q4_K_M" and "pass@1" are one word, and identifiers are never split; a trailing dot (end of
// sentence) is not part of it.
const WORD = /[A-Za-z0-9](?:[A-Za-z0-9_+@]|\.(?=[A-Za-z0-9]))*/g;

export function wordsOf(line: string): Word[] {
  const words: Word[] = [];
  for (const m of line.matchAll(WORD)) words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return words;
}

/** Splits a phrase the way `wordsOf` splits text, so "fine-tuning" and "fine tuning" agree. */
export function phraseWords(phrase: string): string[] {
  return wordsOf(phrase).map((w) => w.text);
}

/** Lines as LSP counts them: \r\n, \r and \n all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Letters and digits in a form: "KV" has 2, "top-k" 4. Short forms are ambiguous in running text. */
export function significantLength(form: string): number {
  let n = 0;
  for (const ch of form) if (/[A-Za-z0-9]/.test(ch)) n++;
  return n;
}

/** Forms of this many letters or digits or fewer ("KV", "TP", "RAG") are short. */
export const SHORT_FORM = 3;
