import type { Catalog, Model, Quantization } from '../catalog/schema';
import { estimateMemory } from '../estimate/estimateMemory';
import type { KvCacheType, MemoryEstimate, Runtime } from '../estimate/types';
import type { Hardware } from '../hardware/types';
import { GiB } from '../types';

export interface FitQuestion {
  model: Model;
  quant?: Quantization;
  ctx?: number;
  runtime: Runtime;
  gpuLayers?: number;
  kvType?: KvCacheType;
  parallel?: number;
  flashAttention?: boolean;
}

export interface FitAnswer {
  estimate: MemoryEstimate;
  quant: Quantization;
  ctx: number;
  /** Where ctx came from, for the message ("num_ctx", "Ollama's default for 12 GiB"). */
  ctxSource: string;
}

/** Ollama's default context when none is set: by total VRAM in current versions (server/routes.go). */
export function ollamaDefaultContext(hardware: Hardware): number {
  const vram = Math.max(0, ...hardware.devices.map((d) => d.totalBytes));
  if (vram >= 47 * GiB) return 262144;
  if (vram >= 23 * GiB) return 32768;
  return 4096;
}

export function defaultQuant(model: Model, catalog: Pick<Catalog, 'quantizations'>): Quantization {
  const id = model.ollamaDefaultQuant ?? 'Q4_K_M';
  const q = catalog.quantizations.find((x) => x.id === id) ?? catalog.quantizations.find((x) => x.id === 'Q4_K_M');
  if (!q) throw new Error(`catalog has no quantization ${id}`);
  return q;
}

/** Fills in what the runtime would default to, then estimates. */
export function answerFit(q: FitQuestion, catalog: Pick<Catalog, 'quantizations'>, hardware: Hardware): FitAnswer {
  const quant = q.quant ?? defaultQuant(q.model, catalog);
  let ctx = q.ctx;
  let ctxSource = 'set';
  if (ctx === undefined || ctx === 0) {
    if (q.runtime === 'ollama' && ctx === undefined) {
      ctx = Math.min(ollamaDefaultContext(hardware), q.model.architecture.contextLength);
      ctxSource = "Ollama's default for this GPU";
    } else {
      ctx = q.model.architecture.contextLength;
      ctxSource = "the model's trained context";
    }
  }
  const estimate = estimateMemory({
    model: q.model,
    quant,
    ctx,
    runtime: q.runtime,
    gpuLayers: q.gpuLayers,
    kvType: q.kvType,
    parallel: q.parallel,
    flashAttention: q.flashAttention,
    hardware,
  });
  return { estimate, quant, ctx, ctxSource };
}
