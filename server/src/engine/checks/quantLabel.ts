import type { Quantization } from '../catalog/schema';
import { parseGgufRecipe } from '../estimate/ggufRecipe';
import type { ModelResolver } from '../models/resolveModel';

const MAX_LABEL = 16;
const SEPARATORS = new Set(['-', '.', ':', '/', '\\', ' ', '\t']);

function looksLikeQuantLabel(token: string): boolean {
  if (token.length < 2 || token.length > MAX_LABEL) return false;
  const t = token.toLowerCase();
  const rest = t.startsWith('iq') || t.startsWith('tq') ? t.slice(2) : t.startsWith('q') ? t.slice(1) : undefined;
  if (rest === undefined || rest.length === 0 || rest[0] < '0' || rest[0] > '9') return false;
  return [...rest].every((c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c === '_');
}

/**
 * A quantization label in a tag or file name ("llama3.1:8b-instruct-q9_k_m") that the catalog does
 * not know, if there is one: one pass over the reference, split at the separators tags use.
 */
export function unknownQuantLabel(reference: string, models: ModelResolver): string | undefined {
  let token = '';
  for (let i = 0; i <= reference.length; i++) {
    const c = reference[i];
    if (c === undefined || SEPARATORS.has(c)) {
      if (looksLikeQuantLabel(token) && !models.quantization(token)) return token;
      token = '';
    } else if (token.length <= MAX_LABEL) token += c;
  }
  return undefined;
}

/**
 * For a label whose per-tensor recipe is not published (unsloth's `UD-` quants): the sentence that
 * says which standard recipe the estimate assumes instead; undefined for every other quantization.
 */
export function assumedRecipeNote(quant: Quantization): string | undefined {
  if (quant.format !== 'gguf') return undefined;
  const recipe = parseGgufRecipe(quant.id);
  if (!recipe?.assumedFor) return undefined;
  return `${quant.id} is a dynamic quantization whose per-tensor types its publisher does not list, so RunLocalAI sizes it as the standard ${recipe.ftype} recipe; the real file can differ by several percent either way.`;
}
