import type { GpuComparison, GpuComparisonRow } from '../../protocol/wire';
import { hardwareFromSettings } from '../hardware/fromSettings';
import type { Hardware } from '../hardware/types';
import { devicesLine } from '../render/hardwareText';
import { answerWillItRun, type AnswerDeps } from './answerWillItRun';
import { nearGpuNames } from './gpuSettingCheck';
import type { WillItRunAnswer, WillItRunOutcome, WillItRunQuestion } from './types';

/** Most GPUs one comparison answers: a table a person reads, and a bound on the work. */
export const MAX_COMPARED_GPUS = 16;

function rowOf(label: string, kind: GpuComparisonRow['kind'], a: WillItRunAnswer): GpuComparisonRow {
  const e = a.estimate;
  return {
    label,
    kind,
    verdict: e.verdict,
    totalMemoryBytes: a.hardware.devices.reduce((s, d) => s + d.totalBytes, 0),
    usableBytes: e.usableBytes,
    neededBytes: e.totalBytes,
    gpuLayers: e.gpuLayers,
    totalLayers: e.totalLayers,
    tokensPerSecond: e.tokensPerSecond ?? null,
  };
}

/**
 * "Compare GPUs for this model": the question answered on the hardware in use, then on each named
 * catalog GPU, with the quantization and context the first answer settled on, so that every row
 * is the same model at the same settings and only the GPU differs.
 */
export function compareGpus(
  q: WillItRunQuestion,
  gpuNames: readonly string[],
  deps: AnswerDeps,
): { ok: true; result: GpuComparison } | Extract<WillItRunOutcome, { ok: false }> {
  const current = answerWillItRun(q, deps, { alternatives: false });
  if (!current.ok) return current;
  const a = current.answer;
  const pinned: WillItRunQuestion = { ...q, model: q.model, quant: a.quant.id, ctx: a.settings.ctx.value, runtime: a.runtime };
  const rows: GpuComparisonRow[] = [rowOf(`${devicesLine(deps.hardware)} (in use)`, 'current', a)];
  const unknown: GpuComparison['unknown'] = [];
  const seen = new Set<string>();
  for (const name of gpuNames.slice(0, MAX_COMPARED_GPUS)) {
    const hardware: Hardware | undefined = hardwareFromSettings({ gpu: name, gpuCount: 1, vramGB: null }, deps.catalog, deps.hardware);
    const device = hardware?.devices[0];
    if (!hardware || !device?.catalogId) {
      unknown.push({ name, suggestions: nearGpuNames(name, deps.catalog.gpus) });
      continue;
    }
    if (seen.has(device.catalogId)) continue;
    seen.add(device.catalogId);
    const r = answerWillItRun(pinned, { ...deps, hardware }, { alternatives: false });
    if (r.ok) rows.push(rowOf(device.name, 'catalog', r.answer));
  }
  return {
    ok: true,
    result: { model: a.model.id, modelName: a.model.name, quant: a.quant.id, ctx: a.settings.ctx.value, runtime: a.runtime, rows, unknown },
  };
}
