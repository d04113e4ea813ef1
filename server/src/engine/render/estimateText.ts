import type { MemoryEstimate, Verdict } from '../estimate/types';
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
    ` + compute ${gib(e.computeBytes)} + overhead ${gib(e.overheadBytes)}) of ${gib(e.usableBytes)} usable`
  );
}

/** A Markdown table of the parts with their formulas, for hovers and the Will-it-run report. */
export function breakdownTable(e: MemoryEstimate): string {
  const rows = e.parts.map((p) => `| ${p.name} | ${formatBytes(p.bytes)} | ${p.formula.replace(/\|/g, '\\|')} |`);
  return [
    '| part | memory | how |',
    '|---|---:|---|',
    ...rows,
    `| **total** | **${formatBytes(e.totalBytes)}** | usable: ${formatBytes(e.usableBytes)} |`,
  ].join('\n');
}

export function speedLine(e: MemoryEstimate): string | undefined {
  if (e.tokensPerSecond === undefined) return undefined;
  return `≈ ${e.tokensPerSecond.toFixed(e.tokensPerSecond < 10 ? 1 : 0)} tokens/s${e.speedBasis ? ` (${e.speedBasis})` : ''}`;
}
