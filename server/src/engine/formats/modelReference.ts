import type { Model, Quantization } from '../catalog/schema';

type Resolve = (value: string) => { model: Model; quant: Quantization } | undefined;

/** Quantizations Ollama's library publishes as tags (`8b-instruct-q4_K_M`); i-quants and the rest are not. */
const OLLAMA_TAG_QUANT = /^(Q\d_K(_[SML])?|Q\d_[01])$/;
const SEPARATORS = '-_.:/ ';
/** No model reference is longer; a longer value is not rewritten (each candidate copies it). */
const MAX_REFERENCE_CHARS = 512;
/** A name carries one size (`70B`); a few candidates cover a repository and a file name in one reference. */
const MAX_SIZE_TOKENS = 4;

/**
 * A model reference rewritten to name another quantization or another model of the same kind (an
 * Ollama tag, a Hugging Face id, a GGUF file or repository), kept only when it resolves to exactly
 * what was asked for: a guess that names something else is never offered.
 */
export function rewriteReference(
  current: { value: string },
  target: { model: Model; quant?: Quantization },
  currentQuant: Quantization | undefined,
  resolve: Resolve,
): { value: string; resolved: { model: Model; quant: Quantization } } | undefined {
  if (current.value.length > MAX_REFERENCE_CHARS) return undefined;
  const sameModel = resolve(current.value)?.model.id === target.model.id;
  const candidates = sameModel
    ? withQuant(current.value, currentQuant, target.quant)
    : [...namedAs(current.value, target.model), ...withSize(current.value, target.model)];
  for (const value of candidates) {
    if (value === current.value) continue;
    const resolved = resolve(value);
    if (!resolved || resolved.model.id !== target.model.id) continue;
    if (sameModel && resolved.quant.id !== target.quant?.id) continue;
    return { value, resolved };
  }
  return undefined;
}

const isOllamaTag = (value: string) => !value.includes('/') && !/\.gguf$/i.test(value);

/** The reference with its quantization label replaced, in the label's own case (`q4_K_M` → `q3_K_M`, `Q8_0` → `Q5_K_M`). */
function withQuant(value: string, from: Quantization | undefined, to: Quantization | undefined): string[] {
  if (!from || !to) return [];
  if (isOllamaTag(value) && !OLLAMA_TAG_QUANT.test(to.id)) return [];
  const lower = value.toLowerCase();
  for (const label of [from.id, ...from.aliases]) {
    const at = boundedIndex(lower, label.toLowerCase());
    if (at < 0) continue;
    const written = value.slice(at, at + label.length);
    // Ollama writes `q4_K_M`, `q8_0`; files and repositories keep the label's own case.
    const styled = isOllamaTag(value)
      ? to.id[0].toLowerCase() + to.id.slice(1)
      : written === written.toLowerCase()
        ? to.id.toLowerCase()
        : written[0] === written[0].toLowerCase()
          ? to.id[0].toLowerCase() + to.id.slice(1)
          : to.id;
    return [value.slice(0, at) + styled + value.slice(at + label.length)];
  }
  return [];
}

/** The target's own names of the same kind: its Ollama tags for a tag, its Hugging Face ids for an id. */
function namedAs(value: string, model: Model): string[] {
  if (isOllamaTag(value)) return model.ollama;
  if (/\.gguf$/i.test(value) || value.includes(':') || value.startsWith('.') || value.startsWith('/')) return [];
  // Of the target's ids, first those of the same organisation and the same kind (instruct or base).
  const org = value.split('/')[0].toLowerCase();
  const instruct = /instruct|chat/i.test(value);
  const score = (id: string) => Number(id.toLowerCase().startsWith(`${org}/`)) * 2 + Number(/instruct|chat/i.test(id) === instruct);
  return [...model.huggingface].sort((a, b) => score(b) - score(a));
}

/** The reference with its size token (`70B`) replaced by the target's (`8B`): file and repository names. */
function withSize(value: string, model: Model): string[] {
  const size = sizeOf(model);
  if (!size) return [];
  const out: string[] = [];
  for (const token of sizeTokens(value).slice(0, MAX_SIZE_TOKENS)) {
    const written = value.slice(token.start, token.end);
    const styled = written.endsWith('b') ? size.toLowerCase() : size.toUpperCase();
    out.push(value.slice(0, token.start) + styled + value.slice(token.end));
  }
  return out;
}

/** "8B" from "Llama 3.1 8B" or an Ollama tag `llama3.1:8b`. */
function sizeOf(model: Model): string | undefined {
  for (const word of [...model.name.split(' ').reverse(), ...model.ollama.map((t) => t.split(':')[1]?.split('-')[0] ?? '')]) {
    if (sizeTokens(word).length === 1 && sizeTokens(word)[0].end === word.length && sizeTokens(word)[0].start === 0) return word;
  }
  return undefined;
}

/** Spans like `70B`, `1.5b`, bounded by separators or the ends: one pass. */
function sizeTokens(value: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = 0;
  while (i < value.length) {
    const atBoundary = i === 0 || SEPARATORS.includes(value[i - 1]);
    if (!atBoundary || !isDigit(value[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < value.length && isDigit(value[j])) j++;
    if (value[j] === '.' && isDigit(value[j + 1] ?? '')) {
      j++;
      while (j < value.length && isDigit(value[j])) j++;
    }
    if ((value[j] === 'b' || value[j] === 'B') && (j + 1 === value.length || SEPARATORS.includes(value[j + 1])))
      out.push({ start: i, end: j + 1 });
    i = j + 1;
  }
  return out;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Where `needle` stands in `haystack` between separators (or the ends); -1 when nowhere. */
function boundedIndex(haystack: string, needle: string): number {
  let from = 0;
  while (needle) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return -1;
    const before = at === 0 || SEPARATORS.includes(haystack[at - 1]);
    const end = at + needle.length;
    const after = end === haystack.length || SEPARATORS.includes(haystack[end]);
    if (before && after) return at;
    from = at + 1;
  }
  return -1;
}
