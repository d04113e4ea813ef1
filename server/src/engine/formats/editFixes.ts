import type { Catalog, Model, Quantization } from '../catalog/schema';
import { answerFit, type FitQuestion } from '../checks/fit';
import type { MemoryEstimate, Verdict } from '../estimate/types';
import type { Hardware } from '../hardware/types';
import { BoundedMemo, fieldsKey, hardwareKey, identityOf } from '../checks/memo';
import { looksLikePath } from '../sources/localFiles';
import { verdictLabel } from '../render/estimateText';
import { formatBytes, formatTokens } from '../render/format';
import type { Fix, TextEdit } from '../types';
import { rewriteReference } from './modelReference';
import type { Deployment, SettingName } from './types';
import { floatValue, kvValue, switchValue } from './values';

/** Contexts are offered in whole thousands of tokens; below 2,048 a chat model is of little use. */
const CONTEXT_STEP = 1024;
const MIN_USEFUL_CONTEXT = 2048;
/** A smaller model or quantization is offered with a shorter context only down to this. */
const SHORT_CONTEXT = 4096;
/** vLLM's gpu_memory_utilization is raised at most to this: the rest is the CUDA context, other processes and the sampler. */
const MAX_GPU_MEMORY_UTILIZATION = 0.95;
const RANK: Record<Verdict, number> = { fits: 0, tight: 1, 'partial-offload': 2, 'wont-fit': 3 };

/** What a quick fix promises its edits lead to: the re-check's verdict and total. */
export interface FixPromise {
  verdict: Verdict;
  totalBytes: number;
  tokensPerSecond?: number;
}

/** A fix that edits the file, with the verdict its title promises. */
export interface EditFix extends Fix {
  edits: TextEdit[];
  /** What kind of change it is, for tests and reports. */
  kind: EditFixKind;
  promise: FixPromise;
}

export type EditFixKind =
  | 'tensor-parallel'
  | 'kv-cache'
  | 'gpu-memory-utilization'
  | 'quantization'
  | 'context'
  | 'experts-on-cpu'
  | 'gpu-layers'
  | 'smaller-model';

/** One change to a deployment as a question and as edits, before it is judged. */
interface Change {
  kind: EditFixKind;
  /** "Set num_ctx to 12,288", in the file's own terms. */
  action: string;
  edits: TextEdit[];
  question: FitQuestion;
}

/** One part of a change: a setting set to a value, or the model reference rewritten (to what it resolves to). */
type Step = { setting: SettingName; value: string } | { reference: string; resolved: { model: Model; quant: Quantization } };

/** The step that writes a rewritten model reference (replayed only while it still resolves to the same). */
const referenceStep = (r: { value: string; resolved: { model: Model; quant: Quantization } }): Step => ({
  reference: r.value,
  resolved: r.resolved,
});

/** A title's words: literal text, or a setting's key as this file writes it (or as the edit would add it). */
type Word = string | { key: SettingName; fallback: string; value: string };

/**
 * A change as the search found it, free of any document's positions: remembered for the same
 * question in another document, and turned into that document's own edits (`build`).
 */
interface Recipe {
  kind: EditFixKind;
  words: Word[];
  steps: Step[];
  /** The steps' edits may not overlap (a reference and a context written on the same line). */
  separate?: boolean;
  question: FitQuestion;
}

export interface FixInput {
  d: Deployment;
  /** The question as the file asks it (after the check's clamps). */
  question: FitQuestion;
  /** The context the answer used (the runtime's default when the file sets none). */
  ctx: number;
  estimate: MemoryEstimate;
  hardware: Hardware;
  catalog: Pick<Catalog, 'models' | 'quantizations'>;
  /** Resolves a model reference as the check would, after an edit: the model and the weights it loads. */
  resolveReference(value: string): { model: Model; quant: Quantization } | undefined;
  /**
   * Where the search may be remembered: the format that wrote the deployment (its edits) and the
   * folder references that are paths are resolved from. Absent: every call searches afresh.
   */
  memo?: { format: string; baseDir?: string };
}

/**
 * Every edit that brings a deployment to an acceptable verdict (`good`), or at least improves on the
 * current one, judged as the re-check will judge it: each change is asked as a new fit question.
 * Ordered by how little each gives up: changes that reach `good` first, cheapest first.
 */
export function editFixes(
  input: FixInput,
  good: (e: MemoryEstimate) => boolean,
  describe: (e: MemoryEstimate) => string,
  options: { onlyGood?: boolean } = {},
): EditFix[] {
  const key = input.memo && searchKey(input, input.memo, good, describe, options);
  const memo = key === undefined ? undefined : searchMemo(input.catalog);
  const known = key === undefined ? undefined : memo?.get(key);
  const replayed = known && replay(input, known);
  if (replayed) return replayed.map(({ recipe, change, e }, i) => editFix(recipe, change, e, i, good, describe));
  const judged = search(input, good, options);
  if (key !== undefined)
    memo?.set(
      key,
      judged.map(({ recipe, e }) => ({ recipe, e })),
    );
  return judged.map(({ recipe, change, e }, i) => editFix(recipe, change, e, i, good, describe));
}

function editFix(
  recipe: Recipe,
  change: Change,
  e: MemoryEstimate,
  index: number,
  good: (e: MemoryEstimate) => boolean,
  describe: (e: MemoryEstimate) => string,
): EditFix {
  const promised = describe(e);
  const fix: EditFix = {
    title: `${change.action} — ${promised}`,
    edits: change.edits,
    kind: change.kind,
    isPreferred: index === 0 && good(e),
    promise: { verdict: e.verdict, totalBytes: e.totalBytes, tokensPerSecond: e.tokensPerSecond },
  };
  fixRecipes.set(fix, { recipe, promised, kind: fix.kind, isPreferred: fix.isPreferred === true, promise: fix.promise });
  return fix;
}

/** An edit fix without its document: the recipe and what its title promises, to be written again in another document. */
export interface FixRecipe {
  recipe: Recipe;
  promised: string;
  kind: EditFixKind;
  isPreferred: boolean;
  promise: FixPromise;
}
const fixRecipes = new WeakMap<Fix, FixRecipe>();

/** The recipe a fix was written from, where it came from this search. */
export function recipeOf(fix: Fix): FixRecipe | undefined {
  return fixRecipes.get(fix);
}

/**
 * A remembered fix as this document's edits and title; undefined when it can no longer be written
 * here or a reference it rewrites no longer resolves to what it did.
 */
export function rebuildFix(input: Pick<FixInput, 'd' | 'resolveReference'>, known: FixRecipe): EditFix | undefined {
  if (!referencesHold(input, known.recipe)) return undefined;
  const change = build(input.d, known.recipe);
  if (!change) return undefined;
  const fix: EditFix = {
    title: `${change.action} — ${known.promised}`,
    edits: change.edits,
    kind: known.kind,
    isPreferred: known.isPreferred,
    promise: known.promise,
  };
  fixRecipes.set(fix, known);
  return fix;
}

function referencesHold(input: Pick<FixInput, 'resolveReference'>, recipe: Recipe): boolean {
  for (const step of recipe.steps) {
    if (!('reference' in step)) continue;
    const now = input.resolveReference(step.reference);
    if (now?.model.id !== step.resolved.model.id || now.quant.id !== step.resolved.quant.id) return false;
  }
  return true;
}

/** Every change judged, the good ones first, cheapest first. */
function search(input: FixInput, good: (e: MemoryEstimate) => boolean, options: { onlyGood?: boolean }) {
  const judged: { recipe: Recipe; change: Change; e: MemoryEstimate; order: number }[] = [];
  const ask = (q: FitQuestion) => answerFit(q, input.catalog, input.hardware).estimate;
  const changes = candidateChanges(input, good, ask);
  changes.forEach(({ recipe, change }, order) => {
    const e = ask(change.question);
    if (good(e) || (!options.onlyGood && RANK[e.verdict] < RANK[input.estimate.verdict])) judged.push({ recipe, change, e, order });
  });
  judged.sort((a, b) => Number(good(b.e)) - Number(good(a.e)) || a.order - b.order);
  return judged;
}

/** Searches remembered per catalog: the same question in another document (or another version) finds the same changes. */
export const MAX_REMEMBERED_SEARCHES = 256;
type Remembered = { recipe: Recipe; e: MemoryEstimate }[];
const rememberedSearches = new WeakMap<object, BoundedMemo<Remembered>>();
const EXPANDED = new Set(['env']);

function searchMemo(catalog: FixInput['catalog']): BoundedMemo<Remembered> {
  let memo = rememberedSearches.get(catalog.models);
  if (!memo) rememberedSearches.set(catalog.models, (memo = new BoundedMemo(MAX_REMEMBERED_SEARCHES)));
  return memo;
}

/** How many fix searches are remembered for this catalog (for tests of the bound). */
export function rememberedFixSearches(catalog: FixInput['catalog']): number {
  return rememberedSearches.get(catalog.models)?.size ?? 0;
}

/**
 * Everything the search reads besides the document's positions: the question, the hardware, the
 * verdict to improve on, the format (how settings are written), the reference and each setting as
 * written. Catalog objects and the judging functions count by identity.
 */
function searchKey(
  input: FixInput,
  memo: NonNullable<FixInput['memo']>,
  good: (e: MemoryEstimate) => boolean,
  describe: (e: MemoryEstimate) => string,
  options: { onlyGood?: boolean },
): string {
  const { d } = input;
  const reference = d.model?.value;
  let key = `${hardwareKey(input.hardware)}\0${fieldsKey(input.question, EXPANDED)}\0${input.ctx}|${input.estimate.verdict}|${options.onlyGood === true}|${identityOf(good)}|${identityOf(describe)}|${identityOf(input.catalog.models)}|${identityOf(input.catalog.quantizations)}|${d.runtime}|${memo.format}`;
  if (reference !== undefined) key += `\0${reference.length}:${reference}`;
  // A reference that is a path is resolved from the file's folder, and so are the names the search writes.
  if (reference !== undefined && looksLikePath(reference)) key += `\0${memo.baseDir ?? ''}`;
  for (const name in d.settings) {
    const setting = d.settings[name as SettingName];
    if (setting) key += `\0${name}:${setting.key.length}:${setting.key}${setting.value.length}:${setting.value}`;
  }
  return key;
}

/**
 * A remembered search's changes as this document's edits; undefined (search again) when one can no
 * longer be written here or a rewritten reference no longer resolves to what it did.
 */
function replay(input: FixInput, known: Remembered): { recipe: Recipe; change: Change; e: MemoryEstimate }[] | undefined {
  const out: { recipe: Recipe; change: Change; e: MemoryEstimate }[] = [];
  for (const { recipe, e } of known) {
    if (!referencesHold(input, recipe)) return undefined;
    const change = build(input.d, recipe);
    if (!change) return undefined;
    out.push({ recipe, change, e });
  }
  return out;
}

/** A recipe as edits of this document, or undefined when one of its steps cannot be written here. */
function build(d: Deployment, recipe: Recipe): Change | undefined {
  const parts: TextEdit[][] = [];
  for (const step of recipe.steps) {
    const edits = 'setting' in step ? d.edit(step.setting, step.value) : d.model ? [{ range: d.model.range, newText: step.reference }] : [];
    if (!edits.length) return undefined;
    parts.push(edits);
  }
  if (recipe.separate && parts.some((a, i) => parts.some((b, j) => j > i && overlaps(a, b)))) return undefined;
  const action = recipe.words.map((w) => (typeof w === 'string' ? w : keyOf(d, w.key, w.fallback, w.value))).join('');
  return { kind: recipe.kind, action, edits: parts.flat(), question: recipe.question };
}

/** The key as the file writes it, or as the edit would add it (`--max-model-len`, `OLLAMA_CONTEXT_LENGTH`). */
function keyOf(d: Deployment, name: SettingName, fallback: string, value: string): string {
  return d.settings[name]?.key ?? keyInEdit(d.edit(name, value), value) ?? fallback;
}

/** Kinds of change from the one that gives up least to the one that gives up most. */
const KIND_ORDER: EditFixKind[] = [
  'tensor-parallel',
  'kv-cache',
  'gpu-memory-utilization',
  'quantization',
  'context',
  'experts-on-cpu',
  'gpu-layers',
  'smaller-model',
];

/** Fixes from several deployments in one list, cheapest kind first; only the first is preferred. */
export function bestFirst(fixes: EditFix[]): EditFix[] {
  const rank = (f: EditFix) => KIND_ORDER.indexOf(f.kind);
  return [...fixes].sort((a, b) => rank(a) - rank(b)).map((f, i) => ({ ...f, isPreferred: i === 0 }));
}

/** "fits, 11.2 GiB", "partial offload, 13.1 GiB, ≈ 4.2 tokens/s": what a title promises. */
export function describeVerdict(e: MemoryEstimate): string {
  const speed = e.verdict === 'partial-offload' && e.tokensPerSecond !== undefined ? `, ≈ ${e.tokensPerSecond.toFixed(1)} tokens/s` : '';
  const label = e.verdict === 'partial-offload' ? 'partial offload' : verdictLabel[e.verdict].toLowerCase();
  return `${label}, ${formatBytes(e.totalBytes)}${speed}`;
}

/** The sentence a diagnostic ends with: the best fix by name, or nothing when no edit fits. */
export function bestFixSentence(fixes: readonly Pick<Fix, 'title' | 'isPreferred'>[]): string {
  const best = fixes.find((f) => f.isPreferred);
  return best ? ` Best fix: ${best.title}.` : '';
}

function candidateChanges(
  input: FixInput,
  good: (e: MemoryEstimate) => boolean,
  ask: (q: FitQuestion) => MemoryEstimate,
): { recipe: Recipe; change: Change }[] {
  const { d, question: q, hardware } = input;
  const s = d.settings;
  const out: { recipe: Recipe; change: Change }[] = [];
  const key = (name: SettingName, fallback: string, value: string): Word => ({ key: name, fallback, value });
  const set = (setting: SettingName, value: string): Step => ({ setting, value });
  /** Kept when every step can be written in this file. */
  const add = (recipe: Omit<Recipe, 'question'>, change: Partial<FitQuestion>): boolean => {
    const full = { ...recipe, question: { ...q, ...change } };
    const built = build(d, full);
    if (built) out.push({ recipe: full, change: built });
    return !!built;
  };
  const devices = hardware.devices.length;
  const arch = q.model.architecture;
  // Another model or quantization with the largest context that is good with it (both edits in one fix).
  const addWithShorterContext = (kind: EditFixKind, words: Word[], reference: Step, change: Partial<FitQuestion>): boolean => {
    const changed = { ...q, ...change };
    const max = Math.min(input.ctx, changed.model.architecture.contextLength);
    const ctx = max > SHORT_CONTEXT ? largestContext(changed, max, good, ask) : 0;
    if (ctx < SHORT_CONTEXT) return false;
    return add(
      {
        kind,
        words: [...words, ' with ', key('context', contextKey(d), String(ctx)), ` ${formatTokens(ctx)}`],
        steps: [reference, set('context', String(ctx))],
        separate: true,
      },
      { ...change, ctx },
    );
  };

  // Tensor parallelism over the GPUs present: gives up nothing.
  if (d.runtime === 'vllm' && devices > 1) {
    const tp = largestDivisor(arch.heads, devices);
    const current = q.tensorParallel ?? 1;
    if (tp > current)
      add(
        {
          kind: 'tensor-parallel',
          words: ['Set ', key('tensorParallel', 'tensor_parallel_size', String(tp)), ` to ${tp}`],
          steps: [set('tensorParallel', String(tp))],
        },
        { tensorParallel: tp },
      );
  }

  // A quantized KV cache (with the flash attention llama.cpp and Ollama need for it): almost free.
  if (devices > 0) {
    if (d.runtime === 'vllm' && kvValue(s.kvType) !== 'fp8') {
      add(
        { kind: 'kv-cache', words: ['Set ', key('kvType', 'kv_cache_dtype', 'fp8'), ' to fp8'], steps: [set('kvType', 'fp8')] },
        { kvType: 'fp8' },
      );
    } else if (d.runtime !== 'vllm' && q.kvType !== 'q8_0' && q.kvType !== 'q4_0') {
      const faOff = switchValue(s.flashAttention) !== true;
      const needsFa = d.runtime === 'ollama' ? faOff : switchValue(s.flashAttention) === false;
      const steps = [set('kvType', 'q8_0')];
      if (d.runtime === 'llama.cpp') steps.push(set('kvTypeV', 'q8_0'));
      if (needsFa) steps.push(set('flashAttention', d.runtime === 'ollama' ? '1' : 'on'));
      add(
        { kind: 'kv-cache', words: [`Quantize the KV cache to q8_0${needsFa ? ' with flash attention' : ''}`], steps },
        {
          kvType: 'q8_0',
          kvTypeV: d.runtime === 'llama.cpp' ? 'q8_0' : q.kvTypeV,
          flashAttention: needsFa || q.flashAttention === true ? true : q.flashAttention,
        },
      );
    }
  }

  // vLLM: a larger share of the card for weights and KV cache, the smallest that is enough.
  if (d.runtime === 'vllm' && devices > 0) {
    const current = floatValue(s.gpuMemoryUtilization) ?? 0.9;
    for (let pct = Math.round(current * 100) + 1; pct <= MAX_GPU_MEMORY_UTILIZATION * 100; pct++) {
      const util = pct / 100;
      if (!good(ask({ ...q, gpuMemoryUtilization: util })) && pct < MAX_GPU_MEMORY_UTILIZATION * 100) continue;
      add(
        {
          kind: 'gpu-memory-utilization',
          words: ['Set ', key('gpuMemoryUtilization', 'gpu_memory_utilization', String(util)), ` to ${util}`],
          steps: [set('gpuMemoryUtilization', String(util))],
        },
        { gpuMemoryUtilization: util },
      );
      break;
    }
  }

  // The largest context that is good, in whole thousands of tokens, as the runtime reads it.
  const bestContext = input.ctx > MIN_USEFUL_CONTEXT ? largestContext(q, Math.min(input.ctx, arch.contextLength), good, ask) : 0;
  const contextAlone = bestContext >= SHORT_CONTEXT;

  // The largest smaller quantization of the same model that is good as asked, where the reference names its
  // quantization; only when neither that nor a shorter context alone is enough, one with a shorter context.
  const quant = q.quant;
  // Each reference is rewritten only when asked for, largest first: the search stops at the first that is good.
  const quantEdits = lazyList(
    quant && d.model && d.runtime !== 'vllm' ? smallerQuants(quant, input.catalog.quantizations) : [],
    (smaller) => {
      const rewritten = rewriteReference(d.model!, { model: q.model, quant: smaller }, quant, input.resolveReference);
      return rewritten ? { value: rewritten.value, smaller, step: referenceStep(rewritten) } : undefined;
    },
  );
  const plainQuant = quantEdits.find(({ smaller }) => good(ask({ ...q, quant: smaller })));
  if (plainQuant)
    add(
      { kind: 'quantization', words: [`Use ${plainQuant.value} (${plainQuant.smaller.id})`], steps: [plainQuant.step] },
      { quant: plainQuant.smaller },
    );
  else if (!contextAlone)
    quantEdits.find(({ value, smaller, step }) =>
      addWithShorterContext('quantization', [`Use ${value} (${smaller.id})`], step, { quant: smaller }),
    );

  if (bestContext >= MIN_USEFUL_CONTEXT && bestContext < input.ctx)
    add(
      {
        kind: 'context',
        words: ['Set ', key('context', contextKey(d), String(bestContext)), ` to ${formatTokens(bestContext)}`],
        steps: [set('context', String(bestContext))],
      },
      { ctx: bestContext },
    );

  // MoE: every layer's routed experts in system RAM (llama.cpp --n-cpu-moe over all layers).
  if (d.runtime === 'llama.cpp' && arch.experts && q.moeOffload !== 'cpu' && devices > 0) {
    const layers = String(arch.layers);
    add(
      {
        kind: 'experts-on-cpu',
        words: ['Set ', key('cpuMoe', '--n-cpu-moe', layers), ` to ${layers} (experts on the CPU)`],
        steps: [set('cpuMoe', layers)],
      },
      { moeOffload: 'cpu' },
    );
  }

  // GPU layers that fit: the rest run on the CPU, slowly.
  if (d.runtime !== 'vllm' && devices > 0) {
    const unforced = ask({ ...q, gpuLayers: undefined, moeOffload: q.moeOffload === 'cpu' ? 'cpu' : 'off' });
    const layers = unforced.gpuLayers;
    const current = q.gpuLayers;
    if (layers > 0 && layers !== current && (layers < unforced.totalLayers || current !== undefined))
      add(
        {
          kind: 'gpu-layers',
          words: ['Set ', key('gpuLayers', d.runtime === 'ollama' ? 'num_gpu' : '--n-gpu-layers', String(layers)), ` to ${layers}`],
          steps: [set('gpuLayers', String(layers))],
        },
        { gpuLayers: layers },
      );
  }

  // The same family's largest smaller model (dense for dense, MoE for MoE) that is good, where the reference can name it; with a shorter
  // context only when no smaller model is good as asked.
  if (d.model) {
    const smaller = input.catalog.models
      .filter(
        (m) => m.family === q.model.family && m.params < q.model.params && m.id !== q.model.id && !m.architecture.experts === !arch.experts,
      )
      .sort((a, b) => b.params - a.params || Number(tuned(b) === tuned(q.model)) - Number(tuned(a) === tuned(q.model)));
    const family = lazyList(smaller, (model) => {
      const rewritten = rewriteReference(
        d.model!,
        { model, quant: d.runtime === 'vllm' ? undefined : quant },
        quant,
        input.resolveReference,
      );
      return rewritten
        ? { model, value: rewritten.value, step: referenceStep(rewritten), change: { model, quant: rewritten.resolved.quant } }
        : undefined;
    });
    const plain = family.find(({ change }) => good(ask({ ...q, ...change })));
    if (plain) add({ kind: 'smaller-model', words: [`Use ${plain.value} (${plain.model.name})`], steps: [plain.step] }, plain.change);
    else
      family.find(({ model, value, step, change }) =>
        addWithShorterContext('smaller-model', [`Use ${value} (${model.name})`], step, change),
      );
  }
  return out;
}

/**
 * `items` mapped by `map` (undefined: left out) only as far as a search reads, each item mapped once:
 * rewriting a reference resolves its candidates, and the search usually stops at the first.
 */
function lazyList<T, U>(items: readonly T[], map: (item: T) => U | undefined): { find(test: (u: U) => boolean): U | undefined } {
  const mapped: (U | undefined)[] = [];
  return {
    find(test) {
      for (let i = 0; i < items.length; i++) {
        if (i === mapped.length) mapped.push(map(items[i]));
        const u = mapped[i];
        if (u !== undefined && test(u)) return u;
      }
      return undefined;
    },
  };
}

/** Chat-tuned or base: a smaller model is offered of the same kind. */
const tuned = (m: Model) => /instruct|chat|\bit\b/i.test(m.name);

/** The key an edit that adds a setting writes just before its value: `PARAMETER num_ctx 4096` → `num_ctx`. */
function keyInEdit(edits: readonly TextEdit[], value: string): string | undefined {
  for (const e of edits) {
    const at = e.newText.lastIndexOf(value);
    if (at <= 0) continue;
    let end = at;
    while (end > 0 && ' \t"\',=:'.includes(e.newText[end - 1])) end--;
    let start = end;
    while (start > 0 && /[A-Za-z0-9_.-]/.test(e.newText[start - 1])) start--;
    if (start < end) return e.newText.slice(start, end);
  }
  return undefined;
}

function contextKey(d: Deployment): string {
  if (d.runtime === 'ollama') return 'num_ctx';
  if (d.runtime === 'vllm') return 'max_model_len';
  return '--ctx-size';
}

/** The largest multiple of 1,024 tokens up to `max` whose estimate is good; 0 when none is. Memory grows with context. */
function largestContext(
  q: FitQuestion,
  max: number,
  good: (e: MemoryEstimate) => boolean,
  ask: (q: FitQuestion) => MemoryEstimate,
): number {
  const ok = (k: number) => good(ask({ ...q, ctx: k * CONTEXT_STEP }));
  let hi = Math.floor(max / CONTEXT_STEP);
  let lo = Math.ceil(MIN_USEFUL_CONTEXT / CONTEXT_STEP);
  if (hi < lo || !ok(lo)) return 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo * CONTEXT_STEP;
}

/** The GGUF quantizations uploads are offered in today (K- and i-quants; the legacy Q4_0, Q4_1, Q5_0, Q5_1 left out). */
const QUANT_CHOICES = new Set([
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q5_K_S',
  'Q4_K_M',
  'Q4_K_S',
  'IQ4_XS',
  'Q3_K_M',
  'Q3_K_S',
  'IQ3_M',
  'IQ3_XS',
  'Q2_K',
  'IQ2_M',
  'IQ2_XS',
]);

/** GGUF quantizations smaller than `current`, largest first. */
function smallerQuants(current: Quantization, all: readonly Quantization[]): Quantization[] {
  const bits = (x: Quantization) => x.fileBitsPerWeight ?? (x.blockBytes * 8) / x.blockWeights;
  return all.filter((x) => QUANT_CHOICES.has(x.id) && bits(x) < bits(current)).sort((a, b) => bits(b) - bits(a));
}

function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  const before = (x: TextEdit['range']['start'], y: TextEdit['range']['start']) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return a.some((x) => b.some((y) => before(x.range.start, y.range.end) && before(y.range.start, x.range.end)));
}

function largestDivisor(n: number, atMost: number): number {
  for (let k = Math.max(1, atMost); k > 1; k--) if (n % k === 0) return k;
  return 1;
}
