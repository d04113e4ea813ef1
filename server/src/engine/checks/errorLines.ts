import type { ErrorEntry } from '../catalog/schema';
import type { Range } from '../types';
import { compilePattern, matchPattern, type CompiledPattern } from './errorPatterns';

export interface ErrorLineMatch {
  entry: ErrorEntry;
  range: Range;
}

export interface ErrorMatcher {
  /** The KB entry whose pattern matches this line, with the matched text's range. */
  match(line: string, lineNumber: number): ErrorLineMatch | undefined;
}

// Lines longer than this are data, not an error message; matching stays linear in the log's size.
export const MAX_LINE = 4000;

/** Recognises the error lines of the KB entries (their `patterns`) in logs and terminal output. */
export function createErrorMatcher(errors: readonly ErrorEntry[]): ErrorMatcher {
  const matchers: { entry: ErrorEntry; pattern: CompiledPattern }[] = errors.flatMap((entry) =>
    entry.patterns.map((p) => ({ entry, pattern: compilePattern(p) })),
  );
  return {
    match(line, lineNumber) {
      const text = (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line).toLowerCase();
      let best: { entry: ErrorEntry; index: number; end: number; literal: number } | undefined;
      for (const { entry, pattern } of matchers) {
        const m = matchPattern(pattern, text);
        // The pattern that pins down the most text names the most specific entry ("CUDA out of memory"
        // inside a vLLM sampler warm-up line goes to the vLLM entry).
        if (m && (!best || m.literalLength > best.literal)) best = { entry, index: m.index, end: m.end, literal: m.literalLength };
      }
      if (!best) return undefined;
      return {
        entry: best.entry,
        range: { start: { line: lineNumber, character: best.index }, end: { line: lineNumber, character: best.end } },
      };
    },
  };
}

/** One KB entry a log shows, with where it first appears and how often. */
export interface ExplainedEntry {
  entry: ErrorEntry;
  firstLine: number;
  lineText: string;
  count: number;
}

/** The KB entries a log shows, in the order they first appear. */
export function explainLines(lines: readonly string[], matcher: ErrorMatcher): ExplainedEntry[] {
  const byId = new Map<string, ExplainedEntry>();
  lines.forEach((line, i) => {
    const m = matcher.match(line, i);
    if (!m) return;
    const seen = byId.get(m.entry.id);
    if (seen) seen.count++;
    else byId.set(m.entry.id, { entry: m.entry, firstLine: i, lineText: line.length > 300 ? `${line.slice(0, 300)}…` : line, count: 1 });
  });
  return [...byId.values()];
}
