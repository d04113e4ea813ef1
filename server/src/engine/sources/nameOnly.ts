import type { Architecture, Model } from '../catalog/schema';
import { countActiveParameters, countParameters } from '../estimate/tensors';
import type { ModelFacts } from './types';
import { excerpt } from '../text/excerpt';
import { slugOf } from '../text/slug';

/**
 * What a model's name alone says: its size (`13b`, `1.5B`, `8x7b`, `30b-a3b`, `e4b`, `135m`) and
 * its family (a fine-tune's name usually carries its base: `Hermes-3-Llama-3.1-8B` is a Llama).
 * The architecture is then the family's proportions scaled to that size, so the estimate is
 * approximate and says so with an error range.
 */

export interface NameSize {
  /** Total parameters. */
  params: number;
  /** Parameters per token, for MoE names. */
  activeParams?: number;
  /** `8x7b`: experts and the size of one. */
  experts?: { count: number; each: number };
  /** The name gives an "effective" size (Gemma 3n `e4b`), not the stored one. */
  effective?: boolean;
}

export interface NameReading {
  family?: string;
  size?: NameSize;
}

// Words that name a family, most specific first. A fine-tune or distill keeps its base's
// architecture, so "distill-qwen" and "-llama-" win over the fine-tuner's own brand.
const FAMILIES: { family: string; pattern: RegExp }[] = [
  { family: 'qwen2.5', pattern: /distill-?qwen/ },
  { family: 'llama', pattern: /distill-?llama/ },
  { family: 'gpt-oss', pattern: /gpt-?oss/ },
  { family: 'mixtral', pattern: /mixtral/ },
  { family: 'mistral-nemo', pattern: /mistral-?nemo|(^|[^a-z])nemo([^a-z]|$)/ },
  { family: 'mistral-small', pattern: /mistral-?small/ },
  { family: 'mistral', pattern: /mistral|zephyr/ },
  { family: 'deepseek-v3', pattern: /deepseek-?v3/ },
  { family: 'qwen3', pattern: /qwen-?3/ },
  { family: 'qwen2.5', pattern: /qwen-?2\.5|qwq|codeqwen/ },
  { family: 'qwen2', pattern: /qwen-?2|qwen/ },
  { family: 'gemma3n', pattern: /gemma-?3n/ },
  { family: 'gemma3', pattern: /gemma-?3/ },
  { family: 'gemma2', pattern: /gemma-?2/ },
  { family: 'gemma', pattern: /gemma/ },
  { family: 'phi3', pattern: /(^|[^a-z])phi-?3/ },
  { family: 'phi4', pattern: /(^|[^a-z])phi-?4/ },
  { family: 'phi', pattern: /(^|[^a-z])phi-?\d/ },
  { family: 'llama', pattern: /llama|vicuna|hermes|dolphin|tulu/ },
  { family: 'deepseek-r1', pattern: /deepseek-?r1/ },
  { family: 'deepseek', pattern: /deepseek/ },
  { family: 'granite', pattern: /granite/ },
  { family: 'command-r', pattern: /command-?r/ },
  { family: 'yi', pattern: /(^|[^a-z])yi([^a-z]|$)/ },
  { family: 'falcon', pattern: /falcon/ },
  { family: 'starcoder', pattern: /starcoder/ },
  { family: 'olmo', pattern: /olmo/ },
  { family: 'smollm2', pattern: /smollm-?2/ },
  { family: 'smollm', pattern: /smollm/ },
  { family: 'glm', pattern: /(^|[^a-z])glm/ },
  { family: 'internlm', pattern: /internlm/ },
  { family: 'minicpm', pattern: /minicpm/ },
  { family: 'exaone', pattern: /exaone/ },
];

/** The family a name's words point to, or undefined. */
export function familyOf(name: string): string | undefined {
  const s = name.toLowerCase();
  const family = FAMILIES.find((f) => f.pattern.test(s))?.family;
  // The full R1 is a DeepSeek V3 model; its smaller sizes are distills named after their base.
  if (family === 'deepseek-r1' && /671b/.test(s)) return 'deepseek-v3';
  return family;
}

const units: Record<string, number> = { b: 1e9, m: 1e6, t: 1e12 };
// Gemma 3n's E2B and E4B hold 5B and 8B raw parameters (their model cards on Hugging Face,
// "Parameter count" section); other effective sizes are taken as twice the name.
const EFFECTIVE_RAW: Record<string, number> = { '2': 5e9, '4': 8e9 };

/**
 * Size tokens, read by a scanner rather than one large pattern: a number with a unit (b, m, t)
 * standing alone between separators, with an optional `NxM` expert prefix, `e` prefix or `-aNb` suffix.
 */
export function sizeOf(name: string): NameSize | undefined {
  const s = name.toLowerCase();
  const isAlnum = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
  const numberAt = (at: number) => /^\d+(\.\d+)?/.exec(s.slice(at, at + 12))?.[0];
  for (let i = 0; i < s.length; i++) {
    if (isAlnum(s[i - 1])) continue; // a size starts a word
    let j = i;
    const effective = s[j] === 'e';
    if (effective) j++;
    const first = numberAt(j);
    if (!first) continue;
    j += first.length;
    let count: number | undefined;
    let value = Number(first);
    if (s[j] === 'x' && !effective) {
      const each = numberAt(j + 1);
      if (!each) continue;
      count = value;
      value = Number(each);
      j += 1 + each.length;
    }
    const unit = units[s[j]];
    if (!unit || isAlnum(s[j + 1])) continue;
    const n = value * unit;
    if (effective) return { params: EFFECTIVE_RAW[first] ?? 2 * n, effective: true };
    if (count !== undefined) {
      // Attention and embeddings are shared: about four fifths of a dense model is the FFN copied per expert.
      return { params: n * (1 + (count - 1) * 0.8), activeParams: n * 1.8, experts: { count, each: n } };
    }
    if (s[j + 1] === '-' && s[j + 2] === 'a') {
      const active = numberAt(j + 3);
      const activeUnit = active ? units[s[j + 3 + active.length]] : undefined;
      if (active && activeUnit && !isAlnum(s[j + 4 + active.length])) return { params: n, activeParams: Number(active) * activeUnit };
    }
    return { params: n };
  }
  return undefined;
}

export function readName(name: string): NameReading {
  return { family: familyOf(name), size: sizeOf(name) };
}

/**
 * Relative error of a name-only estimate: larger when the proportions are borrowed from another
 * family, the further the size is scaled from the template (|ln(size ratio)|), and for vision models,
 * whose names count a vision tower of varying share.
 */
export const NAME_ERROR = { sameFamily: 0.2, otherFamily: 0.35, perLogScale: 0.1, vision: 0.4, small: 0.2, max: 0.7 } as const;

/** Below this size the embedding tables are a large share, and vocabularies run from 32k to 256k tokens. */
const SMALL_MODEL_PARAMS = 3e9;

function nameError(sameFamily: boolean, logDistance: number, name: string, params: number): number {
  const vision = /vision|(^|[^a-z])vl([^a-z]|$)|llava/i.test(name) ? NAME_ERROR.vision : 0;
  const small = params < SMALL_MODEL_PARAMS ? NAME_ERROR.small : 0;
  const e = (sameFamily ? NAME_ERROR.sameFamily : NAME_ERROR.otherFamily) + NAME_ERROR.perLogScale * logDistance + vision + small;
  return Math.min(NAME_ERROR.max, Math.round(e * 100) / 100);
}

const round = (n: number, to: number) => Math.max(to, Math.round(n / to) * to);

/**
 * The template's proportions at `r` times its width and depth. KV heads stay as they are: a
 * family keeps its grouped-query layout across sizes (Llama 3 8B and 70B both have 8 KV heads).
 */
function scaled(a: Architecture, r: number): Architecture {
  const heads = Math.max(1, Math.round((a.heads * r) / 2) * 2 || 1);
  const out: Architecture = {
    ...a,
    layers: Math.max(1, Math.round(a.layers * r)),
    hidden: round(a.hidden * r, 64),
    heads,
    kvHeads: Math.min(heads, a.kvHeads),
    intermediate: round(a.intermediate * r, 64),
  };
  if (a.experts) out.experts = { ...a.experts, intermediate: round(a.experts.intermediate * r, 64) };
  if (a.slidingWindow && a.slidingWindow.period > out.layers) delete out.slidingWindow;
  return out;
}

/**
 * Fitted shapes per catalog template and size: quick fixes try many names per check (each size of a
 * family), and each fit counts parameters forty times. Templates are the catalog's own objects.
 */
const fitted = new WeakMap<Architecture, Map<number, Architecture>>();
const MAX_FITS_PER_TEMPLATE = 64;

/** Width and depth scaled together until the parameter count matches the name's. */
function fitArchitecture(template: Architecture, params: number): Architecture {
  let sizes = fitted.get(template);
  const known = sizes?.get(params);
  if (known) return known;
  if (!sizes || sizes.size >= MAX_FITS_PER_TEMPLATE) fitted.set(template, (sizes = new Map()));
  const arch = searchArchitecture(template, params);
  sizes.set(params, arch);
  return arch;
}

function searchArchitecture(template: Architecture, params: number): Architecture {
  let lo = 0.05;
  let hi = 20;
  for (let i = 0; i < 40; i++) {
    const mid = Math.sqrt(lo * hi);
    if (countParameters(scaled(template, mid)) < params) lo = mid;
    else hi = mid;
  }
  return scaled(template, Math.sqrt(lo * hi));
}

/** Facts from the name alone, from the catalog's models as templates; undefined without a size. */
export function nameOnlyFacts(reference: string, templates: readonly Model[]): ModelFacts | undefined {
  const { family, size } = readName(reference);
  if (!size || templates.length === 0) return undefined;
  // A bare size in prose ("a 7B model") names no model: a family word, a tag or a path must say it is one.
  if (!family && !/[:/]|\.gguf$/i.test(reference)) return undefined;
  const moe = size.experts !== undefined || size.activeParams !== undefined;
  const ofFamily = family ? templates.filter((m) => familyOf(`${m.id} ${m.name}`) === family) : [];
  // NxM: M-sized dense layers with N FFN experts, as Mixtral is Mistral 7B's layers with 8 experts.
  const expertsOf = size.experts;
  const wantMoe = moe && !expertsOf;
  const sameShape = (m: Model) => (m.architecture.experts !== undefined) === wantMoe;
  const dense = (list: readonly Model[]) => list.filter(sameShape);
  const pool = dense(ofFamily).length ? dense(ofFamily) : dense(templates).length ? dense(templates) : [...templates];
  const target = expertsOf ? expertsOf.each : size.params;
  const distance = (m: Model) => Math.abs(Math.log(m.params / target));
  const template = pool.reduce((best, m) => (distance(m) < distance(best) ? m : best));
  const inFamily = ofFamily.includes(template);
  let arch = distance(template) < 0.03 ? template.architecture : fitArchitecture(template.architecture, target);
  if (expertsOf) {
    // How many experts a token uses is not in the name: two, as in Mixtral, is assumed.
    arch = { ...arch, experts: { total: expertsOf.count, active: 2, shared: 0, intermediate: arch.intermediate, denseLayers: 0 } };
  }
  const errorFraction = nameError(inFamily && !size.effective, distance(template), reference, size.params);
  const params = countParameters(arch);
  const model: Model = {
    ...template,
    id: slugOf(reference) || 'unknown',
    // The name is the user's text: a message quotes it, so a long one is cut (excerpt's bound).
    name: excerpt(reference),
    family: family ?? template.family,
    params,
    activeParams: arch.experts ? Math.round(countActiveParameters(arch)) : undefined,
    ollama: [],
    huggingface: [],
    aliases: [],
    gguf: [],
    base: undefined,
    architecture: arch,
  };
  if (model.activeParams === undefined) delete model.activeParams;
  delete model.base;
  return {
    model,
    provenance: { source: 'name', id: reference, approximate: { errorFraction } },
    warnings: [
      `estimated from the name alone: ${family ?? 'unknown family'}, ${(size.params / 1e9).toFixed(size.params < 1e10 ? 1 : 0)}B parameters, ` +
        `${template.name}'s proportions${inFamily ? '' : ' (nearest catalog model, another family)'}; ±${Math.round(errorFraction * 100)}%`,
    ],
  };
}
