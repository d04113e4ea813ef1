import { factsOf, type SourcedResolver } from '../sources/resolver';
import type { ModelFacts } from '../sources/types';
import { excerpt } from '../text/excerpt';
import { describeProvenance } from '../sources/describe';
import type { Catalog, ErrorEntry, Model, Quantization } from '../catalog/schema';
import { answerFit, defaultQuant, type FitAnswer, type FitQuestion } from '../checks/fit';
import { assumedRecipeNote, unknownQuantLabel } from '../checks/quantLabel';
import { modelFromHfConfig, quantizationForConfig } from '../configs/hfConfig';
import { largestContextThatFits, largestQuantThatFits } from '../estimate/quickFixes';
import type { EstimateInput, MemoryEstimate, Verdict } from '../estimate/types';
import { hardwareFromSettings } from '../hardware/fromSettings';
import type { Hardware } from '../hardware/types';
import type { ModelRef, ModelResolver } from '../models/resolveModel';
import { breakdownLine, offloadLine, ramLine, speedLine, verdictLabel, verdictText } from '../render/estimateText';
import { formatBytes, formatTokens } from '../render/format';
import { devicesLine } from '../render/hardwareText';
import { openKbAction, type Finding, type Fix, type Range, type Severity } from '../types';
import { codeHref, codeInfo, type DiagnosticCode } from '../diagnostics/codes';
import type { Deployment, FormatProblem, Parsed, Setting, SettingName } from './types';
import { readPlacement } from './placementFlags';
import { deploymentKey, rememberedOutcome, settingFix } from './deploymentMemo';
import { identityOf } from '../checks/memo';
import { bestFirst, bestFixSentence, describeVerdict, editFixes, type FixInput } from './editFixes';
import { floatValue, gpuLayersValue, intValue, isQuantizedKv, kvValue, switchValue } from './values';

export interface FormatCheckContext {
  catalog: Catalog;
  models: ModelResolver;
  hardware: Hardware;
  /** The runtimes' environment where the shell knows it (the CLI's OLLAMA_*); the file's own wins. */
  env?: Record<string, string | undefined>;
  /** The file's folder: model files a config names (`FROM ./x.gguf`, `-m x.gguf`) are read relative to it. */
  baseDir?: string;
  /** Whether a file a config names exists (a Modelfile `ollama create` builds from); absent where the shell reads no files. */
  files?: { isFile(path: string): boolean; resolve(base: string, path: string): string };
  /** The format that read the file: where given, fix searches are remembered for the next file that asks the same. */
  format?: string;
}

/** A code lens over a deployment's model: the total and the verdict, for fits as for the rest. */
export interface Lens {
  range: Range;
  title: string;
}

/** One deployment's answer, as the CLI's JSON and the panel show it. */
export interface DeploymentResult {
  model: string;
  runtime: string;
  label?: string;
  /** 1-based line of the model reference. */
  line: number;
  verdict?: Verdict;
  totalBytes?: number;
  usableBytes?: number;
  /** Where the model's facts came from. */
  source: string;
  answer?: FitAnswer;
}

export interface FileCheck {
  findings: Finding[];
  lenses: Lens[];
  deployments: DeploymentResult[];
}

const CONTEXT_STEP = 1024;
const MIN_USEFUL_CONTEXT = 2048;
const SHORT_CONTEXT = 4096;
const RANK: Record<Verdict, number> = { fits: 0, tight: 1, 'partial-offload': 2, 'wont-fit': 3 };

/** The one check every format goes through: deployments in, findings and code lenses out. */
export function checkParsed(parsed: Parsed, ctx: FormatCheckContext): FileCheck {
  const out: FileCheck = { findings: parsed.problems.map(problemFinding), lenses: [], deployments: [] };
  const judged: Judged[] = [];
  for (const d of parsed.deployments) {
    const r = checkDeployment(d, ctx, out);
    if (r) judged.push({ d, ...r });
  }
  budgetGroups(judged, ctx, out);
  // Every code links somewhere: its KB entry's page, else the index of codes.
  const kbUrl = (id: string) => ctx.catalog.errors.find((e) => e.id === id)?.url;
  for (const f of out.findings) f.href ??= codeHref(f.code, kbUrl);
  return out;
}

function problemFinding(p: FormatProblem): Finding {
  return { range: p.range, severity: p.severity, code: p.code, message: p.message, fixes: [] };
}

interface Resolved {
  model: Model;
  quant: Quantization;
  source: string;
  /** The reference named its quantization (a tag, a file name, vLLM's quantization key). */
  named: boolean;
  /** Facts guessed from the name alone: the estimate's error as a fraction. */
  approximate?: number;
}

/** The model and the weights the runtime would load: vLLM the checkpoint's dtype or quantization, never a GGUF default. */
function isSourced(m: ModelResolver): m is SourcedResolver {
  return typeof (m as Partial<SourcedResolver>).lookup === 'function';
}

/**
 * Every runtime but vLLM loads what the source chain answered, so its resolution is the chain's
 * answer (kept by the chain for a while, the same object meanwhile) and the catalog's
 * quantizations: worked out once per answer, not at every file and fix that names the model.
 */
const resolvedByFacts = new WeakMap<ModelFacts, { quantizations: readonly Quantization[]; resolved: Resolved }>();

function resolve(d: Deployment, ctx: FormatCheckContext): Resolved | { error: string } | undefined {
  const { catalog } = ctx;
  if (d.hfConfig) {
    const model = modelFromHfConfig(d.hfConfig, d.model?.value ?? d.hfConfig.modelType, {
      title: 'config.json',
      url: 'https://huggingface.co/docs/transformers/main_classes/configuration',
    });
    return { model, quant: quantizationForConfig(d.hfConfig, catalog), source: 'config.json', named: true };
  }
  if (!d.model) return undefined;
  const looked: { ref?: ModelRef; error?: { message: string } } = isSourced(ctx.models)
    ? ctx.models.lookup({ reference: d.model.value, baseDir: ctx.baseDir })
    : { ref: ctx.models.resolve(d.model.value) };
  if (looked.error) return { error: looked.error.message };
  const ref = looked.ref;
  if (!ref) return undefined;
  const facts = factsOf(ref);
  const known = facts && d.runtime !== 'vllm' ? resolvedByFacts.get(facts) : undefined;
  if (known && known.quantizations === catalog.quantizations) return known.resolved;
  const approximate = facts?.provenance.approximate?.errorFraction;
  const source = facts && facts.provenance.source !== 'catalog' ? describeProvenance(facts.provenance) : `catalog (${ref.kind})`;
  if (approximate !== undefined || d.runtime !== 'vllm') {
    const resolved: Resolved = { model: ref.model, quant: ref.quant ?? defaultQuant(ref.model, catalog), source, named: !!ref.quant };
    if (approximate !== undefined) resolved.approximate = approximate;
    if (facts && d.runtime !== 'vllm') resolvedByFacts.set(facts, { quantizations: catalog.quantizations, resolved });
    return resolved;
  }
  const method = d.settings.quantization?.value.trim().toLowerCase();
  const byId = (id: string) => catalog.quantizations.find((q) => q.id === id);
  const named = ref.quant && ref.quant.format !== 'gguf' ? ref.quant : undefined;
  const fromFile = ref.quant?.format === 'gguf' && /\.gguf$/i.test(d.model.value) ? ref.quant : undefined;
  let quant =
    (method === 'awq' || method?.startsWith('awq') ? byId('AWQ_INT4_G128') : undefined) ??
    (method === 'gptq' || method?.startsWith('gptq') ? byId('GPTQ_INT4_G128') : undefined) ??
    (method === 'fp8' ? byId('FP8') : undefined) ??
    named ??
    fromFile;
  if (!quant) {
    const dtype = (d.settings.dtype?.value ?? 'auto').trim().toLowerCase();
    const half = dtype === 'half' || dtype === 'float16' || dtype === 'fp16';
    const bf = dtype === 'bfloat16' || dtype === 'bf16';
    const own = ref.model.dtype;
    quant = half
      ? byId('SAFETENSORS_F16')
      : bf
        ? byId('SAFETENSORS_BF16')
        : own === 'fp8'
          ? byId('FP8')
          : own === 'mxfp4'
            ? byId('MXFP4')
            : own === 'f16'
              ? byId('SAFETENSORS_F16')
              : byId('SAFETENSORS_BF16');
  }
  return quant ? { model: ref.model, quant, source, named: !!ref.quant || !!method } : undefined;
}

/**
 * The devices this deployment may use: a GPU the file names (KubeAI's resourceProfile), a count it
 * reserves (Kubernetes limits, compose reservations, Helm requestGPU) of the GPU in use,
 * CUDA_VISIBLE_DEVICES, or none at all (`--device none`, `-ngl 0`). Declared target hardware wins.
 */
function hardwareFor(d: Deployment, ctx: FormatCheckContext): { hardware: Hardware; why?: string; cpuChosen?: boolean } {
  let hw = ctx.hardware;
  let why: string | undefined;
  const declared = hw.note?.startsWith('target hardware') ?? false;
  const requested = d.requestedGpus;
  if (requested && !declared) {
    const count = requested.count ?? 1;
    const named = requested.gpu ? hardwareFromSettings({ gpu: requested.gpu, gpuCount: count, vramGB: null }, ctx.catalog, hw) : undefined;
    if (named && named.devices.length) {
      hw = named;
      why = `as the file requests: ${count} × ${requested.gpu}`;
    } else if (requested.count && hw.devices.length > 0 && requested.count !== hw.devices.length) {
      hw = { ...hw, devices: Array.from({ length: requested.count }, (_, i) => hw.devices[Math.min(i, hw.devices.length - 1)]) };
      why = `${requested.count} GPU${requested.count > 1 ? 's' : ''} as the file requests`;
    }
  }
  const device = d.settings.devices?.value.trim().toLowerCase();
  if (device === 'none' || intValue(d.settings.gpuLayers) === 0) {
    return {
      hardware: { ...hw, devices: [] },
      why: device === 'none' ? `${d.settings.devices?.key} none` : `${d.settings.gpuLayers?.key} 0`,
      cpuChosen: true,
    };
  }
  const visible = d.env.CUDA_VISIBLE_DEVICES ?? d.env.HIP_VISIBLE_DEVICES ?? d.env.ROCR_VISIBLE_DEVICES;
  if (visible !== undefined && hw.devices.length) {
    const ids = visible
      .split(',')
      .map((x) => x.trim())
      .filter((x) => /^\d+$/.test(x))
      .map(Number);
    const devices = ids.filter((i) => i < hw.devices.length).map((i) => hw.devices[i]);
    if (devices.length) {
      hw = { ...hw, devices };
      why = `CUDA_VISIBLE_DEVICES=${visible}`;
    }
  }
  // llama.cpp -sm none: the whole model on the one GPU -mg names.
  const only = readPlacement(d).onlyDevice;
  if (only !== undefined && hw.devices.length > 1 && only < hw.devices.length) {
    hw = { ...hw, devices: [hw.devices[only]] };
    why = `${d.settings.splitMode?.key ?? '-sm'} none: GPU ${only} only`;
  }
  if (declared && !why) why = hw.note;
  return { hardware: hw, why };
}

const devicesTexts = new WeakMap<Hardware, string>();
/** The devices line, written once per hardware: every deployment checked against it names them. */
function devicesText(hardware: Hardware): string {
  let text = devicesTexts.get(hardware);
  if (text === undefined) devicesTexts.set(hardware, (text = devicesLine(hardware)));
  return text;
}

function finding(range: Range, code: DiagnosticCode, message: string, severity?: Severity, fixes: Fix[] = []): Finding {
  const sev = severity ?? codeInfo(code)?.severity ?? 'warning';
  return { range, severity: sev, code, message, fixes };
}

/** A deployment with its answer, and what a fix search needs to change it. */
interface Judged {
  d: Deployment;
  answer: FitAnswer;
  fix: FixInput;
}

function checkDeployment(d: Deployment, ctx: FormatCheckContext, out: FileCheck): Omit<Judged, 'd'> | undefined {
  const { catalog } = ctx;
  if (d.builtFrom) {
    out.findings.push(builtFromFinding(d.builtFrom, ctx));
    return undefined;
  }
  if (d.model?.unresolved) {
    out.findings.push(
      finding(
        d.model.range,
        'unresolved-model',
        `The model is ${d.model.value}, which this file leaves unresolved (${d.model.unresolved}); RunLocalAI cannot tell whether it fits.`,
      ),
    );
    return undefined;
  }
  const resolved = resolve(d, ctx);
  if (resolved && 'error' in resolved) {
    // A model file the config names but that cannot be read: say why, at the reference.
    if (d.model) out.findings.push(finding(d.model.range, 'unreadable-model', `Cannot read the model: ${resolved.error}`, 'error'));
    return undefined;
  }
  if (!resolved) {
    if (d.model)
      out.findings.push(
        finding(
          d.model.range,
          'unknown-model',
          `RunLocalAI does not know "${excerpt(d.model.value)}", so it cannot tell whether it fits. It knows the ${catalog.models.length} models of its catalog.`,
        ),
      );
    return undefined;
  }
  // The fields the key reads, named: a spread of the whole context at every deployment costs more than the key.
  const key = deploymentKey(d, {
    catalog,
    models: ctx.models,
    hardware: ctx.hardware,
    env: ctx.env,
    baseDir: ctx.baseDir,
    format: ctx.format,
    resolved: `${identityOf(resolved.model)}|${identityOf(resolved.quant)}|${resolved.source.length}:${resolved.source}|${resolved.named}|${resolved.approximate}`,
  });
  return rememberedOutcome(
    key,
    d,
    catalog,
    out,
    (into) => judgeResolved(d, resolved, ctx, into),
    (judged, now) => ({ answer: judged.answer, fix: fixInput(now, judged.fix.question, judged.answer, judged.fix.hardware, ctx) }),
  );
}

/** A deployment whose model is known, judged: every finding, lens and result, and the answer the group budget needs. */
function judgeResolved(d: Deployment, resolved: Resolved, ctx: FormatCheckContext, out: FileCheck): Omit<Judged, 'd'> | undefined {
  const { catalog } = ctx;
  const label = resolved.named || !d.model ? undefined : unknownQuantLabel(d.model.value, ctx.models);
  if (label && d.model) {
    const known = catalog.quantizations.filter((q) => q.format === 'gguf').map((q) => q.id);
    out.findings.push(
      finding(
        d.model.range,
        'unknown-quantization',
        `"${excerpt(label)}" is not a quantization label RunLocalAI knows, so the verdict assumes ${resolved.quant.id}. Known GGUF labels: ${known.join(', ')}.`,
      ),
    );
  }
  const assumed = resolved.named && d.model ? assumedRecipeNote(resolved.quant) : undefined;
  if (assumed && d.model) out.findings.push(finding(d.model.range, 'unknown-quantization', assumed));
  if (ctx.hardware.source === 'pending') return undefined; // diagnostics refresh when detection answers
  const { model } = resolved;
  const arch = model.architecture;
  const s = d.settings;
  const { hardware, why, cpuChosen } = hardwareFor(d, ctx);
  const where = `${hardware.devices.length === 0 ? 'this machine (no GPU in use)' : devicesText(hardware)}${why ? ` (${why})` : ''}`;
  const asked = questionFrom(
    d,
    resolved,
    ctx,
    (setting, what) =>
      out.findings.push(finding(setting.range, 'invalid-value', `${setting.key} must be ${what}, found "${excerpt(setting.value)}".`)),
    hardware.devices.length,
  );
  const { question, tp, pp, autoContext } = asked;
  for (const u of readPlacement(d).unmodelled)
    out.findings.push(
      finding(
        u.range,
        'setting-not-modelled',
        `${u.key}${u.value ? ` ${excerpt(u.value)}` : ''} is not modelled in this estimate: ${u.why}.`,
      ),
    );
  let context = question.ctx;
  // Mistakes that stop the runtime before any memory question.
  const fa = question.flashAttention;
  if (d.runtime === 'llama.cpp' && isQuantizedKv(s.kvTypeV) && fa === false) {
    out.findings.push(
      finding(
        s.kvTypeV!.range,
        'quantized-v-without-flash-attention',
        `llama.cpp refuses a quantized V cache (${s.kvTypeV!.key} ${s.kvTypeV!.value}) without flash attention; turn flash attention on or keep the V cache at f16.`,
        undefined,
        [settingFix(d, 'flashAttention', 'on', 'Turn flash attention on', true)],
      ),
    );
  }
  if (d.runtime === 'vllm') {
    // Each data-parallel replica needs its own tensor × pipeline GPUs.
    const dp = Math.max(1, intValue(s.dataParallel) ?? 1);
    const gpus = tp * pp * dp;
    const decisive = s.tensorParallel ?? s.pipelineParallel ?? s.dataParallel;
    if (decisive && hardware.devices.length > 0 && gpus > hardware.devices.length) {
      const fitting = largestDivisor(arch.heads, Math.floor(hardware.devices.length / (pp * dp)));
      const factors = [
        `tensor_parallel_size ${tp}`,
        pp > 1 ? `pipeline_parallel_size ${pp}` : '',
        dp > 1 ? `data_parallel_size ${dp}` : '',
      ];
      out.findings.push(
        finding(
          decisive.range,
          'tensor-parallel-exceeds-gpus',
          `vLLM needs ${gpus} GPUs for ${factors.filter(Boolean).join(' × ')}; ${where} has ${hardware.devices.length}.`,
          undefined,
          s.tensorParallel && fitting >= 1 ? fixIf(d, 'tensorParallel', String(fitting), `Set tensor_parallel_size to ${fitting}`) : [],
        ),
      );
      return undefined;
    }
    if (s.tensorParallel && arch.heads % tp !== 0) {
      out.findings.push(
        finding(
          s.tensorParallel.range,
          'tensor-parallel-heads',
          `${model.name} has ${arch.heads} attention heads, which tensor_parallel_size ${tp} does not divide; vLLM refuses to start.`,
        ),
      );
      return undefined;
    }
    if (s.context && context !== undefined && context > arch.contextLength) {
      out.findings.push(
        finding(
          s.context.range,
          'context-above-trained',
          `max_model_len ${formatTokens(context)} is above ${model.name}'s trained context of ${formatTokens(arch.contextLength)}; vLLM refuses it (unless VLLM_ALLOW_LONG_MAX_MODEL_LEN=1).`,
          undefined,
          fixIf(d, 'context', String(arch.contextLength), `Set max_model_len to ${formatTokens(arch.contextLength)}`),
        ),
      );
      context = arch.contextLength;
    }
  }

  question.ctx = context;
  let answer = answerFit(question, catalog, hardware);
  if (autoContext) {
    const fitted = largestContextThatFits(answer.input, 256);
    if (fitted > 0) answer = answerFit({ ...question, ctx: fitted }, catalog, hardware);
  }
  const e = answer.estimate;
  const judgedAs = (a: FitAnswer) => ({ answer: a, fix: fixInput(d, question, a, hardware, ctx) });
  const modelRange = d.model?.range ?? d.anchor;
  // A guess from the name never gives an error, and near the limit it gives no verdict at all.
  const guess = resolved.approximate;
  if (guess !== undefined && e.verdict !== 'fits' && withinError(e, guess)) {
    out.findings.push(
      finding(
        modelRange,
        'cannot-tell',
        `Can't tell from the name: ${model.name} needs about ${formatBytes(e.totalBytes)} ±${Math.round(guess * 100)}%, ` +
          `within that range of the ${formatBytes(e.usableBytes)} usable. Pull the model or name a catalog model for an exact answer.`,
      ),
    );
    return judgedAs(answer);
  }
  out.deployments.push({
    model: model.name,
    runtime: d.runtime,
    label: d.label,
    line: modelRange.start.line + 1,
    verdict: e.verdict,
    totalBytes: e.totalBytes,
    usableBytes: e.usableBytes,
    source: resolved.source,
    answer,
  });
  out.lenses.push({
    range: modelRange,
    title: `${model.name} ${answer.quant.id}, ${formatTokens(answer.ctx)} tokens: ${formatBytes(e.totalBytes)} of ${formatBytes(e.usableBytes)} · ${verdictLabel[e.verdict]}`,
  });
  const notes = [...d.notes, ...answer.notes, ...(e.warnings ?? [])];
  if (autoContext)
    notes.unshift(`max_model_len auto: vLLM picks the largest context that fits, about ${formatTokens(answer.ctx)} tokens here`);
  if (d.hfConfig && tp > 1) notes.unshift(`judged split over ${tp} GPUs (vLLM tensor_parallel_size ${tp})`);
  if (e.verdict === 'fits') return judgedAs(answer);

  const cpuOnly = hardware.devices.length === 0;
  if (cpuOnly && e.verdict !== 'wont-fit' && cpuChosen) return judgedAs(answer);
  if (cpuOnly && e.verdict !== 'wont-fit') {
    const reason = hardware.note ?? 'no GPU was detected';
    out.findings.push(
      finding(
        modelRange,
        'cpu-only',
        `${verdictText(e)}: ${model.name} ${answer.quant.id} ${breakdownLine(e, answer.ctx)}${ramLine(e)}. ${reason}; set runlocalai.gpu (or pass --gpu) to check it against a GPU.`,
      ),
    );
    return judgedAs(answer);
  }

  // vLLM's own start-up error: the weights load, but the KV cache left holds less than max_model_len.
  if (d.runtime === 'vllm' && e.verdict === 'wont-fit' && e.devices?.length && e.devices.length === tp * pp) {
    const kvPerDevice = e.kvCacheBytes / (tp * pp);
    const room = Math.min(...e.devices.map((x) => x.usableBytes - x.usedBytes + kvPerDevice));
    if (room > 0 && kvPerDevice > 0) {
      const maxLen = Math.floor((answer.ctx * room) / kvPerDevice / CONTEXT_STEP) * CONTEXT_STEP;
      const range = s.context?.range ?? modelRange;
      const fixes = editFixes(judgedAs(answer).fix, runs, describeVerdict);
      out.findings.push({
        ...finding(
          range,
          'vllm-kv-cache-too-small',
          `vLLM would load ${model.name} ${answer.quant.id} (${formatBytes(e.weightsBytes)} of weights) on ${where}, then stop: max_model_len ${formatTokens(answer.ctx)} needs ${formatBytes(e.kvCacheBytes)} of KV cache and about ${formatBytes(room * tp * pp)} is left at gpu_memory_utilization ${answer.input.gpuMemoryUtilization ?? 0.9}; the estimated maximum model length is ${formatTokens(Math.max(0, maxLen))}.` +
            notes.map((n) => ` ${n}.`).join('') +
            bestFixSentence(fixes),
          undefined,
          fixes,
        ),
        ...kb('cuda-out-of-memory', catalog.errors),
      });
      return judgedAs(answer);
    }
  }

  // Where the finding sits: the GPU-layers setting when the runtime's own placement would do better,
  // the context when the model fits at a short one, else the model.
  const unforced =
    question.gpuLayers !== undefined ? answerFit({ ...question, gpuLayers: undefined }, catalog, hardware).estimate : undefined;
  const gpuLayersDecide = unforced !== undefined && RANK[unforced.verdict] < RANK[e.verdict];
  const small = answerFit({ ...question, ctx: MIN_USEFUL_CONTEXT }, catalog, hardware).estimate.verdict;
  const contextDecides = small === 'fits' || small === 'tight';
  const range = gpuLayersDecide && s.gpuLayers ? s.gpuLayers.range : contextDecides && s.context ? s.context.range : modelRange;
  const measured: Severity = e.verdict === 'wont-fit' ? 'error' : e.verdict === 'partial-offload' ? 'warning' : 'information';
  const severity: Severity = guess !== undefined && measured === 'error' ? 'warning' : measured;
  let message = `${verdictText(e)} on ${where}: ${model.name} ${answer.quant.id} ${breakdownLine(e, answer.ctx)}${ramLine(e)}.`;
  // Facts from a file, a store or the name say where they came from; the catalog's need no note.
  if (!resolved.source.startsWith('catalog') && resolved.source !== 'config.json') message += ` (source: ${excerpt(resolved.source, 120)})`;
  const layersKey = s.gpuLayers?.key ?? (d.runtime === 'ollama' ? 'num_gpu' : '-ngl');
  if (unforced && gpuLayersDecide && e.verdict === 'partial-offload') {
    message += ` ${layersKey} ${s.gpuLayers?.value} keeps ${e.totalLayers - e.gpuLayers} of ${e.totalLayers} layers on the CPU; ${unforced.gpuLayers} would fit on the GPU.`;
  } else if (e.verdict === 'partial-offload') {
    message += ` ${offloadLine(e) ?? 'Part of it runs on the CPU'}`;
    const speed = speedLine(e);
    message += speed ? `, at ${speed}.` : '.';
  }
  if (d.label && d.label !== model.name) message = `${d.label}: ${message}`;
  for (const note of notes) message += ` ${note}.`;

  const fixes: Fix[] = [];
  if (e.verdict !== 'tight') {
    const edits = editFixes(judgedAs(answer).fix, runs, describeVerdict);
    fixes.push(...edits);
    message += bestFixSentence(edits);
    if (!edits.some((f) => f.isPreferred)) message += smallerQuantHint(answer.input, catalog, d.runtime);
  }
  const code = e.verdict;
  const kbId = cpuOnly && code === 'wont-fit' ? 'model-requires-more-system-memory' : codeInfo(code)?.kb;
  if (kbId) fixes.push(kbFix(kbId, catalog.errors));
  out.findings.push({ ...finding(range, code, message, severity, fixes), ...kb(kbId, catalog.errors) });
  return judgedAs(answer);
}

/**
 * What a deployment asks the runtime for, as a fit question: every setting read as the runtime
 * reads it; values it would reject are reported through `invalid` and left at the default.
 */
export function questionFrom(
  d: Deployment,
  resolved: Resolved,
  ctx: Pick<FormatCheckContext, 'env'>,
  invalid: (setting: Setting, what: string) => void = () => {},
  deviceCount = 1,
): { question: FitQuestion; tp: number; pp: number; autoContext: boolean } {
  const s = d.settings;
  const arch = resolved.model.architecture;
  const int = (name: SettingName, min: number, what: string): number | undefined => {
    const v = intValue(s[name]);
    if (v === null || (v !== undefined && v < min)) {
      invalid(s[name]!, what);
      return undefined;
    }
    return v;
  };
  // vLLM's `max_model_len: auto` (or -1): the largest context that fits after loading, picked by vLLM.
  const autoContext = d.runtime === 'vllm' && /^(auto|-1)$/i.test(s.context?.value.trim() ?? '');
  const context = autoContext ? undefined : int('context', 0, 'a whole number of tokens');
  const parallel = int('parallel', 1, 'a whole number of at least 1');
  // A bare config.json names no parallelism: it is judged split over the GPUs present, as one would serve it.
  const tp = int('tensorParallel', 1, 'a whole number of GPUs') ?? (d.hfConfig ? largestDivisor(arch.heads, deviceCount) : 1);
  const pp = int('pipelineParallel', 1, 'a whole number of GPUs') ?? 1;
  const layersRaw = gpuLayersValue(s.gpuLayers, arch.layers);
  if (layersRaw === null) invalid(s.gpuLayers!, 'a number of layers, "auto" or "all"');
  let util = floatValue(s.gpuMemoryUtilization);
  if (util === null || (util !== undefined && (util <= 0 || util > 1))) {
    invalid(s.gpuMemoryUtilization!, 'a fraction between 0 and 1');
    util = undefined;
  }
  const microBatch = int('microBatch', 1, 'a whole number of tokens');
  const placement = readPlacement(d);
  const batched = int('maxBatchedTokens', 1, 'a whole number of tokens');
  const vllm = d.runtime === 'vllm';
  const question: FitQuestion = {
    model: resolved.model,
    quant: resolved.quant,
    ctx: context,
    runtime: d.runtime,
    gpuLayers: vllm ? undefined : (layersRaw ?? undefined),
    kvType: kvValue(s.kvType),
    kvTypeV: kvValue(s.kvTypeV),
    // vLLM's max_num_seqs shares one pool; one sequence of max_model_len must fit.
    parallel: vllm ? 1 : parallel,
    flashAttention: vllm ? undefined : switchValue(s.flashAttention),
    tensorParallel: vllm ? tp * pp : undefined,
    microBatch,
    gpuMemoryUtilization: util,
    maxBatchedTokens: batched,
    moeOffload:
      placement.moeOffload ?? ((placement.cpuMoeLayers ?? 0) >= arch.layers ? 'cpu' : switchValue(s.fit) === false ? 'off' : undefined),
    cpuMoeLayers: placement.cpuMoeLayers,
    cpuOffloadBytes: vllm ? gibBytes(s.cpuOffloadGb, invalid) : undefined,
    kvCacheMemoryBytes: vllm ? byteCount(s.kvCacheBytes, invalid) : undefined,
    env: { ...(ctx.env ?? {}), ...d.env },
  };
  return { question, tp, pp, autoContext };
}

/** vLLM cpu_offload_gb: GiB (a float) of weights per GPU kept in system RAM. */
function gibBytes(setting: Setting | undefined, invalid: (setting: Setting, what: string) => void): number | undefined {
  const v = floatValue(setting);
  if (v === undefined) return undefined;
  if (v === null || v < 0) {
    invalid(setting!, 'a number of GiB');
    return undefined;
  }
  return v * 2 ** 30;
}

/**
 * vLLM kv_cache_memory_bytes: a whole number of bytes, or with a decimal suffix (`20g`) or an IEC
 * one (`20Gi`) as vLLM's human_readable_int reads them. A bare upper-case `20G` meant 2^30 in older
 * versions and 10^9 in newer ones, so it is refused as ambiguous rather than guessed.
 */
function byteCount(setting: Setting | undefined, invalid: (setting: Setting, what: string) => void): number | undefined {
  if (!setting) return undefined;
  const t = setting.value.trim();
  let i = 0;
  while (i < t.length && ((t[i] >= '0' && t[i] <= '9') || t[i] === '.')) i++;
  const number = Number(t.slice(0, i));
  const suffix = t.slice(i);
  const decimal: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 };
  const iec: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  const mult = decimal[suffix] ?? iec[suffix];
  if (i === 0 || !Number.isFinite(number) || mult === undefined) {
    invalid(setting, 'a number of bytes (e.g. 21474836480, 20g or 20Gi)');
    return undefined;
  }
  return Math.floor(number * mult);
}

/** The fit question of a deployment without judging it (Will it run? on the open file, hovers). */
export function deploymentQuestion(
  d: Deployment,
  ctx: Omit<FormatCheckContext, 'hardware'> & { hardware?: Hardware },
): { question: FitQuestion; hardware?: Hardware } | undefined {
  if (d.model?.unresolved) return undefined;
  const resolved = resolve(d, { ...ctx, hardware: ctx.hardware ?? { devices: [], source: 'pending' } });
  if (!resolved || 'error' in resolved) return undefined;
  return {
    question: questionFrom(d, resolved, ctx).question,
    hardware: ctx.hardware && hardwareFor(d, { ...ctx, hardware: ctx.hardware }).hardware,
  };
}

const runs = (e: MemoryEstimate) => e.verdict === 'fits' || e.verdict === 'tight';
/** References one check remembers while searching fixes: a catalog family's names and sizes are far fewer. */
const MAX_RESOLVED_REFERENCES = 1024;

/** What the fix search needs of a judged deployment; references are resolved as this check resolves them. */
function fixInput(d: Deployment, question: FitQuestion, answer: FitAnswer, hardware: Hardware, ctx: FormatCheckContext): FixInput {
  // Made on the first reference a fix search asks about: a check whose findings are remembered asks none.
  let resolvedReferences: Map<string, ReturnType<FixInput['resolveReference']>> | undefined;
  return {
    d,
    question: { ...question, quant: answer.quant },
    ctx: answer.ctx,
    estimate: answer.estimate,
    hardware,
    catalog: ctx.catalog,
    memo: ctx.format === undefined ? undefined : { format: ctx.format, baseDir: ctx.baseDir },
    resolveReference(value) {
      if (!d.model) return undefined;
      // The fix search asks about the same references again (the current one for every quantization,
      // each candidate once per kind of change): each is resolved once per check, not once per question.
      resolvedReferences ??= new Map();
      if (resolvedReferences.has(value)) return resolvedReferences.get(value);
      const r = resolve({ ...d, model: { ...d.model, value } }, ctx);
      // A guess from the name is not a promise a fix can make.
      const answer = r && !('error' in r) && r.approximate === undefined ? { model: r.model, quant: r.quant } : undefined;
      if (resolvedReferences.size < MAX_RESOLVED_REFERENCES) resolvedReferences.set(value, answer);
      return answer;
    },
  };
}

function fixIf(d: Deployment, setting: SettingName, value: string, title: string, isPreferred = false): Fix[] {
  const fix = settingFix(d, setting, value, title, isPreferred);
  return fix.edits?.length ? [fix] : [];
}

function largestDivisor(n: number, atMost: number): number {
  for (let k = Math.max(1, atMost); k > 1; k--) if (n % k === 0) return k;
  return 1;
}

function smallerQuantHint(input: EstimateInput, catalog: Catalog, runtime: string): string {
  const ladder = catalog.quantizations.filter((q) =>
    runtime === 'vllm' ? q.format !== 'gguf' : q.format === 'gguf' && /^(Q\d|IQ\d|F16|BF16|MXFP4)/.test(q.id),
  );
  const quants = ladder.filter((q) => q.id !== input.quant.id);
  const atCtx = largestQuantThatFits(input, quants);
  if (atCtx) return ` ${atCtx.quant.id} would fit (${formatBytes(atCtx.estimate.totalBytes)}).`;
  const short = Math.min(input.ctx, SHORT_CONTEXT);
  const atShort = short < input.ctx ? largestQuantThatFits({ ...input, ctx: short }, quants) : undefined;
  return atShort ? ` ${atShort.quant.id} would fit at ${formatTokens(short)} tokens (${formatBytes(atShort.estimate.totalBytes)}).` : '';
}

function kbFix(id: string, errors: readonly ErrorEntry[]): Fix {
  const entry = errors.find((e) => e.id === id);
  return { title: `Open KB: ${entry?.title ?? id}`, action: openKbAction(id) };
}

function kb(id: string | undefined, errors: readonly ErrorEntry[]): Pick<Finding, 'kbId' | 'href'> {
  return id ? { kbId: id, href: errors.find((e) => e.id === id)?.url } : {};
}

/**
 * Models loaded at the same time (a llama-swap group with `swap: false`, compose services on the
 * same GPUs) must fit together: their totals are summed against the memory they share.
 */
function budgetGroups(judged: Judged[], ctx: FormatCheckContext, out: FileCheck): void {
  // A group needs two deployments: a file of one (every Modelfile) has none to weigh.
  if (judged.length < 2) return;
  const groups = new Map<string, (Judged & { name: string })[]>();
  for (const j of judged) {
    if (!j.d.group) continue;
    const list = groups.get(j.d.group) ?? [];
    list.push({ ...j, name: j.d.label ?? j.answer.input.model.name });
    groups.set(j.d.group, list);
  }
  for (const [group, members] of groups) {
    if (members.length < 2 || ctx.hardware.devices.length === 0) continue;
    const total = members.reduce((sum, m) => sum + m.answer.estimate.totalBytes, 0);
    const usable = Math.max(...members.map((m) => m.answer.estimate.usableBytes));
    if (total <= usable) continue;
    const parts = members.map((m) => `${m.name} ${formatBytes(m.answer.estimate.totalBytes)}`).join(' + ');
    // The group fits when any one member takes less: every member's finding offers every such edit, best first.
    const fixes = bestFirst(
      members.flatMap((m) => {
        const budget = usable - (total - m.answer.estimate.totalBytes);
        const others = total - m.answer.estimate.totalBytes;
        if (budget <= 0) return [];
        // Judged against this group's budget: nothing another file would ask again, so not remembered.
        return editFixes(
          { ...m.fix, memo: undefined },
          (e) => runs(e) && e.totalBytes <= budget,
          (e) => `the group fits, ${formatBytes(others + e.totalBytes)} of ${formatBytes(usable)}`,
          { onlyGood: true },
        ).map((f) => ({ ...f, title: members.length > 1 && m.d.label ? `${m.d.label}: ${f.title}` : f.title }));
      }),
    );
    for (const m of members) {
      out.findings.push(
        finding(
          m.d.model?.range ?? m.d.anchor,
          'group-wont-fit',
          `Group "${group}" loads ${members.length} models together: ${parts} = ${formatBytes(total)}, more than the ${formatBytes(usable)} usable on ${devicesLine(ctx.hardware)}.` +
            bestFixSentence(fixes),
          undefined,
          fixes,
        ),
      );
    }
  }
}

/** `ollama create NAME -f PATH`: where the model's fit is checked, as a link to that Modelfile, or why there is none. */
function builtFromFinding(b: NonNullable<Deployment['builtFrom']>, ctx: FormatCheckContext): Finding {
  const said = `ollama create ${excerpt(b.name)} builds from ${excerpt(b.path)}`;
  if (b.unresolved)
    return finding(b.range, 'built-from-modelfile', `${said}, which depends on ${b.unresolved}: RunLocalAI cannot tell which Modelfile.`);
  const absolute = ctx.baseDir && ctx.files ? ctx.files.resolve(ctx.baseDir, b.path) : undefined;
  if (absolute && ctx.files?.isFile(absolute))
    return {
      ...finding(b.range, 'built-from-modelfile', `${said}; its fit is checked in that Modelfile (open it from this link).`),
      href: fileUri(absolute),
    };
  if (absolute)
    return finding(
      b.range,
      'built-from-modelfile',
      `${said}, which is not found from this file's folder; the model it builds is not checked.`,
    );
  return finding(b.range, 'built-from-modelfile', `${said}; open that Modelfile to check the model it builds.`);
}

function fileUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  return `file://${slashed.startsWith('/') ? '' : '/'}${encodeURI(slashed)}`;
}

/** The verdict could go either way within the estimate's error. */
function withinError(e: { totalBytes: number; usableBytes: number }, error: number): boolean {
  return e.usableBytes > 0 && e.totalBytes * (1 - error) <= e.usableBytes && e.usableBytes <= e.totalBytes * (1 + error);
}
