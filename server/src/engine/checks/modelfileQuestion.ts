import { readIntegerParameter } from '../formats/modelfile';
import type { Modelfile } from '../configs/modelfile';
import type { ModelRef, ModelResolver } from '../models/resolveModel';
import { exactWeightsOf } from '../sources/chain';
import { factsOf, lookupModel } from '../sources/resolver';
import type { Finding, Range } from '../types';
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

/**
 * Reads FROM, num_ctx and num_gpu; bad values become findings, an unknown model undefined. A FROM
 * that names an unreadable file gets an error finding saying why. `baseDir` is the Modelfile's folder.
 */
export function modelfileQuestion(
  mf: Modelfile,
  models: ModelResolver,
  problems: Finding[] = [],
  baseDir?: string,
): ModelfileQuestion | undefined {
  const numCtx = integerParameter(mf, 'num_ctx', 1, problems);
  const numGpu = integerParameter(mf, 'num_gpu', -1, problems);
  const from = mf.from?.model;
  const looked = from ? lookupModel(models, { reference: from.value, baseDir, runtime: 'ollama' }) : undefined;
  if (from && looked?.error)
    problems.push({
      range: from.range,
      severity: 'error',
      code: 'unreadable-model',
      message: `Cannot read the model: ${looked.error.message}.`,
      fixes: [],
    });
  const ref = looked?.ref;
  if (!ref) return undefined;
  const facts = factsOf(ref);
  return {
    ref,
    numCtx,
    numGpu,
    question: {
      model: ref.model,
      quant: ref.quant,
      // The model's own params layer (Ollama store) sets num_ctx when the Modelfile does not.
      ctx: numCtx?.value ?? facts?.defaults?.numCtx,
      runtime: 'ollama',
      exactWeights: exactWeightsOf(facts),
      // Ollama's num_gpu -1 means "as many as fit", the same as leaving it out.
      gpuLayers: numGpu !== undefined && numGpu.value >= 0 ? numGpu.value : undefined,
    },
  };
}

function integerParameter(mf: Modelfile, key: string, min: number, problems: Finding[]): LocatedNumber | undefined {
  const read = readIntegerParameter(mf, key, min);
  if (!read) return undefined;
  if ('problem' in read) {
    problems.push({ ...read.problem, severity: 'error', code: 'invalid-parameter', fixes: [] });
    return undefined;
  }
  return { value: read.value, range: read.range };
}
