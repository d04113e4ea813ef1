import type { Model } from '../catalog/schema';
import type { FitAnswer } from '../checks/fit';
import type { Hardware } from '../hardware/types';
import { breakdownTable, contextOrigin, memoryPicture, speedLine, verdictText } from './estimateText';
import { formatParams, formatTokens } from './format';
import { devicesLine } from './hardwareText';
import { escapeMarkdown } from './markdown';
import { provenanceLabel } from '../sources/describe';
import type { ModelFacts } from '../sources/types';

/** Hover for a model reference: what it is, and whether it fits the hardware in use. */
export function renderModelHover(model: Model, answer: FitAnswer | undefined, hw: Hardware, facts?: ModelFacts): string {
  const a = model.architecture;
  const size = model.activeParams
    ? `${formatParams(model.params)} parameters (${formatParams(model.activeParams)} active, MoE ${a.experts?.active}/${a.experts?.total} experts)`
    : `${formatParams(model.params)} parameters`;
  // A name read from a file (a GGUF's general.name) is text from outside: escaped like document text.
  const fromFile = facts !== undefined && facts.provenance.source !== 'catalog';
  const out = [
    `### ${fromFile ? escapeMarkdown(model.name) : model.name}`,
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
  if (facts && facts.provenance.source !== 'catalog') {
    out.push(`Facts from: ${provenanceLabel(facts.provenance)}`);
    for (const w of facts.warnings) out.push(`- ${escapeMarkdown(w)}`);
  }
  if (facts?.provenance.approximate && answer && answer.estimate.verdict !== 'fits') {
    const e = answer.estimate;
    const err = facts.provenance.approximate.errorFraction;
    if (e.usableBytes > 0 && e.totalBytes * (1 - err) <= e.usableBytes && e.usableBytes <= e.totalBytes * (1 + err))
      out.push(`**Can't tell from the name**: the estimate is within ±${Math.round(err * 100)}% of the usable memory.`);
  }
  if (facts && facts.provenance.source !== 'catalog' && facts.provenance.source !== 'name') return out.join('\n\n');
  out.push(`Sources: ${model.sources.map((s) => `[${s.title}](${s.url})`).join(' · ')}`);
  return out.join('\n\n');
}

/** Hover for a reference that names a file RunLocalAI cannot read, with the reason. */
export function renderSourceProblem(reference: string, message: string): string {
  return [`### ${escapeMarkdown(reference)}`, `Cannot read this model: ${escapeMarkdown(message)}.`].join('\n\n');
}
