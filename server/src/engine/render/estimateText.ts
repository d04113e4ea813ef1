import type { MemoryEstimate, Verdict } from '../estimate/types';
import type { ValueOrigin } from '../estimate/runtimeDefaults';
import { formatBytes, formatTokens } from './format';

export const verdictLabel: Record<Verdict, string> = {
  fits: 'Fits',
  tight: 'Fits, tightly',
  'partial-offload': 'Partial offload (runs slowly)',
  'wont-fit': "Won't fit",
};

/** One-line breakdown: "needs 42.1 GiB (weights 39.6 GiB + KV cache 1.3 GiB + ...) of 11.5 GiB usable". */
export function breakdownLine(e: MemoryEstimate, ctx: number): string {
  const gib = (b: number) => formatBytes(b);
  return (
    `needs ${gib(e.totalBytes)} (weights ${gib(e.weightsBytes)} + KV cache ${gib(e.kvCacheBytes)} at ${formatTokens(ctx)} tokens` +
    ` + compute ${gib(e.computeBytes)} + overhead ${gib(e.overheadBytes)}${inRam(e)})${e.usableBytes > 0 ? ` of ${gib(e.usableBytes)} usable` : ''}`
  );
}

/** Parts that stay in system RAM by design (token embeddings, offloaded layers) are not GPU memory. */
function inRam(e: MemoryEstimate): string {
  return e.cpuBytes && e.cpuBytes > 0 ? `; ${formatBytes(e.cpuBytes)} of it in system RAM` : '';
}

/** A Markdown table of the parts with their formulas, for hovers and the Will-it-run report. */
export function breakdownTable(e: MemoryEstimate): string {
  const rows = e.parts.map((p) => `| ${p.name} | ${formatBytes(p.bytes)} | ${p.formula.replace(/\|/g, '\\|')} |`);
  return [
    '| part | memory | how |',
    '|---|---:|---|',
    ...rows,
    `| **total** | **${formatBytes(e.totalBytes)}** | usable on the GPU: ${formatBytes(e.usableBytes)}${inRam(e)} |`,
  ].join('\n');
}

export function speedLine(e: MemoryEstimate): string | undefined {
  if (e.tokensPerSecond === undefined) return undefined;
  return `≈ ${e.tokensPerSecond.toFixed(e.tokensPerSecond < 10 ? 1 : 0)} tokens/s${e.speedBasis ? ` (${e.speedBasis})` : ''}`;
}

const BAR_WIDTH = 48;
const SHADES: Record<string, string> = { weights: '█', kvCache: '▓', compute: '▒', overhead: '░' };

/**
 * A picture of the parts against usable memory, in text so it renders in hovers, the
 * Will-it-run report and a terminal alike: one cell per 1/48 of the larger of need and room.
 */
export function memoryPicture(e: MemoryEstimate): string {
  const scale = Math.max(e.totalBytes, e.usableBytes, 1) / BAR_WIDTH;
  let bar = '';
  for (const p of e.parts) bar += (SHADES[p.name] ?? '#').repeat(Math.round(p.bytes / scale));
  bar = bar.padEnd(BAR_WIDTH, ' ').slice(0, BAR_WIDTH);
  const room = Math.min(BAR_WIDTH, Math.round(e.usableBytes / scale));
  const ruler = ' '.repeat(room) + '▲';
  const legend = e.parts.map((p) => `${SHADES[p.name] ?? '#'} ${p.name} ${formatBytes(p.bytes)}`).join('  ');
  return ['```text', `need |${bar}|`, `      ${ruler} usable ${formatBytes(e.usableBytes)}`, legend, '```'].join('\n');
}

/** Where the context came from: "as given", or what chose it (a runtime or model default, the environment). */
export function contextOrigin(origin: ValueOrigin, note: string | undefined): string {
  if (origin === 'given') return 'context as given';
  if (origin === 'environment') return `context from the environment${note ? `: ${note}` : ''}`;
  return `context by default${note ? `: ${note}` : ''}`;
}

/** The verdict in words; with no GPU at all, "partial offload" would mislead. */
export function verdictText(e: MemoryEstimate): string {
  if (e.usableBytes === 0 && e.verdict === 'partial-offload') return 'Runs on the CPU only (slowly)';
  return verdictLabel[e.verdict];
}

/** "; 16.0 GiB of system RAM for it", the same limit the verdict used, when RAM helps decide. */
export function ramLine(e: MemoryEstimate): string {
  if (!e.cpuBytes || e.cpuBytes <= 0 || e.ramLimitBytes === undefined) return '';
  if (e.verdict !== 'wont-fit' && e.verdict !== 'partial-offload') return '';
  const basis = e.ramBasis === 'available' ? 'available when detected' : 'total';
  return `; ${formatBytes(Math.max(0, e.ramLimitBytes))} of system RAM for it (${basis})`;
}

/**
 * Where a partial offload puts the model, in words: layers on the CPU, or, for a MoE model whose
 * layers are all on the GPU, the routed experts kept in system RAM. Undefined when all is on the GPU.
 */
export function offloadLine(e: MemoryEstimate): string | undefined {
  if (e.verdict !== 'partial-offload') return undefined;
  const onCpu = e.totalLayers - e.gpuLayers;
  const experts =
    e.cpuMoeLayers !== undefined && e.cpuMoeLayers < e.totalLayers
      ? `the experts of ${e.cpuMoeLayers} of ${e.totalLayers} layers in system RAM`
      : e.expertsOnCpu || e.cpuMoeLayers !== undefined
        ? 'the MoE experts in system RAM'
        : undefined;
  if (onCpu <= 0) return experts ? `All ${e.totalLayers} layers on the GPU, ${experts}` : undefined;
  const layers = `${e.gpuLayers} of ${e.totalLayers} layers on the GPU, the other ${onCpu} on the CPU`;
  return experts ? `${layers}; ${experts}` : layers;
}
