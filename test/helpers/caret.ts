import type { Position, Range } from '../../server/src/engine/types';

/**
 * Caret markers, as in the YAML language server's tests: `|` marks a position, and a pair
 * `[[...]]` marks a range. Returns the text without markers.
 */
export function caret(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | caret in test text');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, position: positionAt(text, offset) };
}

export function marked(markedText: string): { text: string; range: Range } {
  const a = markedText.indexOf('[[');
  const b = markedText.indexOf(']]');
  if (a < 0 || b < a) throw new Error('no [[range]] in test text');
  const text = markedText.slice(0, a) + markedText.slice(a + 2, b) + markedText.slice(b + 2);
  return { text, range: { start: positionAt(text, a), end: positionAt(text, b - 2) } };
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The offset of a position (LF or CRLF line ends; a character past the line's end stops at its end). */
export function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  return Math.min(offset + p.character, end);
}
