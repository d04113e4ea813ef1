import type { Deployment, SettingName } from '../formats/types';
import type { Finding, TextEdit } from '../types';
import type { RuntimeReport } from './runtimeReport';

/** A config file's deployments, as a format read them. */
export interface ConfigCandidate {
  uri: string;
  deployments: readonly Deployment[];
}

/** The config whose deployment a log most likely came from, and why. */
export interface ConfigLink {
  uri: string;
  deployment: Deployment;
  /** 0-based line of the deployment's model (or its anchor). */
  line: number;
  score: number;
  reasons: string[];
}

// The model decides: a config that runs another model is no match whatever else agrees.
const SAME_MODEL = 4;
const SIMILAR_NAME = 2;
const SAME_RUNTIME = 2;
// Ollama since 0.30 starts llama-server, so its logs print llama.cpp's lines.
const OLLAMA_RUNS_LLAMA_CPP = 1;
const SAME_CONTEXT = 1;

/** A model reference reduced to what names it: "/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf" → "metallama318binstructq4km". */
export function modelKey(text: string): string {
  const cut = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  let base = text.slice(cut + 1).toLowerCase();
  if (base.endsWith('.gguf')) base = base.slice(0, -'.gguf'.length);
  let key = '';
  for (const c of base) if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
  return key;
}

function modelScore(
  logModel: string,
  configModel: string,
  resolve: (ref: string) => string | undefined,
): { score: number; reason?: string } {
  const a = resolve(logModel);
  const b = resolve(configModel);
  if (a && b) return a === b ? { score: SAME_MODEL, reason: `same model (${a})` } : { score: 0 };
  const ka = modelKey(logModel);
  const kb = modelKey(configModel);
  if (ka.length === 0 || kb.length === 0) return { score: 0 };
  if (ka === kb) return { score: SAME_MODEL, reason: `same model name (${configModel})` };
  // A file name holds the repository's name plus a quantization suffix, or the other way round.
  const shorter = ka.length < kb.length ? ka : kb;
  if (shorter.length >= 6 && (ka.includes(kb) || kb.includes(ka)))
    return { score: SIMILAR_NAME, reason: `similar model name (${configModel})` };
  return { score: 0 };
}

function contextOf(d: Deployment): number | undefined {
  const v = d.settings.context?.value;
  if (v === undefined || !/^\d{1,9}$/.test(v)) return undefined;
  return Number(v);
}

/**
 * The deployment a log most likely came from: same model first, then the same runtime, then the same
 * context. Without a model in the log, a runtime and a context that both agree are enough. Ties go to
 * the earlier candidate (the shell passes open documents first). Linear in the deployments.
 */
export function linkLogToConfig(
  report: RuntimeReport,
  candidates: readonly ConfigCandidate[],
  resolve: (ref: string) => string | undefined,
): ConfigLink | undefined {
  const logCtx = report.runtime === 'vllm' ? report.maxModelLen.asked : report.ctx;
  let best: ConfigLink | undefined;
  for (const c of candidates) {
    for (const d of c.deployments) {
      const reasons: string[] = [];
      let score = 0;
      let modelAgrees = false;
      if (report.model && d.model && !d.model.unresolved) {
        const m = modelScore(report.model, d.model.value, resolve);
        if (m.score === 0) continue;
        modelAgrees = true;
        score += m.score;
        reasons.push(m.reason!);
      }
      let runtimeAgrees = false;
      if (report.runtime === d.runtime) {
        score += SAME_RUNTIME;
        runtimeAgrees = true;
        reasons.push(`same runtime (${d.runtime})`);
      } else if (report.runtime === 'llama.cpp' && d.runtime === 'ollama') {
        score += OLLAMA_RUNS_LLAMA_CPP;
        reasons.push('Ollama runs llama.cpp');
      } else if (report.runtime && !modelAgrees) continue;
      const ctx = contextOf(d);
      const ctxAgrees = logCtx !== undefined && ctx === logCtx;
      if (ctxAgrees) {
        score += SAME_CONTEXT;
        reasons.push(`same context (${logCtx})`);
      }
      if (!modelAgrees && !(runtimeAgrees && ctxAgrees)) continue;
      if (!best || score > best.score) {
        const line = (d.model?.range ?? d.anchor).start.line;
        best = { uri: c.uri, deployment: d, line, score, reasons };
      }
    }
  }
  return best;
}

/** A value the runtime printed, written into the linked config. */
export interface FigureFix {
  title: string;
  setting: SettingName;
  value: string;
  /** The 0-based log line that states the value. */
  logLine: number;
  edits: TextEdit[];
}

/**
 * What the runtime itself said would fit, as an edit of the linked deployment: vLLM's "estimated
 * maximum model length" (V1) or KV cache capacity in tokens (V0) becomes max_model_len, llama.cpp's and Ollama's offload count the GPU
 * layers. With `line`, only a fix whose figure stands on that log line.
 */
export function figureFix(report: RuntimeReport, link: ConfigLink, line?: number): FigureFix | undefined {
  const d = link.deployment;
  const make = (setting: SettingName, value: string, logLine: number, title: string): FigureFix | undefined => {
    const edits = d.edit(setting, value);
    return edits.length > 0 ? { title, setting, value, logLine, edits } : undefined;
  };
  const onLine = (pred: (kind: string) => boolean) =>
    report.figureLines.filter((fl) => (line === undefined || fl.line === line) && fl.facts.some((f) => pred(f.kind)));
  if (d.runtime === 'vllm') {
    // V1 says "the estimated maximum model length is N"; V0 "the maximum number of tokens that can be
    // stored in KV cache (N)". The last such line on (or anywhere in) the log.
    let found: { tokens: number; line: number } | undefined;
    for (const fl of onLine((k) => k === 'maxModelLen'))
      for (const f of fl.facts)
        if (f.kind === 'maxModelLen' && (f.said === 'estimated' || f.said === 'fits')) found = { tokens: f.tokens, line: fl.line };
    if (!found || found.tokens <= 0 || String(found.tokens) === d.settings.context?.value) return undefined;
    const key = d.settings.context?.key ?? 'max_model_len';
    return make('context', String(found.tokens), found.line, `Set ${key} to ${found.tokens}, the most vLLM said its KV cache holds`);
  }
  const layers = report.layers;
  const at = onLine((k) => k === 'layers').pop();
  if (!layers || !at || layers.offloaded <= 0 || layers.offloaded >= layers.total) return undefined;
  if (String(layers.offloaded) === d.settings.gpuLayers?.value) return undefined;
  const key = d.settings.gpuLayers?.key ?? (d.runtime === 'ollama' ? 'num_gpu' : '-ngl');
  return make('gpuLayers', String(layers.offloaded), at.line, `Set ${key} to ${layers.offloaded}, the layers the runtime put on the GPU`);
}

const SEVERITY_RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** The linked config's own best edit fix: from its most severe finding on the deployment's lines. */
export function bestConfigFix(
  link: ConfigLink,
  findings: readonly Finding[],
): { title: string; message: string; edits: TextEdit[] } | undefined {
  const d = link.deployment;
  const lines = new Set<number>([d.anchor.start.line, link.line]);
  for (const s of Object.values(d.settings)) if (s) lines.add(s.range.start.line);
  const ranked = findings
    .filter((f) => lines.has(f.range.start.line) && f.fixes.some((x) => x.edits && x.edits.length > 0))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  for (const f of ranked) {
    const withEdits = f.fixes.filter((x) => x.edits && x.edits.length > 0);
    const fix = withEdits.find((x) => x.isPreferred) ?? withEdits[0];
    return { title: fix.title, message: f.message, edits: fix.edits! };
  }
  return undefined;
}
