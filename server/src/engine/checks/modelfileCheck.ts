import type { Modelfile } from '../configs/modelfile';
import { checkParsed, type FormatCheckContext } from '../formats/check';
import { modelfileParsed } from '../formats/modelfile';
import type { Finding } from '../types';

export type CheckContext = FormatCheckContext;

/** Findings for an Ollama Modelfile, through the same format seam and check as every other config. */
export function checkModelfile(mf: Modelfile, ctx: CheckContext): Finding[] {
  return checkParsed(modelfileParsed(mf), ctx).findings;
}
