import type { ErrorEntry } from '../catalog/schema';
import { explainLines, type ErrorMatcher, type ExplainedEntry } from '../checks/errorLines';
import { buildRuntimeReport, type RuntimeReport } from './runtimeReport';

/** The entry a partial offload points to: it is read from the figures, since no single line says "slow". */
export const PARTIAL_OFFLOAD_ENTRY = 'llama-cpp-layers-on-cpu';

export interface LogExplanation {
  entries: ExplainedEntry[];
  report: RuntimeReport;
}

/** Where the last offload count in a log says some layers stayed on the CPU, if it does. */
export function partialOffloadLine(report: RuntimeReport): { line: number; text: string } | undefined {
  if (!report.layers || report.layers.offloaded <= 0 || report.layers.offloaded >= report.layers.total) return undefined;
  for (let i = report.figureLines.length - 1; i >= 0; i--) {
    const fl = report.figureLines[i];
    if (fl.facts.some((f) => f.kind === 'layers'))
      return { line: fl.line, text: `${report.layers.offloaded} of ${report.layers.total} layers on the GPU` };
  }
  return undefined;
}

/**
 * Everything the KB and the runtime's own figures say about a log: the entries its lines match, plus
 * the partial-offload entry when the offload count shows layers left on the CPU.
 */
export function explainLog(lines: readonly string[], matcher: ErrorMatcher, errors: readonly ErrorEntry[]): LogExplanation {
  const entries = explainLines(lines, matcher);
  const report = buildRuntimeReport(lines);
  const partial = partialOffloadLine(report);
  const entry = errors.find((e) => e.id === PARTIAL_OFFLOAD_ENTRY);
  if (partial && entry && !entries.some((e) => e.entry.id === PARTIAL_OFFLOAD_ENTRY || e.entry.related.includes(PARTIAL_OFFLOAD_ENTRY))) {
    entries.push({ entry, firstLine: partial.line, lineText: lines[partial.line] ?? partial.text, count: 1 });
    entries.sort((a, b) => a.firstLine - b.firstLine);
  }
  return { entries, report };
}
