import type { WillItRunAnswer } from '../answer/types';
import { breakdownTable, contextOrigin, memoryPicture, offloadLine, speedLine, verdictLabel, verdictText } from './estimateText';
import { formatBytes, formatTokens } from './format';
import { devicesLine } from './hardwareText';
import { escapeMarkdown } from './markdown';

const ORIGIN_TEXT = {
  given: 'as given',
  'runtime-default': 'runtime default',
  'model-default': 'model default',
  environment: 'environment',
};

/** The Will-it-run report: verdict, picture, parts with formulas, speed, settings with origins, alternatives. */
export function renderWillItRunMarkdown(a: WillItRunAnswer): string {
  const e = a.estimate;
  const ctx = a.settings.ctx;
  const settingRows = Object.entries(a.settings)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `| ${k} | ${escapeMarkdown(String(v!.value))} | ${ORIGIN_TEXT[v!.origin]}${v!.note ? `: ${escapeMarkdown(v!.note)}` : ''} |`,
    );
  const source = [a.source.kind, a.source.id, a.source.path].filter(Boolean).map((s) => escapeMarkdown(String(s)));
  const md = [
    `# Will it run? ${escapeMarkdown(a.model.name)} ${a.quant.id}, ${formatTokens(ctx.value)} tokens`,
    `**${verdictText(e)}** on ${escapeMarkdown(devicesLine(a.hardware))} (${a.runtime}; ${contextOrigin(ctx.origin, ctx.note)}).`,
    offloadLine(e) ? `${offloadLine(e)}.` : '',
    memoryPicture(e),
    breakdownTable(e),
    speedLine(e) ?? '',
    '## Settings used',
    ['| setting | value | from |', '|---|---|---|', ...settingRows].join('\n'),
    `Model facts: ${source.join(' · ')}`,
    (e.warnings ?? []).length ? (e.warnings ?? []).map((w) => `- ${escapeMarkdown(w)}`).join('\n') : '',
    '## What would fit',
    a.alternatives.length
      ? a.alternatives
          .map(
            (x) =>
              `- ${escapeMarkdown(x.label)}: ${verdictLabel[x.verdict]} (${formatBytes(x.totalBytes)}${x.tokensPerSecond ? `, ≈ ${x.tokensPerSecond.toFixed(0)} tokens/s` : ''})`,
          )
          .join('\n')
      : e.verdict === 'fits'
        ? '- It fits as asked.'
        : '- Nothing nearby fits on this hardware.',
  ].filter(Boolean);
  return md.join('\n\n') + '\n';
}
