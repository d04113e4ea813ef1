import type { ComparisonRow, RuntimeComparison } from '../logs/compareEstimate';
import type { RuntimeReport } from '../logs/runtimeReport';
import { formatBytes, formatTokens } from './format';
import { escapeMarkdown } from './markdown';

const PART_LABEL: Record<ComparisonRow['part'], string> = { weights: 'weights', kvCache: 'KV cache', compute: 'compute buffers' };

function diffText(r: ComparisonRow): string {
  if (r.diffBytes === undefined) return 'not printed';
  const sign = r.diffBytes >= 0 ? '+' : '−';
  const pct = r.diffPercent === undefined ? '' : ` (${sign}${Math.abs(r.diffPercent).toFixed(0)}%)`;
  return `${sign}${formatBytes(Math.abs(r.diffBytes))}${pct}`;
}

function runtimeLabel(report: RuntimeReport): string {
  const name = report.runtime ?? 'the runtime';
  return report.version ? `${name} ${report.version}` : name;
}

/** Lines of what the runtime said on its own (capacity and lengths), shared by both renderings. */
function capacityLines(report: RuntimeReport): string[] {
  const out: string[] = [];
  if (report.layers) out.push(`layers on the GPU: ${report.layers.offloaded} of ${report.layers.total}`);
  if (report.kvTokens !== undefined) out.push(`KV cache holds ${formatTokens(report.kvTokens)} tokens`);
  if (report.maxModelLen.fits !== undefined) out.push(`KV cache holds ${formatTokens(report.maxModelLen.fits)} tokens`);
  if (report.maxModelLen.estimated !== undefined)
    out.push(`largest max_model_len that fits, by vLLM: ${formatTokens(report.maxModelLen.estimated)}`);
  return out;
}

/** The comparison as plain text, for `runlocalai explain`. */
export function comparisonText(c: RuntimeComparison): string[] {
  const who = runtimeLabel(c.report);
  if (!c.ok) {
    const said = (['weights', 'kvCache', 'compute'] as const)
      .filter((p) => c.report.parts[p] !== undefined)
      .map((p) => `${PART_LABEL[p]} ${formatBytes(c.report.parts[p]!)}`);
    return [`${who} reported ${said.join(', ') || 'no memory figures'}; no estimate beside it: ${c.reason}.`, ...capacityLines(c.report)];
  }
  const out = [`${who} figures beside our estimate for ${c.modelName} ${c.quant} at ${formatTokens(c.ctx)} tokens (${c.runtime}):`];
  for (const r of c.rows) {
    const said = r.runtimeBytes === undefined ? 'not printed' : formatBytes(r.runtimeBytes);
    out.push(
      `  ${PART_LABEL[r.part].padEnd(16)} ${who}: ${said.padEnd(11)} ours: ${formatBytes(r.oursBytes).padEnd(11)} difference: ${diffText(r)}`,
    );
  }
  out.push(...capacityLines(c.report).map((l) => `  ${l}`));
  out.push(...c.notes.map((n) => `  ${n}`));
  return out;
}

/** The comparison as a hover on a line of the runtime's figures. */
export function comparisonMarkdown(c: RuntimeComparison): string {
  const who = escapeMarkdown(runtimeLabel(c.report));
  if (!c.ok) return [`### What ${who} allocated`, comparisonText(c).map(escapeMarkdown).join('  \n')].join('\n\n');
  const table = [
    `| part | ${who} | our estimate | difference |`,
    '|---|---:|---:|---:|',
    ...c.rows.map(
      (r) =>
        `| ${PART_LABEL[r.part]} | ${r.runtimeBytes === undefined ? '—' : formatBytes(r.runtimeBytes)} | ${formatBytes(r.oursBytes)} | ${diffText(r)} |`,
    ),
  ].join('\n');
  return [
    `### ${who} beside our estimate`,
    `${escapeMarkdown(c.modelName)} · ${escapeMarkdown(c.quant)} · ${formatTokens(c.ctx)} tokens · estimated as ${escapeMarkdown(c.runtime)}`,
    table,
    [...capacityLines(c.report), ...c.notes].map(escapeMarkdown).join('  \n'),
  ]
    .filter((s) => s.length > 0)
    .join('\n\n');
}
