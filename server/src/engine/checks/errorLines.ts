import type { ErrorEntry } from '../catalog/schema';
import type { Range } from '../types';

export interface ErrorLineMatch {
  entry: ErrorEntry;
  range: Range;
}

export interface ErrorMatcher {
  /** The KB entry whose pattern matches this line, with the matched text's range. */
  match(line: string, lineNumber: number): ErrorLineMatch | undefined;
}

// Lines longer than this are data, not an error message; matching stays linear in the log's size.
const MAX_LINE = 4000;

/** Recognises the error lines of the KB entries (their `patterns`) in logs and terminal output. */
export function createErrorMatcher(errors: readonly ErrorEntry[]): ErrorMatcher {
  const matchers = errors.flatMap((entry) => entry.patterns.map((p) => ({ entry, re: new RegExp(p, 'i') })));
  return {
    match(line, lineNumber) {
      const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
      let best: { entry: ErrorEntry; index: number; length: number } | undefined;
      for (const { entry, re } of matchers) {
        const m = re.exec(text);
        // The longest match names the most specific entry ("CUDA out of memory" inside a KV-cache blowup line).
        if (m && (!best || m[0].length > best.length)) best = { entry, index: m.index, length: m[0].length };
      }
      if (!best) return undefined;
      return {
        entry: best.entry,
        range: { start: { line: lineNumber, character: best.index }, end: { line: lineNumber, character: best.index + best.length } },
      };
    },
  };
}
