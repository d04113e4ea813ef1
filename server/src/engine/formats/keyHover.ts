import type { Catalog, ConfigKey, ConfigRuntime } from '../catalog/schema';
import { answerFit, type FitAnswer } from '../checks/fit';
import { estimateMemory } from '../estimate/estimateMemory';
import { gpuLayersThatFit, largestContextThatFits } from '../estimate/quickFixes';
import type { Hardware } from '../hardware/types';
import type { ModelResolver } from '../models/resolveModel';
import { configKeyHover, findConfigKey, type KeyEstimate } from '../render/configKeyHover';
import { formatTokens } from '../render/format';
import { devicesLine } from '../render/hardwareText';
import type { Position, Range } from '../types';
import { deploymentQuestion } from './check';
import { renderSettingHover } from './settingHover';
import type { Deployment, FormatId, Parsed, SettingName } from './types';

export interface KeyHoverContext {
  catalog: Catalog;
  models: ModelResolver;
  /** The hardware the file is judged on (its own target where it declares one). */
  hardware: Hardware;
  env?: Record<string, string | undefined>;
}

/** The catalog's `affects` for each setting a deployment models: the fallback when a spelling is not in the catalog. */
const AFFECTS: Partial<Record<SettingName, ConfigKey['affects'][]>> = {
  context: ['context'],
  gpuLayers: ['gpu-layers'],
  parallel: ['parallel'],
  flashAttention: ['flash-attention'],
  kvType: ['kv-type-k', 'kv-type'],
  kvTypeV: ['kv-type-v', 'kv-type'],
  gpuMemoryUtilization: ['gpu-memory-fraction'],
};

interface Mention {
  d: Deployment;
  key: string;
  value: string;
  range: Range;
  setting?: SettingName;
}

/**
 * A hover on a key or flag of any config format: what it does to memory and speed and its default
 * in that runtime (from the catalog), what the current value costs on the hardware, and a value
 * that would fit. A setting the catalog does not describe keeps the generic setting hover.
 */
export function formatKeyHover(
  formatId: FormatId,
  parsed: Parsed,
  position: Position,
  ctx: KeyHoverContext,
): { markdown: string; range: Range } | undefined {
  const m = mentionAt(parsed, position);
  if (!m) return undefined;
  const runtimes: ConfigRuntime[] = formatId === 'localai' ? ['localai', m.d.runtime] : [m.d.runtime];
  const entry = lookup(ctx.catalog, runtimes, m.key, m.setting);
  const answer = m.setting || entry ? answerOf(m.d, ctx) : undefined;
  if (!entry) {
    if (!m.setting) return undefined;
    const setting = m.d.settings[m.setting]!;
    return { markdown: renderSettingHover(m.setting, setting, answer?.answer), range: m.range };
  }
  const markdown = configKeyHover(ctx.catalog, {
    runtime: entry.runtime,
    key: entry.matchedAs,
    value: m.value,
    estimate: answer && estimateFor(m.setting, answer.answer, answer.hardware),
  });
  return markdown ? { markdown, range: m.range } : undefined;
}

function mentionAt(parsed: Parsed, p: Position): Mention | undefined {
  for (const d of parsed.deployments) {
    for (const [name, s] of Object.entries(d.settings) as [SettingName, NonNullable<Deployment['settings'][SettingName]>][]) {
      if (s.keyRange && within(s.keyRange, p)) return { d, key: s.key, value: s.value, range: s.keyRange, setting: name };
      if (within(s.range, p)) return { d, key: s.key, value: s.value, range: s.range, setting: name };
    }
    const other = d.otherKeys?.find((k) => within(k.keyRange, p));
    if (other) return { d, key: other.key, value: other.value, range: other.keyRange };
  }
  return undefined;
}

/**
 * The catalog entry for a key as a format writes it: exactly, then as the flag the YAML key stands
 * for (`maxModelLen`, `ctx-size` → `--max-model-len`, `--ctx-size`), then by what the setting does.
 */
function lookup(
  catalog: Pick<Catalog, 'keys'>,
  runtimes: ConfigRuntime[],
  key: string,
  setting: SettingName | undefined,
): { runtime: ConfigRuntime; matchedAs: string } | undefined {
  const dashed = key.startsWith('--') ? '--' + key.slice(2).replace(/_/g, '-') : '--' + kebab(key);
  for (const runtime of runtimes) {
    for (const candidate of [key, dashed]) if (findConfigKey(catalog, runtime, candidate)) return { runtime, matchedAs: candidate };
  }
  const wanted = setting ? (AFFECTS[setting] ?? []) : [];
  for (const runtime of runtimes) {
    const k = (catalog.keys ?? []).find((x) => x.runtime === runtime && wanted.includes(x.affects));
    if (k) return { runtime, matchedAs: k.key };
  }
  return undefined;
}

/** `maxModelLen`, `max_model_len`, `ctx-size` → `max-model-len`, `ctx-size`; a scan, no regex over text. */
function kebab(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '_') out += '-';
    else if (c >= 'A' && c <= 'Z') out += (i > 0 && key[i - 1] !== '_' && key[i - 1] !== '-' ? '-' : '') + c.toLowerCase();
    else out += c;
  }
  return out;
}

function answerOf(d: Deployment, ctx: KeyHoverContext): { answer: FitAnswer; hardware: Hardware } | undefined {
  if (ctx.hardware.source === 'pending') return undefined;
  const asked = deploymentQuestion(d, ctx);
  if (!asked) return undefined;
  const hardware = asked.hardware ?? ctx.hardware;
  return { answer: answerFit(asked.question, ctx.catalog, hardware), hardware };
}

/** What this value costs and, when the deployment does not run on the GPU, the value of this key that would. */
function estimateFor(setting: SettingName | undefined, answer: FitAnswer, hardware: Hardware): KeyEstimate {
  const e = answer.estimate;
  const estimate: KeyEstimate = {
    hardware: hardware.devices.length ? devicesLine(hardware) : 'this machine (no GPU)',
    verdict: e.verdict,
    neededBytes: e.totalBytes,
    usableBytes: e.usableBytes,
  };
  if (setting === 'context' || setting === 'kvType' || setting === 'kvTypeV' || setting === 'parallel')
    estimate.cost = { label: `KV cache for ${formatTokens(answer.ctx)} tokens`, bytes: e.kvCacheBytes };
  const runs = e.verdict === 'fits' || e.verdict === 'tight';
  if (runs || !hardware.devices.length) return estimate;
  if (setting === 'context') {
    const best = largestContextThatFits(answer.input, 1024);
    if (best > 0) estimate.fits = { value: String(best), why: 'the largest context that fits on the GPU' };
  } else if (setting === 'gpuLayers' && answer.input.runtime !== 'vllm') {
    const layers = gpuLayersThatFit(answer.input);
    if (layers > 0) estimate.fits = { value: String(layers), why: `${layers} of ${e.totalLayers} layers fit on the GPU` };
  } else if ((setting === 'kvType' || setting === 'kvTypeV') && answer.input.kvType !== 'q8_0') {
    const q8 = estimateMemory({ ...answer.input, kvType: 'q8_0', kvTypeV: 'q8_0', flashAttention: true });
    if (q8.verdict === 'fits' || q8.verdict === 'tight') estimate.fits = { value: 'q8_0', why: 'a q8_0 KV cache runs on the GPU' };
  }
  return estimate;
}

function within(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character < r.end.character);
  return afterStart && beforeEnd;
}
