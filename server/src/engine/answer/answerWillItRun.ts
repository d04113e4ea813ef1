import type { Catalog, Model } from '../catalog/schema';
import { answerFit, type FitAnswer, type FitQuestion } from '../checks/fit';
import type { Hardware } from '../hardware/types';
import type { ModelResolver } from '../models/resolveModel';
import { factsOf } from '../sources/resolver';
import { resolvedFromFacts } from '../sources/resolved';
import { nearNames } from '../text/nearNames';
import { alternativesFor } from './alternatives';
import type { ResolvedModel, WillItRunAnswer, WillItRunOutcome, WillItRunQuestion } from './types';

export interface AnswerDeps {
  catalog: Catalog;
  models: ModelResolver;
  hardware: Hardware;
}

/** The longest context anyone can ask for: above every trained context, far below what overflows an allocation. */
export const MAX_CONTEXT = 16 * 1024 * 1024;

/** A reference to a model as the catalog and the resolver know it, with where it came from. */
export function resolveReference(reference: string, deps: Pick<AnswerDeps, 'catalog' | 'models'>): ResolvedModel | undefined {
  const lower = reference.trim().toLowerCase();
  const byId = deps.catalog.models.find((m) => m.id === lower || m.name.toLowerCase() === lower);
  if (byId) return { model: byId, source: { kind: 'catalog', id: byId.id } };
  const ref = deps.models.resolve(reference);
  if (!ref) return undefined;
  // A resolver built on the model sources says where the facts came from.
  const facts = factsOf(ref);
  if (facts) return resolvedFromFacts(facts, 'ollama', deps.catalog);
  return { model: ref.model, quant: ref.quant, source: { kind: 'catalog', id: ref.model.id } };
}

/** Catalog names close to an unknown reference, for "did you mean". */
export function nearModelNames(reference: string, models: readonly Model[], limit = 3): string[] {
  return nearNames(
    reference,
    models.flatMap((m) => [...m.ollama, m.id, ...m.huggingface]),
    limit,
  );
}

/**
 * The one answer to "will it run?": the CLI, the language server's request, hovers and reports
 * all come here and only render what it returns.
 */
export function answerWillItRun(q: WillItRunQuestion, deps: AnswerDeps, options: { alternatives?: boolean } = {}): WillItRunOutcome {
  const { catalog, hardware } = deps;
  const resolved = typeof q.model === 'string' ? resolveReference(q.model, deps) : q.model;
  if (!resolved) {
    const suggestions = nearModelNames(q.model as string, catalog.models);
    return {
      ok: false,
      error: `Unknown model "${q.model as string}". Try an Ollama tag (llama3.1:8b), a Hugging Face id or a catalog name.`,
      suggestions,
    };
  }
  let quant = resolved.quant;
  if (q.quant) {
    quant = deps.models.quantization(q.quant);
    if (!quant)
      return { ok: false, error: `Unknown quantization "${q.quant}". Known: ${catalog.quantizations.map((x) => x.id).join(', ')}.` };
  }
  if (q.ctx !== undefined && (!Number.isInteger(q.ctx) || q.ctx < 0 || q.ctx > MAX_CONTEXT))
    return { ok: false, error: `Context must be a whole number of tokens from 0 to ${MAX_CONTEXT}, got ${q.ctx}.` };
  const runtime = q.runtime ?? 'ollama';
  const notes: string[] = [...(resolved.warnings ?? [])];
  // vLLM runs on one GPU unless told otherwise; with several present, assume they are meant to shard.
  let tensorParallel = q.tensorParallel;
  if (runtime === 'vllm' && tensorParallel === undefined) {
    tensorParallel = Math.max(1, hardware.devices.length);
    if (hardware.devices.length > 1) notes.push(`assumed tensor_parallel_size ${hardware.devices.length} (all GPUs); set it to change`);
  }
  const fitQuestion: FitQuestion = {
    model: resolved.model,
    quant,
    ctx: q.ctx ?? (runtime === 'ollama' ? resolved.defaults?.numCtx : undefined),
    runtime,
    gpuLayers: q.gpuLayers,
    exactWeights: resolved.exactWeights,
    kvType: q.kvType,
    parallel: q.parallel,
    flashAttention: q.flashAttention,
    tensorParallel: runtime === 'vllm' ? tensorParallel : undefined,
    env: q.env,
  };
  const fit = answerFit(fitQuestion, catalog, hardware);
  notes.push(...fit.notes);
  const estimate = { ...fit.estimate, warnings: [...notes, ...(fit.estimate.warnings ?? [])] };
  const answer: WillItRunAnswer = {
    model: resolved.model,
    source: resolved.source,
    quant: fit.quant,
    runtime,
    settings: settingsOf(fit, q, runtime, tensorParallel),
    hardware,
    estimate,
    // Alternatives search quantizations, contexts, models and GPUs: skipped where a caller only needs the verdict.
    alternatives: options.alternatives === false ? [] : alternativesFor(fitQuestion, fit, deps),
    notes,
  };
  return { ok: true, answer };
}

function settingsOf(
  fit: FitAnswer,
  q: WillItRunQuestion,
  runtime: string,
  tensorParallel: number | undefined,
): WillItRunAnswer['settings'] {
  const o = fit.origins;
  const i = fit.input;
  const settings: WillItRunAnswer['settings'] = {
    ctx: { value: fit.ctx, origin: o.ctx, note: fit.ctxNote },
    parallel: { value: i.parallel ?? 1, origin: o.parallel },
    kvType: { value: i.kvType ?? 'f16', origin: o.kvType },
    flashAttention: { value: i.flashAttention ?? false, origin: o.flashAttention },
  };
  if (q.gpuLayers !== undefined) settings.gpuLayers = { value: q.gpuLayers, origin: 'given' };
  if (runtime === 'vllm') {
    settings.tensorParallel = { value: tensorParallel ?? 1, origin: q.tensorParallel === undefined ? 'runtime-default' : 'given' };
    settings.gpuMemoryUtilization = { value: i.gpuMemoryUtilization ?? 0.9, origin: o.gpuMemoryUtilization };
  }
  return settings;
}
