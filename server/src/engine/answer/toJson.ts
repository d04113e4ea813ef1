import type { WillItRunJson } from '../../protocol/wire';
import { offloadLine } from '../render/estimateText';
import { devicesLine } from '../render/hardwareText';
import type { WillItRunAnswer } from './types';

/** The answer as plain JSON: what `estimate --json` prints and what the server's request returns. */
export function answerToJson(a: WillItRunAnswer): WillItRunJson {
  const e = a.estimate;
  return {
    model: a.model.id,
    modelName: a.model.name,
    source: { ...a.source },
    quant: a.quant.id,
    ctx: a.settings.ctx.value,
    runtime: a.runtime,
    settings: Object.fromEntries(Object.entries(a.settings).filter(([, v]) => v !== undefined)) as WillItRunJson['settings'],
    weightsBytes: e.weightsBytes,
    kvCacheBytes: e.kvCacheBytes,
    computeBytes: e.computeBytes,
    overheadBytes: e.overheadBytes,
    totalBytes: e.totalBytes,
    usableBytes: e.usableBytes,
    verdict: e.verdict,
    gpuLayers: e.gpuLayers,
    totalLayers: e.totalLayers,
    offload: offloadLine(e) ?? null,
    tokensPerSecond: e.tokensPerSecond ?? null,
    speedBasis: e.speedBasis ?? null,
    hardware: devicesLine(a.hardware),
    devices: e.devices ?? [],
    cpuBytes: e.cpuBytes ?? 0,
    expertsOnCpu: e.expertsOnCpu ?? false,
    cpuMoeLayers: e.cpuMoeLayers ?? 0,
    warnings: e.warnings ?? [],
    parts: e.parts,
    alternatives: a.alternatives.map((x) => ({ ...x, tokensPerSecond: x.tokensPerSecond ?? null })),
  };
}
