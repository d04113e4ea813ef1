import type { Quantization } from '../catalog/schema';
import { answerFit, type FitAnswer, type FitQuestion } from '../checks/fit';
import { largestContextThatFits } from '../estimate/quickFixes';
import type { MemoryEstimate } from '../estimate/types';
import { hardwareFromSettings } from '../hardware';
import { formatParams, formatTokens } from '../render/format';
import type { AnswerDeps } from './answerWillItRun';
import type { Alternative } from './types';

/** The GGUF quantizations people pick between, largest first. */
export const QUANT_LADDER = ['F16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M', 'Q2_K'];
/** Contexts are offered in whole thousands of tokens; below 2,048 a chat model is of little use. */
const CONTEXT_STEP = 1024;
const MIN_USEFUL_CONTEXT = 2048;

const runs = (e: MemoryEstimate) => e.verdict === 'fits' || e.verdict === 'tight';

function alternative(change: Alternative['change'], label: string, e: MemoryEstimate): Alternative {
  return { change, label, verdict: e.verdict, totalBytes: e.totalBytes, tokensPerSecond: e.tokensPerSecond };
}

/**
 * The nearest changes that make a question fit, ordered by how little each gives up: a quantized
 * KV cache (almost free), the next smaller quantization, a shorter context, the same family's
 * next smaller model, and last another GPU. Only changes that fit are listed; none when it fits.
 */
export function alternativesFor(q: FitQuestion, fit: FitAnswer, deps: AnswerDeps): Alternative[] {
  if (fit.estimate.verdict === 'fits' || deps.hardware.source === 'pending') return [];
  const { catalog, hardware } = deps;
  const out: Alternative[] = [];
  const ask = (change: Partial<FitQuestion>) => answerFit({ ...q, ctx: fit.ctx, ...change }, catalog, hardware).estimate;

  if (hardware.devices.length > 0) {
    // A quantized KV cache: q8_0 halves it in llama.cpp and Ollama (with flash attention), fp8 in vLLM.
    const kvType = q.runtime === 'vllm' ? 'fp8' : 'q8_0';
    if (fit.input.kvType !== kvType) {
      const e = ask({ kvType, flashAttention: q.runtime === 'vllm' ? undefined : true });
      if (runs(e)) out.push(alternative({ kvType, flashAttention: q.runtime === 'vllm' ? undefined : true }, `a ${kvType} KV cache`, e));
    }
    // The largest smaller quantization that fits, at the same context.
    const smaller = smallerQuants(fit.quant, catalog.quantizations);
    for (const quant of smaller) {
      const e = ask({ quant });
      if (runs(e)) {
        out.push(alternative({ quant: quant.id }, `${quant.id} instead of ${fit.quant.id}`, e));
        break;
      }
    }
    // The largest context that fits, in whole thousands.
    const ctx = largestContextThatFits(fit.input, CONTEXT_STEP);
    if (ctx >= MIN_USEFUL_CONTEXT && ctx < fit.ctx)
      out.push(alternative({ ctx }, `a context of ${formatTokens(ctx)} tokens`, ask({ ctx })));
  }
  // The same family's largest smaller model that fits as asked.
  const family = catalog.models
    .filter((m) => m.family === q.model.family && m.params < q.model.params && m.id !== q.model.id)
    .sort((a, b) => b.params - a.params);
  for (const model of family) {
    const e = answerFit({ ...q, model, quant: undefined }, catalog, hardware).estimate;
    if (runs(e)) {
      out.push(alternative({ model: model.id }, `${model.name} (${formatParams(model.params)}) instead`, e));
      break;
    }
  }
  // The smallest catalog GPU that runs it as asked (discrete cards: a Mac's memory depends on the model bought).
  const gpus = catalog.gpus.filter((g) => g.vendor !== 'apple' && !g.laptop).sort((a, b) => a.memoryGiB - b.memoryGiB);
  for (const gpu of gpus) {
    const hw = hardwareFromSettings({ gpu: gpu.id, gpuCount: 1, vramGB: null }, catalog, hardware);
    if (!hw || hw.devices[0]?.catalogId !== gpu.id) continue;
    const e = answerFit({ ...q, ctx: fit.ctx, quant: fit.quant }, catalog, hw).estimate;
    if (runs(e)) {
      out.push(alternative({ gpu: gpu.name }, `one ${gpu.name} (${gpu.memoryGiB} GB)`, e));
      break;
    }
  }
  return out;
}

/** GGUF quantizations on the ladder below the current one, largest first. */
function smallerQuants(current: Quantization, all: readonly Quantization[]): Quantization[] {
  const bits = (q: Quantization) => q.fileBitsPerWeight ?? (q.blockBytes * 8) / q.blockWeights;
  return QUANT_LADDER.map((id) => all.find((q) => q.id === id))
    .filter((q): q is Quantization => !!q && bits(q) < bits(current))
    .sort((a, b) => bits(b) - bits(a));
}
