import { parameter, type Modelfile } from '../configs/modelfile';
import type { ModelRef, ModelResolver } from '../models/resolveModel';
import type { Finding, Range } from '../types';
import { excerpt } from '../text/excerpt';
import type { FitQuestion } from './fit';

export interface LocatedNumber {
  value: number;
  range: Range;
}

/** What a Modelfile asks the runtime for, read once and shared by the check and the hover. */
export interface ModelfileQuestion {
  ref: ModelRef;
  question: FitQuestion;
  numCtx?: LocatedNumber;
  numGpu?: LocatedNumber;
}

/** Reads FROM, num_ctx and num_gpu; bad values become findings, an unknown model undefined. */
export function modelfileQuestion(mf: Modelfile, models: ModelResolver, problems: Finding[] = []): ModelfileQuestion | undefined {
  const numCtx = integerParameter(mf, 'num_ctx', 1, problems);
  const numGpu = integerParameter(mf, 'num_gpu', -1, problems);
  const ref = mf.from?.model ? models.resolve(mf.from.model.value) : undefined;
  if (!ref) return undefined;
  return {
    ref,
    numCtx,
    numGpu,
    question: {
      model: ref.model,
      quant: ref.quant,
      ctx: numCtx?.value,
      runtime: 'ollama',
      // Ollama's num_gpu -1 means "as many as fit", the same as leaving it out.
      gpuLayers: numGpu !== undefined && numGpu.value >= 0 ? numGpu.value : undefined,
    },
  };
}

function integerParameter(mf: Modelfile, key: string, min: number, problems: Finding[]): LocatedNumber | undefined {
  const p = parameter(mf, key);
  if (!p) return undefined;
  const raw = p.value.value.trim();
  if (!/^-?\d+$/.test(raw) || Number(raw) < min) {
    problems.push({
      range: raw ? p.value.range : p.key.range,
      severity: 'error',
      code: 'invalid-parameter',
      message: `${key} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, found ${raw ? `"${excerpt(raw)}"` : 'nothing'}.`,
      fixes: [],
    });
    return undefined;
  }
  return { value: Number(raw), range: p.value.range };
}
