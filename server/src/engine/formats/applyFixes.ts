import type { Finding, Fix, Position, TextEdit } from '../types';

/** The fix `--fix` applies for a finding: its preferred edit, else its first edit (never an action). */
export function bestEditFix(finding: Finding): (Fix & { edits: TextEdit[] }) | undefined {
  const edits = finding.fixes.filter((f): f is Fix & { edits: TextEdit[] } => !!f.edits?.length);
  return edits.find((f) => f.isPreferred) ?? edits[0];
}

/**
 * The best edit fix of each finding, leaving out any whose edits touch text an earlier chosen fix
 * edits (a group's fix and a member's own fix of the same value): the next pass judges it again.
 */
export function chooseFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const fix = bestEditFix(finding);
    if (!fix) continue;
    // Group findings on each member carry the same fix: apply it once.
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    if (fix.edits.some((e) => taken.some((t) => touches(e, t)))) continue;
    seen.add(key);
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

/**
 * Applies edits whose ranges refer to the original text, as an editor does: back to front, so one
 * edit never moves another; edits at the same place keep their order, and an insertion where a
 * replacement starts goes before the replaced text (never cutting it short). One pass over the text.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const offset = (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const spans = edits
    .map((e, i) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  const parts: string[] = [];
  let cursor = text.length;
  for (const s of spans) {
    const end = Math.min(s.end, cursor);
    parts.push(text.slice(end, cursor), s.text);
    cursor = Math.min(s.start, end);
  }
  parts.push(text.slice(0, cursor));
  return parts.reverse().join('');
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
const same = (a: Position, b: Position) => a.line === b.line && a.character === b.character;

/** Two edits overlap, or insert at the same place (their order would be a guess). */
function touches(a: TextEdit, b: TextEdit): boolean {
  if (same(a.range.start, b.range.start)) return true;
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

/** eslint's bound: a fix that keeps proposing more after this many passes is not converging. */
const MAX_PASSES = 10;

/**
 * `check --fix`: applies the best edit fix of each finding, re-checks, and repeats while fixes
 * remain (a fix left out for touching another's text is judged again on the next pass). Stops at
 * `maxChars`, so that no sequence of edits grows a file without bound.
 */
export function fixUntilStable(
  text: string,
  check: (text: string) => readonly Finding[],
  maxChars: number,
): { text: string; applied: string[] } {
  const applied: string[] = [];
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = chooseFixes(check(current));
    if (!fixes.length) break;
    const next = applyTextEdits(
      current,
      fixes.flatMap((f) => f.edits ?? []),
    );
    if (next === current || next.length > maxChars) break;
    current = next;
    applied.push(...fixes.map((f) => f.title));
  }
  return { text: current, applied };
}
