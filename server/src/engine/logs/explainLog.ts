import type { ErrorEntry } from '../catalog/schema';
import { explainLines, type ErrorMatcher, type ExplainedEntry } from '../checks/errorLines';
import { buildRuntimeReport, type RuntimeReport } from './runtimeReport';

/** The entry a partial offload points to: it is read from the figures, since no single line says "slow". */
export const PARTIAL_OFFLOAD_ENTRY = 'llama-cpp-layers-on-cpu';
/** The entries a long context points to, on CUDA/ROCm and on Metal. */
export const LONG_CONTEXT_ENTRY = 'cuda-oom-kv-cache-blowup';
export const LONG_CONTEXT_METAL_ENTRY = 'metal-out-of-memory';
/**
 * From this context on, the KV cache and compute buffers are a large share of a load: 8× the 4,096
 * tokens that llama-server and Ollama used by default when these logs were written, and the context
 * at which the Ollama and llama.cpp reports in the corpus ran out of memory.
 */
export const LONG_CONTEXT_TOKENS = 32768;

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

/** Where a log sets a context long enough that the KV cache decides the memory, and the entry for its backend. */
export function longContextLine(report: RuntimeReport): { line: number; text: string; entryId: string } | undefined {
  if (report.ctx === undefined || report.ctxLine === undefined || report.ctx < LONG_CONTEXT_TOKENS) return undefined;
  const kv = report.parts.kvCache !== undefined ? ` (KV cache ${Math.round(report.parts.kvCache / 1024 ** 2)} MiB)` : '';
  return {
    line: report.ctxLine,
    text: `a context of ${report.ctx.toLocaleString('en-US')} tokens${kv}: the KV cache and compute buffers grow with it`,
    entryId: report.backend === 'metal' ? LONG_CONTEXT_METAL_ENTRY : LONG_CONTEXT_ENTRY,
  };
}

/** Adds an entry the figures point to, unless an entry already there says the same (`covered`). */
function addFromFigures(
  entries: ExplainedEntry[],
  errors: readonly ErrorEntry[],
  lines: readonly string[],
  id: string,
  at: { line: number; text: string } | undefined,
  covered: (e: ErrorEntry) => boolean,
): void {
  const entry = errors.find((e) => e.id === id);
  if (!at || !entry || entries.some((e) => covered(e.entry))) return;
  entries.push({ entry, firstLine: at.line, lineText: lines[at.line] ?? at.text, count: 1 });
}

/**
 * Everything the KB and the runtime's own figures say about a log: the entries its lines match, plus
 * the partial-offload entry when the offload count shows layers left on the CPU, and the long-context
 * entry when the log loads a model at a context whose KV cache decides the memory (a log cut before its
 * error line still says that much).
 */
export function explainLog(lines: readonly string[], matcher: ErrorMatcher, errors: readonly ErrorEntry[]): LogExplanation {
  const entries = explainLines(lines, matcher);
  const report = buildRuntimeReport(lines);
  addFromFigures(entries, errors, lines, PARTIAL_OFFLOAD_ENTRY, partialOffloadLine(report), (e) =>
    [e.id, ...e.related].includes(PARTIAL_OFFLOAD_ENTRY),
  );
  // A cudaMalloc failure at a long context still gets the long-context entry: it says what to shrink.
  const long = longContextLine(report);
  if (long)
    addFromFigures(entries, errors, lines, long.entryId, long, (e) => e.id === LONG_CONTEXT_ENTRY || e.id === LONG_CONTEXT_METAL_ENTRY);
  entries.sort((a, b) => a.firstLine - b.firstLine);
  return { entries, report };
}
