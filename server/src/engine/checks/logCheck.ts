import { openKbAction, type Finding } from '../types';
import type { ErrorMatcher } from './errorLines';

/** A log marks each known error line (up to `limit` of them) with a hint whose quick fix opens the KB entry. */
export function checkLog(lines: readonly string[], matcher: ErrorMatcher, limit = Infinity): Finding[] {
  const findings: Finding[] = [];
  for (let i = 0; i < lines.length && findings.length < limit; i++) {
    const m = matcher.match(lines[i], i);
    if (!m) continue;
    findings.push({
      range: m.range,
      severity: 'hint',
      code: 'known-error',
      message: `${m.entry.title}: see the RunLocalAI error KB.`,
      href: m.entry.url,
      kbId: m.entry.id,
      fixes: [
        {
          title: `Open KB: ${m.entry.title}`,
          action: openKbAction(m.entry.id),
          isPreferred: true,
        },
      ],
    });
  }
  return findings;
}
