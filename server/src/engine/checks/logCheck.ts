import type { ErrorEntry } from '../catalog/schema';
import { PARTIAL_OFFLOAD_ENTRY, partialOffloadLine } from '../logs/explainLog';
import type { RuntimeReport } from '../logs/runtimeReport';
import { openKbAction, type Finding } from '../types';
import type { ErrorMatcher } from './errorLines';

function kbFinding(entry: ErrorEntry, range: Finding['range'], message: string): Finding {
  return {
    range,
    severity: 'hint',
    code: 'known-error',
    message,
    href: entry.url,
    kbId: entry.id,
    fixes: [{ title: `Open KB: ${entry.title}`, action: openKbAction(entry.id), isPreferred: true }],
  };
}

/**
 * A log marks each known error line with a hint whose quick fix opens the KB entry; with the runtime's
 * figures read (`report`), an offload count that left layers on the CPU gets the partial-offload entry.
 */
export function checkLog(
  lines: readonly string[],
  matcher: ErrorMatcher,
  figures?: { report: RuntimeReport; errors: readonly ErrorEntry[] },
  limit = Infinity,
): Finding[] {
  const findings: Finding[] = [];
  // Up to `limit` findings: a log of a million error lines costs one pass, not a million hints.
  for (let i = 0; i < lines.length && findings.length < limit; i++) {
    const m = matcher.match(lines[i], i);
    if (m) findings.push(kbFinding(m.entry, m.range, `${m.entry.title}: see the RunLocalAI error KB.`));
  }
  const partial = figures && partialOffloadLine(figures.report);
  const entry = figures?.errors.find((e) => e.id === PARTIAL_OFFLOAD_ENTRY);
  if (partial && entry && !findings.some((f) => f.range.start.line === partial.line)) {
    const text = lines[partial.line] ?? '';
    const start = text.length - text.trimStart().length;
    const range = { start: { line: partial.line, character: start }, end: { line: partial.line, character: text.trimEnd().length } };
    findings.push(kbFinding(entry, range, `${partial.text}: the rest run from system RAM, which slows generation.`));
    findings.sort((a, b) => a.range.start.line - b.range.start.line);
  }
  return findings;
}
