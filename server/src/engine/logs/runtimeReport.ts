import { parseRuntimeLine, type FactLine, type FigureSource, type LogRuntime, type MemoryPart } from './runtimeLines';

/** What a log says the runtime allocated for one load, gathered from all its lines. */
export interface RuntimeReport {
  runtime?: LogRuntime;
  /** The runtime's version as the log states it, so a drift can be tied to a release. */
  version?: string;
  /** Lines that state figures (memory, KV capacity, layers), in order: these get the comparison hover. */
  figureLines: FactLine[];
  /** The model as the log names it (general.name, a file path, vLLM's model='...'). */
  model?: string;
  fileType?: string;
  kvType?: string;
  ctx?: number;
  /** The line that states the context (llama.cpp's n_ctx, Ollama's --ctx-size), 0-based. */
  ctxLine?: number;
  /** The GPU backend, when a line names one that changes which KB entry applies. */
  backend?: 'metal';
  layers?: { offloaded: number; total: number };
  /** Bytes per part, summed over devices, each from the most complete set of figures in the log that has it. */
  parts: Partial<Record<MemoryPart, number>>;
  /** Where the weights (or the first part found) came from. */
  source?: FigureSource;
  devices: { name: string; totalBytes: number }[];
  kvAvailableBytes?: number;
  kvTokens?: number;
  maxModelLen: { estimated?: number; fits?: number; asked?: number };
}

// Most complete first: the breakdown table has every device and part; single buffer lines can be partial.
const SOURCE_ORDER: FigureSource[] = ['breakdown', 'buffers', 'totals', 'ollama-alloc', 'ollama-estimate', 'vllm'];
// A log with more figure lines than this is a dump; the report keeps the first ones (bounded memory).
const MAX_FIGURE_LINES = 2000;

const FIGURE_KINDS = new Set(['memory', 'deviceTotal', 'kvAvailable', 'torchPeak', 'kvTokens', 'maxModelLen', 'layers']);

/** Reads a log once, line by line; linear in its size. */
export function buildRuntimeReport(lines: readonly string[]): RuntimeReport {
  const report: RuntimeReport = { figureLines: [], parts: {}, devices: [], maxModelLen: {} };
  const bySource = new Map<FigureSource, Map<string, { part: MemoryPart; bytes: number }>>();
  const devices = new Map<string, number>();
  let torchPeak: number | undefined;
  lines.forEach((line, i) => {
    const facts = parseRuntimeLine(line);
    if (facts.length === 0) return;
    if (facts.some((f) => FIGURE_KINDS.has(f.kind)) && report.figureLines.length < MAX_FIGURE_LINES) {
      const start = line.length - line.trimStart().length;
      report.figureLines.push({ line: i, start, end: Math.max(start, line.trimEnd().length), facts });
    }
    for (const f of facts) {
      switch (f.kind) {
        case 'memory': {
          let m = bySource.get(f.source);
          if (!m) bySource.set(f.source, (m = new Map()));
          // A later table or buffer line for the same device and part replaces the earlier one (--fit tries several).
          m.set(`${f.part}|${f.device}`, { part: f.part, bytes: f.bytes });
          if (f.device.startsWith('Metal')) report.backend = 'metal';
          report.runtime ??= f.runtime;
          break;
        }
        case 'deviceTotal':
          if (f.device.toLowerCase() !== 'host') devices.set(f.device, f.bytes);
          break;
        case 'kvAvailable':
          report.kvAvailableBytes = f.bytes;
          break;
        case 'torchPeak':
          torchPeak = f.bytes;
          break;
        case 'kvTokens':
          report.kvTokens = f.tokens;
          break;
        case 'maxModelLen':
          report.maxModelLen[f.said] = f.tokens;
          break;
        case 'context':
          report.ctx = f.tokens;
          report.ctxLine = i;
          break;
        case 'backend':
          report.backend = f.backend;
          break;
        case 'model':
          report.model ??= f.text;
          break;
        case 'fileType':
          report.fileType ??= f.text;
          break;
        case 'kvType':
          report.kvType = f.text;
          break;
        case 'layers':
          report.layers = { offloaded: f.offloaded, total: f.total };
          break;
        case 'runtime':
          if (f.runtime === 'ollama' || !report.runtime) report.runtime = f.runtime;
          break;
        case 'version':
          report.version ??= f.text;
          break;
      }
    }
  });
  // Each part from the most complete source that has it: old logs print per-device weights but only
  // totals for the KV cache and compute buffers.
  for (const part of ['weights', 'kvCache', 'compute'] as const) {
    const source = SOURCE_ORDER.find((src) => [...(bySource.get(src)?.values() ?? [])].some((v) => v.part === part));
    if (!source) continue;
    report.source ??= source;
    for (const v of bySource.get(source)!.values()) if (v.part === part) report.parts[part] = (report.parts[part] ?? 0) + v.bytes;
  }
  if (report.parts.compute === undefined && torchPeak !== undefined && report.parts.weights !== undefined)
    report.parts.compute = Math.max(0, torchPeak - report.parts.weights);
  report.devices = [...devices].map(([name, totalBytes]) => ({ name, totalBytes }));
  return report;
}

/** Whether a report has anything to compare. */
export function hasFigures(report: RuntimeReport): boolean {
  return Object.keys(report.parts).length > 0 || report.kvAvailableBytes !== undefined || report.maxModelLen.estimated !== undefined;
}

/** The figure line at a line number, if any (binary search: figure lines are in order). */
export function figureLineAt(report: RuntimeReport, line: number): FactLine | undefined {
  let lo = 0;
  let hi = report.figureLines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = report.figureLines[mid].line;
    if (l === line) return report.figureLines[mid];
    if (l < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
