import { lineEndFrom, nextLineStart } from '../text/words';
import type { Position, Range } from '../types';

/** Offsets to LSP positions for one text; built once per parse, each lookup a binary search. */
export interface LineIndex {
  position(offset: number): Position;
  range(start: number, end: number): Range;
  /** Offset of the first character of a line. */
  lineStart(line: number): number;
  lineCount: number;
  text: string;
}

export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  const lfOnly = !text.includes('\r');
  for (let end = lineEndFrom(text, 0, lfOnly); end < text.length; end = lineEndFrom(text, starts[starts.length - 1], lfOnly)) {
    starts.push(nextLineStart(text, end));
  }
  const position = (offset: number): Position => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - starts[lo] };
  };
  return {
    position,
    range: (start, end) => ({ start: position(start), end: position(end) }),
    lineStart: (line) => starts[Math.max(0, Math.min(line, starts.length - 1))],
    lineCount: starts.length,
    text,
  };
}

/** The whitespace a line starts with. */
export function indentAt(text: string, lineStart: number): string {
  let i = lineStart;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(lineStart, i);
}
