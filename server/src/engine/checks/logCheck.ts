import type { ErrorEntry } from '../catalog/schema';
import { longContextLine, PARTIAL_OFFLOAD_ENTRY, partialOffloadLine } from '../logs/explainLog';
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
 * figures read (`report`), an offload count that left layers on the CPU gets the partial-offload entry,
 * and a context long enough that the KV cache decides the memory gets the long-context entry.
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
  const fromFigures = (id: string, at: { line: number } | undefined, message: string) => {
    const entry = figures?.errors.find((e) => e.id === id);
    if (!at || !entry || findings.some((f) => f.range.start.line === at.line || f.kbId === id)) return;
    const text = lines[at.line] ?? '';
    const start = text.length - text.trimStart().length;
    const range = { start: { line: at.line, character: start }, end: { line: at.line, character: text.trimEnd().length } };
    findings.push(kbFinding(entry, range, message));
  };
  if (figures) {
    const partial = partialOffloadLine(figures.report);
    if (partial) fromFigures(PARTIAL_OFFLOAD_ENTRY, partial, `${partial.text}: the rest run from system RAM, which slows generation.`);
    // The same long-context hint `runlocalai explain` gives a load log cut before its error.
    const long = longContextLine(figures.report);
    if (long) fromFigures(long.entryId, long, `${long.text[0].toUpperCase()}${long.text.slice(1)}.`);
    findings.sort((a, b) => a.range.start.line - b.range.start.line);
  }
  return findings;
}
