import type { Model } from '../catalog/schema';
import type { FitAnswer } from '../checks/fit';
import type { Hardware } from '../hardware/types';
import { breakdownTable, contextOrigin, memoryPicture, speedLine, verdictText } from './estimateText';
import { formatParams, formatTokens } from './format';
import { devicesLine } from './hardwareText';
import { escapeMarkdown } from './markdown';

/** Hover for a model reference: what it is, and whether it fits the hardware in use. */
export function renderModelHover(model: Model, answer: FitAnswer | undefined, hw: Hardware): string {
  const a = model.architecture;
  const size = model.activeParams
    ? `${formatParams(model.params)} parameters (${formatParams(model.activeParams)} active, MoE ${a.experts?.active}/${a.experts?.total} experts)`
    : `${formatParams(model.params)} parameters`;
  const out = [
    `### ${model.name}`,
    `${size} · ${a.layers} layers · ${a.kvHeads} KV heads × ${a.headDim} · trained context ${formatTokens(a.contextLength)} tokens`,
  ];
  if (answer) {
    out.push(
      `**${verdictText(answer.estimate)}** on ${escapeMarkdown(devicesLine(hw))} at ${answer.quant.id}, ${formatTokens(answer.ctx)} tokens (${contextOrigin(answer.origins.ctx, answer.ctxNote)})`,
    );
    out.push(memoryPicture(answer.estimate));
    out.push(breakdownTable(answer.estimate));
    const speed = speedLine(answer.estimate);
    if (speed) out.push(speed);
  } else {
    out.push(`Hardware: ${escapeMarkdown(devicesLine(hw))}.`);
  }
  out.push(`Sources: ${model.sources.map((s) => `[${s.title}](${s.url})`).join(' · ')}`);
  return out.join('\n\n');
}
