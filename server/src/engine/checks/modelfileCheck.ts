import type { Catalog, ErrorEntry } from '../catalog/schema';
import { parameter, type Modelfile } from '../configs/modelfile';
import type { Hardware } from '../hardware/types';
import type { EstimateInput } from '../estimate/types';
import type { ModelResolver } from '../models/resolveModel';
import { breakdownLine, verdictLabel } from '../render/estimateText';
import { devicesLine } from '../render/hardwareText';
import { formatTokens } from '../render/format';
import type { Finding, Fix, Range } from '../types';
import { answerFit, type FitQuestion } from './fit';
import { largestContextThatFits, largestQuantThatFits } from '../estimate/quickFixes';
import { formatBytes } from '../render/format';

export interface CheckContext {
  catalog: Catalog;
  models: ModelResolver;
  hardware: Hardware;
}

/** num_ctx suggestions are whole thousands of tokens, and below 2,048 a chat model is of little use. */
const CONTEXT_STEP = 1024;
const MIN_USEFUL_CONTEXT = 2048;
/** The context a smaller quantization is tried at when none fits the configured one. */
const SHORT_CONTEXT = 4096;

function ggufLadder(catalog: Catalog) {
  return catalog.quantizations.filter((q) => q.format === 'gguf' && /^(Q\d|IQ\d|F16|BF16|MXFP4)/.test(q.id));
}

const KB_BY_CODE: Record<string, string> = {
  'wont-fit': 'cuda-out-of-memory',
  'partial-offload': 'ollama-running-slowly',
};

/** Findings for an Ollama Modelfile: syntax problems, bad values, and whether the model fits. */
export function checkModelfile(mf: Modelfile, ctx: CheckContext): Finding[] {
  const findings: Finding[] = mf.problems.map((p) => finding(p.range, 'error', 'modelfile-syntax', p.message));
  if (!mf.from) {
    const first = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    findings.push(finding(first, 'warning', 'missing-from', 'A Modelfile needs a FROM instruction naming the base model, e.g. "FROM llama3.1:8b".'));
    return findings;
  }
  if (!mf.from.model) {
    findings.push(finding(mf.from.keyword, 'error', 'missing-model', 'FROM needs a model: an Ollama tag (llama3.1:8b), a GGUF file (./model.gguf) or a folder of safetensors.'));
    return findings;
  }

  const numCtx = integerParameter(mf, 'num_ctx', 1, findings);
  const numGpu = integerParameter(mf, 'num_gpu', -1, findings);

  const ref = ctx.models.resolve(mf.from.model.value);
  if (!ref) {
    findings.push(
      finding(
        mf.from.model.range,
        'information',
        'unknown-model',
        `RunLocalAI does not know "${mf.from.model.value}", so it cannot tell whether it fits. Models it knows: ${ctx.catalog.models.length} in its catalog.`,
      ),
    );
    return findings;
  }
  if (ctx.hardware.devices.length === 0) return findings; // nothing to compare with (CPU only or not detected yet)

  const question: FitQuestion = {
    model: ref.model,
    quant: ref.quant,
    ctx: numCtx?.value,
    runtime: 'ollama',
    gpuLayers: numGpu !== undefined && numGpu.value >= 0 ? numGpu.value : undefined,
  };
  const answer = answerFit(question, ctx.catalog, ctx.hardware);
  const { estimate } = answer;
  if (estimate.verdict === 'fits') return findings;

  // The finding sits on what decides it: num_gpu when asking for fewer layers would run, num_ctx
  // when the same model fits at a small context, else the model itself.
  const runs = (v: string) => v !== 'wont-fit';
  const gpuLayersDecide = question.gpuLayers !== undefined && runs(answerFit({ ...question, gpuLayers: undefined }, ctx.catalog, ctx.hardware).estimate.verdict);
  const atSmallContext = answerFit({ ...question, ctx: MIN_USEFUL_CONTEXT }, ctx.catalog, ctx.hardware).estimate.verdict;
  const contextDecides = atSmallContext === 'fits' || atSmallContext === 'tight';
  const range = gpuLayersDecide && numGpu ? numGpu.range : contextDecides && numCtx ? numCtx.range : mf.from.model.range;
  const name = `${ref.model.name} ${answer.quant.id}`;
  const where = devicesLine(ctx.hardware);
  const severity = estimate.verdict === 'wont-fit' ? 'error' : estimate.verdict === 'partial-offload' ? 'warning' : 'information';
  let message = `${verdictLabel[estimate.verdict]} on ${where}: ${name} ${breakdownLine(estimate, answer.ctx)}.`;
  if (estimate.verdict === 'partial-offload') message += ` About ${estimate.gpuLayers} of ${estimate.totalLayers} layers fit on the GPU; the rest run on the CPU.`;
  if (!numCtx && answer.ctxSource !== 'set') message += ` (${answer.ctxSource}.)`;

  const fixes: Fix[] = [];
  if (estimate.verdict !== 'tight') {
    const bestCtx = largestContextThatFits(answer.input, CONTEXT_STEP);
    if (bestCtx >= MIN_USEFUL_CONTEXT && bestCtx < answer.ctx) fixes.push(setParameterFix(mf, 'num_ctx', bestCtx, `Set num_ctx to ${formatTokens(bestCtx)} (largest context that fits)`));
    // A smaller quantization means another download, which no edit here can do: say which one.
    if (bestCtx < MIN_USEFUL_CONTEXT) message += smallerQuantHint(answer.input, ctx.catalog);
    const offloadHelps = estimate.verdict === 'partial-offload' || gpuLayersDecide;
    if (offloadHelps && estimate.gpuLayers > 0 && estimate.gpuLayers < estimate.totalLayers && numGpu?.value !== estimate.gpuLayers) {
      fixes.push(setParameterFix(mf, 'num_gpu', estimate.gpuLayers, `Set num_gpu to ${estimate.gpuLayers} (GPU layers that fit; the rest run on the CPU)`));
    }
  }
  const code = estimate.verdict;
  const kb = KB_BY_CODE[code];
  if (kb) fixes.push(kbFix(kb, ctx.catalog.errors));
  findings.push({ ...finding(range, severity, code, message), kbId: kb, href: kbUrl(kb, ctx.catalog.errors), fixes });
  return findings;
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

function integerParameter(mf: Modelfile, key: string, min: number, findings: Finding[]) {
  const p = parameter(mf, key);
  if (!p) return undefined;
  const raw = p.value.value.trim();
  if (!/^-?\d+$/.test(raw) || Number(raw) < min) {
    const range = raw ? p.value.range : p.key.range;
    findings.push(finding(range, 'error', 'invalid-parameter', `${key} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, found ${raw ? `"${raw}"` : 'nothing'}.`));
    return undefined;
  }
  return { value: Number(raw), range: p.value.range };
}

function setParameterFix(mf: Modelfile, key: string, value: number, title: string): Fix {
  const existing = parameter(mf, key);
  if (existing) return { title, isPreferred: key === 'num_ctx', edits: [{ range: existing.value.range, newText: String(value) }] };
  const line = (mf.from?.line ?? 0) + 1;
  const at = { line, character: 0 };
  return { title, isPreferred: key === 'num_ctx', edits: [{ range: { start: at, end: at }, newText: `PARAMETER ${key} ${value}\n` }] };
}

function kbFix(id: string, errors: readonly ErrorEntry[]): Fix {
  const entry = errors.find((e) => e.id === id);
  return { title: `Open KB: ${entry?.title ?? id}`, command: { name: 'runlocalai.openKbEntry', arguments: [{ id }] } };
}

function kbUrl(id: string | undefined, errors: readonly ErrorEntry[]): string | undefined {
  return id ? errors.find((e) => e.id === id)?.url : undefined;
}

function finding(range: Range, severity: Finding['severity'], code: string, message: string): Finding {
  return { range, severity, code, message, fixes: [] };
}
