import type { Catalog, ErrorEntry } from '../catalog/schema';
import { parameter, type Modelfile } from '../configs/modelfile';
import { largestContextThatFits, largestQuantThatFits } from '../estimate/quickFixes';
import type { EstimateInput, Verdict } from '../estimate/types';
import type { Hardware } from '../hardware/types';
import type { ModelResolver } from '../models/resolveModel';
import { breakdownLine, ramLine, verdictText } from '../render/estimateText';
import { formatBytes, formatTokens } from '../render/format';
import { devicesLine } from '../render/hardwareText';
import { excerpt } from '../text/excerpt';
import { openKbAction, type Finding, type Fix, type Range } from '../types';
import { codeInfo, type DiagnosticCode } from '../diagnostics/codes';
import { answerFit, defaultQuant, type FitQuestion } from './fit';
import { modelfileQuestion } from './modelfileQuestion';
import { describeProvenance } from '../sources/describe';
import { factsOf } from '../sources/resolver';
import type { ModelFacts } from '../sources/types';
import { unknownQuantLabel } from './quantLabel';

export interface CheckContext {
  catalog: Catalog;
  models: ModelResolver;
  hardware: Hardware;
  /** The runtime's environment (OLLAMA_*), where the shell knows it. */
  env?: Record<string, string | undefined>;
  /** The Modelfile's folder: `FROM ./model.gguf` is read relative to it. */
  baseDir?: string;
}

/** num_ctx suggestions are whole thousands of tokens, and below 2,048 a chat model is of little use. */
const CONTEXT_STEP = 1024;
const MIN_USEFUL_CONTEXT = 2048;
/** The context a smaller quantization is tried at when none fits the configured one. */
const SHORT_CONTEXT = 4096;

/** Best first: a finding moves to num_gpu only when leaving num_gpu out would be better. */
const VERDICT_RANK: Record<Verdict, number> = { fits: 0, tight: 1, 'partial-offload': 2, 'wont-fit': 3 };

/** Findings for an Ollama Modelfile: syntax problems, bad values, and whether the model fits. */
export function checkModelfile(mf: Modelfile, ctx: CheckContext): Finding[] {
  const findings: Finding[] = mf.problems.map((p) => finding(p.range, 'error', 'modelfile-syntax', p.message));
  if (!mf.from) {
    const first = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    findings.push(
      finding(first, 'warning', 'missing-from', 'A Modelfile needs a FROM instruction naming the base model, e.g. "FROM llama3.1:8b".'),
    );
    return findings;
  }
  const from = mf.from;
  if (!from.model) {
    findings.push(
      finding(
        from.keyword,
        'error',
        'missing-model',
        'FROM needs a model: an Ollama tag (llama3.1:8b), a GGUF file (./model.gguf) or a folder of safetensors.',
      ),
    );
    return findings;
  }
  const asked = modelfileQuestion(mf, ctx.models, findings, ctx.baseDir);
  if (!asked && findings.some((f) => f.code === 'unreadable-model')) return findings;
  if (!asked) {
    findings.push(
      finding(
        from.model.range,
        'information',
        'unknown-model',
        `RunLocalAI does not know "${excerpt(from.model.value)}", so it cannot tell whether it fits. It knows the ${ctx.catalog.models.length} models of its catalog.`,
      ),
    );
    return findings;
  }
  const label = asked.ref.quant ? undefined : unknownQuantLabel(from.model.value, ctx.models);
  if (label) {
    const known = ctx.catalog.quantizations.filter((q) => q.format === 'gguf').map((q) => q.id);
    findings.push(
      finding(
        from.model.range,
        'information',
        'unknown-quantization',
        `"${label}" is not a quantization label RunLocalAI knows, so the verdict assumes ${defaultQuant(asked.ref.model, ctx.catalog).id}. Known GGUF labels: ${known.join(', ')}.`,
      ),
    );
  }
  if (ctx.hardware.source === 'pending') return findings; // diagnostics refresh when detection answers

  const { ref, numCtx, numGpu } = asked;
  const question: FitQuestion = { ...asked.question, env: ctx.env };
  const answer = answerFit(question, ctx.catalog, ctx.hardware);
  const { estimate } = answer;
  const facts = factsOf(ref);
  const guess = facts?.provenance.approximate;
  const from_ = sourceText(facts);
  if (guess && estimate.verdict !== 'fits' && withinError(estimate, guess.errorFraction)) {
    findings.push(
      finding(
        from.model.range,
        'information',
        'cannot-tell',
        `Can't tell from the name: ${ref.model.name} needs about ${formatBytes(estimate.totalBytes)} ±${Math.round(guess.errorFraction * 100)}%, ` +
          `within that range of the ${formatBytes(estimate.usableBytes)} usable. Pull the model or name a catalog model for an exact answer.`,
      ),
    );
    return findings;
  }
  const cpuOnly = ctx.hardware.devices.length === 0;
  if (estimate.verdict === 'fits') return findings;
  if (cpuOnly && estimate.verdict !== 'wont-fit') {
    const why = ctx.hardware.note ?? 'no GPU was detected';
    findings.push(
      finding(
        from.model.range,
        'information',
        'cpu-only',
        `${verdictText(estimate)}: ${ref.model.name} ${answer.quant.id} ${breakdownLine(estimate, answer.ctx)}${ramLine(estimate)}. ${why}; set runlocalai.gpu (or pass --gpu) to check it against a GPU.${from_}`,
      ),
    );
    return findings;
  }

  // The finding sits on what decides it: num_gpu when Ollama's own placement would do better,
  // num_ctx when the same model fits at a small context, else the model itself.
  const unforced =
    question.gpuLayers !== undefined ? answerFit({ ...question, gpuLayers: undefined }, ctx.catalog, ctx.hardware).estimate : undefined;
  const better = (a: Verdict, b: Verdict) => VERDICT_RANK[a] < VERDICT_RANK[b];
  const gpuLayersDecide = unforced !== undefined && better(unforced.verdict, estimate.verdict);
  const atSmallContext = answerFit({ ...question, ctx: MIN_USEFUL_CONTEXT }, ctx.catalog, ctx.hardware).estimate.verdict;
  const contextDecides = atSmallContext === 'fits' || atSmallContext === 'tight';
  const range = gpuLayersDecide && numGpu ? numGpu.range : contextDecides && numCtx ? numCtx.range : from.model.range;
  const measured = estimate.verdict === 'wont-fit' ? 'error' : estimate.verdict === 'partial-offload' ? 'warning' : 'information';
  // Never an error from a guess: a name-only estimate says at most "warning".
  const severity = guess && measured === 'error' ? 'warning' : measured;
  const where = cpuOnly ? 'this machine (no GPU in use)' : devicesLine(ctx.hardware);
  let message = `${verdictText(estimate)} on ${where}: ${ref.model.name} ${answer.quant.id} ${breakdownLine(estimate, answer.ctx)}${ramLine(estimate)}.`;
  if (unforced && gpuLayersDecide && estimate.verdict === 'partial-offload') {
    message += ` num_gpu ${numGpu?.value} keeps ${estimate.totalLayers - estimate.gpuLayers} of ${estimate.totalLayers} layers on the CPU; ${unforced.gpuLayers} would fit on the GPU.`;
  } else if (estimate.verdict === 'partial-offload') {
    message += ` About ${estimate.gpuLayers} of ${estimate.totalLayers} layers fit on the GPU; the rest run on the CPU.`;
  }
  for (const note of [...answer.notes, ...(estimate.warnings ?? [])]) message += ` ${note}.`;
  message += from_;

  const fixes: Fix[] = [];
  if (estimate.verdict !== 'tight') {
    const bestCtx = largestContextThatFits(answer.input, CONTEXT_STEP);
    if (bestCtx >= MIN_USEFUL_CONTEXT && bestCtx < answer.ctx)
      fixes.push(setParameterFix(mf, 'num_ctx', bestCtx, `Set num_ctx to ${formatTokens(bestCtx)} (largest context that fits)`));
    // A smaller quantization means another download, which no edit here can do: say which one.
    if (bestCtx < MIN_USEFUL_CONTEXT) message += smallerQuantHint(answer.input, ctx.catalog);
    // num_gpu: what Ollama itself would place, when the set value is too high or too low.
    const layers = unforced && gpuLayersDecide ? unforced.gpuLayers : estimate.gpuLayers;
    const offloadHelps = estimate.verdict === 'partial-offload' || gpuLayersDecide;
    if (!cpuOnly && offloadHelps && layers > 0 && numGpu?.value !== layers && (layers < estimate.totalLayers || numGpu !== undefined)) {
      const why = layers === estimate.totalLayers ? 'every layer fits on the GPU' : 'GPU layers that fit; the rest run on the CPU';
      fixes.push(setParameterFix(mf, 'num_gpu', layers, `Set num_gpu to ${layers} (${why})`));
    }
  }
  const code = estimate.verdict;
  // Without a GPU, running out means system RAM, not CUDA memory.
  const kb = cpuOnly && code === 'wont-fit' ? 'model-requires-more-system-memory' : codeInfo(code)?.kb;
  if (kb) fixes.push(kbFix(kb, ctx.catalog.errors));
  findings.push({ ...finding(range, severity, code, message), kbId: kb, href: kbUrl(kb, ctx.catalog.errors), fixes });
  return findings;
}

/** " (source: ollama-store llama3.1:8b, /path/blob)" for the message; "" for the catalog. */
function sourceText(facts: ModelFacts | undefined): string {
  if (!facts || facts.provenance.source === 'catalog') return '';
  return ` (source: ${describeProvenance(facts.provenance)})`;
}

/** The verdict could go either way within the estimate's error. */
function withinError(e: { totalBytes: number; usableBytes: number }, error: number): boolean {
  return e.usableBytes > 0 && e.totalBytes * (1 - error) <= e.usableBytes && e.usableBytes <= e.totalBytes * (1 + error);
}

function ggufLadder(catalog: Catalog) {
  return catalog.quantizations.filter((q) => q.format === 'gguf' && /^(Q\d|IQ\d|F16|BF16|MXFP4)/.test(q.id));
}

/** " Q3_K_M would fit (29.1 GiB)", at this context or else at a short one; "" when nothing does. */
function smallerQuantHint(input: EstimateInput, catalog: Catalog): string {
  const quants = ggufLadder(catalog).filter((q) => q.id !== input.quant.id);
  const atCtx = largestQuantThatFits(input, quants);
  if (atCtx) return ` ${atCtx.quant.id} would fit (${formatBytes(atCtx.estimate.totalBytes)}).`;
  const short = Math.min(input.ctx, SHORT_CONTEXT);
  const atShort = short < input.ctx ? largestQuantThatFits({ ...input, ctx: short }, quants) : undefined;
  return atShort ? ` ${atShort.quant.id} would fit at ${formatTokens(short)} tokens (${formatBytes(atShort.estimate.totalBytes)}).` : '';
}

function setParameterFix(mf: Modelfile, key: string, value: number, title: string): Fix {
  const isPreferred = key === 'num_ctx';
  const existing = parameter(mf, key);
  if (existing) return { title, isPreferred, edits: [{ range: existing.value.range, newText: String(value) }] };
  const fromLine = mf.from?.line ?? 0;
  const text = `PARAMETER ${key} ${value}`;
  // After the FROM line; when that is the file's last line, the new line starts with the break.
  if (fromLine >= mf.end.line) return { title, isPreferred, edits: [{ range: { start: mf.end, end: mf.end }, newText: `\n${text}` }] };
  const at = { line: fromLine + 1, character: 0 };
  return { title, isPreferred, edits: [{ range: { start: at, end: at }, newText: `${text}\n` }] };
}

function kbFix(id: string, errors: readonly ErrorEntry[]): Fix {
  const entry = errors.find((e) => e.id === id);
  return { title: `Open KB: ${entry?.title ?? id}`, action: openKbAction(id) };
}

function kbUrl(id: string | undefined, errors: readonly ErrorEntry[]): string | undefined {
  return id ? errors.find((e) => e.id === id)?.url : undefined;
}

function finding(range: Range, severity: Finding['severity'], code: DiagnosticCode, message: string): Finding {
  return { range, severity, code, message, fixes: [] };
}
