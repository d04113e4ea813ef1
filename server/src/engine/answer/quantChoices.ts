import type { Quantization } from '../catalog/schema';
import { parseGgufRecipe } from '../estimate/ggufRecipe';
import { answerWillItRun, type AnswerDeps } from './answerWillItRun';
import type { QuantChoices } from '../../protocol/wire';
import type { WillItRunOutcome, WillItRunQuestion } from './types';

const bits = (q: Quantization) => q.fileBitsPerWeight ?? (q.blockBytes * 8) / q.blockWeights;

/**
 * The quantizations a picker offers for one model, largest first, each answered on this hardware
 * at the given (or default) context, with the runtime's own default named so it can be preselected.
 */
export function quantChoices(
  q: Pick<WillItRunQuestion, 'model' | 'ctx' | 'runtime'>,
  deps: AnswerDeps,
): { ok: true; result: QuantChoices } | Extract<WillItRunOutcome, { ok: false }> {
  const base = answerWillItRun({ model: q.model, ctx: q.ctx, runtime: q.runtime }, deps, { alternatives: false });
  if (!base.ok) return base;
  const a = base.answer;
  const ggufRuntime = a.runtime !== 'vllm';
  const candidates = deps.catalog.quantizations
    .filter((x) => (ggufRuntime ? x.format === 'gguf' : x.format !== 'gguf' || x.id === 'F16' || x.id === 'BF16'))
    // unsloth's UD- labels are sized as a standard recipe the list already holds: no new choice.
    .filter((x) => x.format !== 'gguf' || !parseGgufRecipe(x.id)?.assumedFor);
  const quantizations = candidates
    .map((quant) => {
      const r = answerWillItRun({ model: q.model, ctx: a.settings.ctx.value, runtime: a.runtime, quant: quant.id }, deps, {
        alternatives: false,
      });
      const e = r.ok ? r.answer.estimate : undefined;
      // Bits per weight of this model's file: a recipe's mix of types, and bartowski's Q8_0
      // embeddings, weigh differently on each model; the label's nominal figure does not.
      const effective = e && a.model.params > 0 ? (e.weightsBytes * 8) / a.model.params : bits(quant);
      return { id: quant.id, bitsPerWeight: effective, totalBytes: e?.totalBytes ?? 0, verdict: e?.verdict ?? 'wont-fit' };
    })
    .sort((x, y) => y.bitsPerWeight - x.bitsPerWeight);
  return {
    ok: true,
    result: {
      model: a.model.id,
      modelName: a.model.name,
      defaultQuant: a.quant.id,
      trainedContext: a.model.architecture.contextLength,
      defaultContext: a.settings.ctx.value,
      defaultContextNote: a.settings.ctx.note,
      quantizations,
    },
  };
}
