import type { Catalog } from '../catalog/schema';
import type { Hardware } from '../hardware/types';
import { answerFit, type FitQuestion } from './fit';

const COMFORTABLE = new Set(['fits', 'tight']);

/** Largest context (a multiple of 1024, at least 2048) that still fits entirely on the GPU. */
export function largestFittingContext(q: FitQuestion, catalog: Pick<Catalog, 'quantizations'>, hw: Hardware): number | undefined {
  const max = q.model.architecture.contextLength;
  const fits = (ctx: number) => COMFORTABLE.has(answerFit({ ...q, ctx }, catalog, hw).estimate.verdict);
  if (!fits(2048)) return undefined;
  let lo = 2, hi = Math.floor(max / 1024); // in units of 1024 tokens
  if (fits(hi * 1024)) return hi * 1024;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid * 1024)) lo = mid;
    else hi = mid;
  }
  return lo * 1024;
}
