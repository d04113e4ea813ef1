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
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
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
