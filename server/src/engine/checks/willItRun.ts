import type { Catalog, Model, Quantization } from '../catalog/schema';
import type { MemoryEstimate, Runtime, Verdict } from '../estimate/types';
import type { Hardware } from '../hardware/types';
import type { ModelRef, ModelResolver } from '../models/resolveModel';
import { breakdownTable, contextOrigin, memoryPicture, speedLine, verdictLabel, verdictText } from '../render/estimateText';
import { formatBytes, formatParams, formatTokens } from '../render/format';
import { devicesLine } from '../render/hardwareText';
import { escapeMarkdown } from '../render/markdown';
import { answerFit } from './fit';
import { largestContextThatFits } from '../estimate/quickFixes';
import { exactWeightsOf } from '../sources/chain';
import { describeProvenance } from '../sources/describe';
import { factsOf } from '../sources/resolver';
import type { Provenance } from '../sources/types';

export interface WillItRunQuestion {
  /** Catalog id, Ollama tag, Hugging Face id or GGUF file name. */
  model: string;
  quant?: string;
  ctx?: number;
  runtime?: Runtime;
  /** GPU layers the config asks for (num_gpu, -ngl). */
  gpuLayers?: number;
}

export interface WillItRunReport {
  model: string;
  modelId: string;
  quant: string;
  ctx: number;
  hardwareSummary: string;
  estimate: MemoryEstimate;
  markdown: string;
  alternatives: { label: string; quant: string; ctx: number; verdict: Verdict; totalBytes: number }[];
  /** Where the model's facts came from, when not the catalog. */
  source?: Provenance;
}

export type WillItRunOutcome = { ok: true; report: WillItRunReport } | { ok: false; error: string };

// The GGUF quantizations people actually pick between, largest first.
const LADDER = ['F16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M', 'Q2_K'];

export function findModel(
  reference: string,
  catalog: Catalog,
  resolver: ModelResolver,
): { model: Model; quant?: Quantization } | undefined {
  const byId = catalog.models.find((m) => m.id === reference || m.name.toLowerCase() === reference.toLowerCase());
  if (byId) return { model: byId };
  return resolver.resolve(reference);
}

/** Answers "will it run?" for a model, a quantization and a context, with the alternatives that fit. */
export function willItRun(q: WillItRunQuestion, catalog: Catalog, resolver: ModelResolver, hardware: Hardware): WillItRunOutcome {
  const found = findModel(q.model, catalog, resolver);
  if (!found)
    return { ok: false, error: `Unknown model "${q.model}". Try an Ollama tag (llama3.1:8b), a Hugging Face id or a catalog name.` };
  let quant = found.quant;
  if (q.quant) {
    quant = resolver.quantization(q.quant);
    if (!quant)
      return { ok: false, error: `Unknown quantization "${q.quant}". Known: ${catalog.quantizations.map((x) => x.id).join(', ')}.` };
  }
  if (q.ctx !== undefined && (!Number.isInteger(q.ctx) || q.ctx < 0))
    return { ok: false, error: `Context must be a whole number of tokens, got ${q.ctx}.` };
  const runtime = q.runtime ?? 'ollama';
  const facts = factsOf(found as ModelRef);
  const question = { model: found.model, quant, ctx: q.ctx, runtime, gpuLayers: q.gpuLayers, exactWeights: exactWeightsOf(facts) };
  const answer = answerFit(question, catalog, hardware);
  const e = answer.estimate;

  const alternatives: WillItRunReport['alternatives'] = [];
  for (const id of LADDER) {
    const alt = catalog.quantizations.find((x) => x.id === id);
    if (!alt || alt.id === answer.quant.id) continue;
    const r = answerFit({ ...question, quant: alt, ctx: answer.ctx }, catalog, hardware).estimate;
    alternatives.push({
      label: `${alt.id} at ${formatTokens(answer.ctx)} tokens`,
      quant: alt.id,
      ctx: answer.ctx,
      verdict: r.verdict,
      totalBytes: r.totalBytes,
    });
  }
  const bestCtx = hardware.devices.length ? largestContextThatFits(answer.input, 1024) : 0;
  if (bestCtx > 0 && bestCtx !== answer.ctx) {
    const r = answerFit({ ...question, quant: answer.quant, ctx: bestCtx }, catalog, hardware).estimate;
    alternatives.push({
      label: `${answer.quant.id} at ${formatTokens(bestCtx)} tokens (largest context that fits)`,
      quant: answer.quant.id,
      ctx: bestCtx,
      verdict: r.verdict,
      totalBytes: r.totalBytes,
    });
  }

  const hardwareSummary = devicesLine(hardware);
  const md = [
    `# Will it run? ${found.model.name} ${answer.quant.id}, ${formatTokens(answer.ctx)} tokens`,
    `**${verdictText(e)}** on ${escapeMarkdown(hardwareSummary)} (${runtime}; ${contextOrigin(answer.ctxSource)}).`,
    e.verdict === 'partial-offload' ? `About ${e.gpuLayers} of ${e.totalLayers} layers on the GPU; the rest run on the CPU.` : '',
    facts && facts.provenance.source !== 'catalog' ? `Facts from ${escapeMarkdown(describeProvenance(facts.provenance))}.` : '',
    memoryPicture(e),
    breakdownTable(e),
    speedLine(e) ?? '',
    '## Alternatives',
    alternatives.length
      ? alternatives.map((a) => `- ${a.label}: ${verdictLabel[a.verdict]} (${formatBytes(a.totalBytes)})`).join('\n')
      : '- none computed (no GPU in use)',
  ].filter(Boolean);
  return {
    ok: true,
    report: {
      model: found.model.name,
      modelId: found.model.id,
      quant: answer.quant.id,
      ctx: answer.ctx,
      hardwareSummary,
      estimate: e,
      markdown: md.join('\n\n') + '\n',
      alternatives,
      ...(facts ? { source: facts.provenance } : {}),
    },
  };
}

/** What the Will-it-run pickers offer: catalog models and the GGUF quantizations, largest first. */
export interface WillItRunChoices {
  models: { id: string; name: string; detail: string }[];
  quantizations: { id: string; bitsPerWeight: number; description: string }[];
}

export function willItRunChoices(catalog: Catalog): WillItRunChoices {
  const bits = (q: Quantization) => q.fileBitsPerWeight ?? (q.blockBytes * 8) / q.blockWeights;
  return {
    models: catalog.models.map((m) => ({
      id: m.id,
      name: m.name,
      detail: [formatParams(m.params), m.ollama[0] ?? m.huggingface[0]].filter(Boolean).join(' · '),
    })),
    quantizations: catalog.quantizations
      .filter((q) => q.format === 'gguf')
      .map((q) => ({ id: q.id, bitsPerWeight: bits(q), description: q.description }))
      .sort((a, b) => b.bitsPerWeight - a.bitsPerWeight),
  };
}
