import type { LineRegions } from '../text/hoverRegions';
import type { Position } from '../types';
import type { TermIndex, TermMatch } from './termIndex';

// A term is a few words: looking this far either side of the cursor (and into the lines around
// it) is enough, and keeps a hover on a megabyte-long line cheap.
const REACH = 256;

interface Piece {
  line: number;
  /** Offset of the piece's first character in its line. */
  from: number;
  text: string;
}

/**
 * The term under the cursor, also when it wraps onto the next line ("KV" at the end of one line,
 * "cache" at the start of the next) or is hyphenated across the break ("fine-" / "tuning").
 * Only text inside the regions where hovers are allowed is read, so a comment that continues on
 * the next line joins, and code between comments never does.
 */
export function termAtPosition(
  terms: TermIndex,
  lines: readonly string[],
  regions: readonly LineRegions[],
  position: Position,
): TermMatch | undefined {
  const line = lines[position.line];
  if (line === undefined) return undefined;
  const segment = segmentAt(line, regions[position.line] ?? [], position.character);
  if (!segment) return undefined;
  const from = Math.max(segment.start, position.character - REACH);
  const to = Math.min(segment.end, position.character + REACH);
  const pieces: Piece[] = [];
  if (from === segment.start && isFirstSegment(regions[position.line] ?? [], segment.start)) {
    const prev = tailOf(lines, regions, position.line - 1);
    if (prev) pieces.push(prev);
  }
  pieces.push({ line: position.line, from, text: line.slice(from, to) });
  if (to === segment.end && isLastSegment(line, regions[position.line] ?? [], segment.end)) {
    const next = headOf(lines, regions, position.line + 1);
    if (next) pieces.push(next);
  }
  return matchInPieces(terms, pieces, position);
}

function matchInPieces(terms: TermIndex, pieces: Piece[], position: Position): TermMatch | undefined {
  // Joined with one space, so words from two lines are as adjacent as words on one.
  let text = '';
  const starts: number[] = [];
  for (const p of pieces) {
    if (starts.length) text += ' ';
    starts.push(text.length);
    text += p.text;
  }
  const toPosition = (offset: number, isEnd: boolean): Position => {
    let k = starts.length - 1;
    while (k > 0 && (starts[k] > offset || (isEnd && starts[k] === offset))) k--;
    const p = pieces[k];
    return { line: p.line, character: p.from + Math.min(offset - starts[k], p.text.length) };
  };
  const k = pieces.findIndex((p) => p.line === position.line);
  const cursor = starts[k] + (position.character - pieces[k].from);
  const hit = terms.termsInLine(text, 0).find((m) => m.range.start.character <= cursor && cursor < m.range.end.character);
  if (!hit) return undefined;
  return {
    ...hit,
    range: { start: toPosition(hit.range.start.character, false), end: toPosition(hit.range.end.character, true) },
  };
}

function segmentAt(line: string, regions: LineRegions, character: number): { start: number; end: number } | undefined {
  if (regions === 'all') return character < line.length ? { start: 0, end: line.length } : undefined;
  return regions.find((s) => s.start <= character && character < s.end);
}

function isFirstSegment(regions: LineRegions, start: number): boolean {
  return regions === 'all' || regions[0]?.start === start;
}

function isLastSegment(line: string, regions: LineRegions, end: number): boolean {
  return regions === 'all' ? end === line.length : regions[regions.length - 1]?.end === end && end === line.length;
}

/** The end of the previous line's text, if that line's last region runs to its end. */
function tailOf(lines: readonly string[], regions: readonly LineRegions[], n: number): Piece | undefined {
  const line = lines[n];
  if (line === undefined) return undefined;
  const r = regions[n] ?? [];
  const last = r === 'all' ? { start: 0, end: line.length } : r[r.length - 1];
  if (!last || last.end !== line.length) return undefined;
  let end = last.end;
  while (end > last.start && /\s/.test(line[end - 1])) end--;
  const from = Math.max(last.start, end - REACH);
  return end > from ? { line: n, from, text: line.slice(from, end) } : undefined;
}

/** The start of the next line's text, skipping indentation and a block comment's leading "*". */
function headOf(lines: readonly string[], regions: readonly LineRegions[], n: number): Piece | undefined {
  const line = lines[n];
  if (line === undefined) return undefined;
  const r = regions[n] ?? [];
  const first = r === 'all' ? { start: 0, end: line.length } : r[0];
  if (!first) return undefined;
  let from = first.start;
  while (from < first.end && /\s/.test(line[from])) from++;
  if (line[from] === '*' && line[from + 1] !== '*') from++;
  while (from < first.end && /\s/.test(line[from])) from++;
  const to = Math.min(first.end, from + REACH);
  return to > from ? { line: n, from, text: line.slice(from, to) } : undefined;
}
