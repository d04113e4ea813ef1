import { openKbAction, type Finding } from '../types';
import type { ErrorMatcher } from './errorLines';

/** A log marks each known error line with a hint whose quick fix opens the KB entry. */
export function checkLog(lines: readonly string[], matcher: ErrorMatcher): Finding[] {
  const findings: Finding[] = [];
  lines.forEach((line, i) => {
    const m = matcher.match(line, i);
    if (!m) return;
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
  });
  return findings;
}
