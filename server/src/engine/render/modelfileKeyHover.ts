import type { Catalog } from '../catalog/schema';
import { answerFit } from '../checks/fit';
import { modelfileQuestion } from '../checks/modelfileQuestion';
import type { Modelfile } from '../configs/modelfile';
import { gpuLayersThatFit, largestContextThatFits } from '../estimate/quickFixes';
import { devicesLine } from './hardwareText';
import type { Hardware } from '../hardware/types';
import type { ModelResolver } from '../models/resolveModel';
import type { Position, Range } from '../types';
import { configKeyHover, type KeyEstimate } from './configKeyHover';
import { formatTokens } from './format';

/**
 * A hover on a Modelfile PARAMETER key: the key's meaning from the catalog, and for num_ctx and
 * num_gpu what the current value costs on the detected hardware and a value that would fit.
 */
export function modelfileKeyHover(
  mf: Modelfile,
  position: Position,
  catalog: Catalog,
  hardware: Hardware,
  models: ModelResolver,
): { markdown: string; range: Range } | undefined {
  const p = mf.parameters.find((x) => x.line === position.line && inside(x.key.range, position));
  if (!p) return undefined;
  const key = p.key.value.toLowerCase();
  const markdown = configKeyHover(catalog, {
    runtime: 'ollama',
    key,
    value: p.value.value,
    estimate: key === 'num_ctx' || key === 'num_gpu' ? estimateFor(mf, key, catalog, hardware, models) : undefined,
  });
  return markdown ? { markdown, range: p.key.range } : undefined;
}

function estimateFor(mf: Modelfile, key: string, catalog: Catalog, hardware: Hardware, models: ModelResolver): KeyEstimate | undefined {
  if (hardware.source === 'pending') return undefined;
  const asked = modelfileQuestion(mf, models);
  if (!asked) return undefined;
  const answer = answerFit(asked.question, catalog, hardware);
  const e = answer.estimate;
  const estimate: KeyEstimate = {
    hardware: hardware.devices.length ? devicesLine(hardware) : 'this machine (no GPU)',
    verdict: e.verdict,
    neededBytes: e.totalBytes,
    usableBytes: e.usableBytes,
  };
  if (key === 'num_ctx') estimate.cost = { label: `KV cache for ${formatTokens(answer.ctx)} tokens`, bytes: e.kvCacheBytes };
  const runs = e.verdict === 'fits' || e.verdict === 'tight';
  if (!runs && hardware.devices.length) {
    if (key === 'num_ctx') {
      const best = largestContextThatFits(answer.input, 1024);
      if (best > 0) estimate.fits = { value: String(best), why: 'the largest context that fits on the GPU' };
    } else {
      const layers = gpuLayersThatFit(answer.input);
      if (layers > 0) estimate.fits = { value: String(layers), why: `${layers} of ${e.totalLayers} layers fit on the GPU` };
    }
  }
  return estimate;
}

function inside(r: Range, p: Position): boolean {
  return r.start.line === p.line && r.start.character <= p.character && p.character < r.end.character;
}
