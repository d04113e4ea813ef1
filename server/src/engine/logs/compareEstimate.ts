import type { Catalog, Quantization } from '../catalog/schema';
import { answerFit } from '../checks/fit';
import type { KvCacheType, Runtime } from '../estimate/types';
import type { Hardware } from '../hardware/types';
import type { ModelResolver } from '../models/resolveModel';
import type { MemoryPart } from './runtimeLines';
import type { RuntimeReport } from './runtimeReport';

export interface ComparisonRow {
  part: MemoryPart;
  /** What the runtime printed, when it printed this part. */
  runtimeBytes?: number;
  oursBytes: number;
  /** ours − runtime: positive when we estimate more than the runtime used. */
  diffBytes?: number;
  diffPercent?: number;
}

export type RuntimeComparison =
  | {
      ok: true;
      report: RuntimeReport;
      modelName: string;
      quant: string;
      ctx: number;
      runtime: Runtime;
      rows: ComparisonRow[];
      /** What differs in meaning between the two columns, said once. */
      notes: string[];
    }
  | { ok: false; report: RuntimeReport; reason: string };

/** llama.cpp's "file type" labels and vLLM's dtype/quantization, as catalog quantization ids. */
export function quantIdOf(fileType: string): string | undefined {
  const t = fileType.trim().toLowerCase();
  const kQuant = /^(q[2-6]_k)(?: - (small|medium|large))?/.exec(t);
  if (kQuant) {
    const base = kQuant[1].toUpperCase();
    if (base === 'Q6_K' || base === 'Q2_K') return base;
    return kQuant[2] ? `${base}_${kQuant[2][0].toUpperCase()}` : `${base}_M`;
  }
  const simple: Record<string, string> = {
    q8_0: 'Q8_0',
    q5_0: 'Q5_0',
    q4_0: 'Q4_0',
    f16: 'F16',
    bf16: 'BF16',
    'all f32': 'F32',
    f32: 'F32',
    bfloat16: 'SAFETENSORS_BF16',
    float16: 'SAFETENSORS_F16',
    fp8: 'FP8',
    awq: 'AWQ_INT4_G128',
    awq_marlin: 'AWQ_INT4_G128',
    gptq: 'GPTQ_INT4_G128',
    gptq_marlin: 'GPTQ_INT4_G128',
  };
  const first = t.split(' ')[0];
  if (t.startsWith('iq4_xs')) return 'IQ4_XS';
  if (t.startsWith('mxfp4')) return 'MXFP4';
  return simple[t] ?? simple[first];
}

function kvTypeOf(text: string | undefined): KvCacheType | undefined {
  const t = text?.toLowerCase();
  return t === 'f16' || t === 'q8_0' || t === 'q4_0' || t === 'fp8' ? t : undefined;
}

/** The devices the log itself reports, so that placement matches the run being compared. */
function hardwareOf(report: RuntimeReport, fallback: Hardware): Hardware {
  if (report.devices.length > 0) {
    return {
      source: 'setting',
      note: 'devices as the log reports them',
      devices: report.devices.map((d) => ({ name: d.name, vendor: 'unknown', totalBytes: d.totalBytes, unified: false })),
      ramBytes: fallback.ramBytes,
    };
  }
  if (fallback.devices.length > 0) return fallback;
  // Nothing says which GPU ran it: a device large enough that placement follows the log's layer count.
  return {
    source: 'setting',
    note: 'no device named in the log',
    devices: [{ name: 'unnamed GPU', vendor: 'unknown', totalBytes: 1024 ** 4, unified: false }],
  };
}

/** Our estimate for the model and settings a log names, part by part beside the runtime's own figures. */
export function compareWithEstimate(
  report: RuntimeReport,
  catalog: Pick<Catalog, 'quantizations'>,
  resolver: ModelResolver,
  hardware: Hardware,
): RuntimeComparison {
  if (!report.model) return { ok: false, report, reason: 'the log does not say which model it loaded' };
  const ref = resolver.resolve(report.model);
  if (!ref) return { ok: false, report, reason: `the model "${report.model}" is not in the catalog` };
  const fromType = report.fileType ? quantIdOf(report.fileType) : undefined;
  const quant: Quantization | undefined = (fromType ? resolver.quantization(fromType) : undefined) ?? ref.quant;
  const runtime: Runtime = report.runtime === 'vllm' ? 'vllm' : report.runtime === 'ollama' ? 'ollama' : 'llama.cpp';
  const ctx = runtime === 'vllm' ? report.maxModelLen.asked : report.ctx;
  const partial = report.layers && report.layers.offloaded < report.layers.total ? report.layers.offloaded : undefined;
  const answer = answerFit(
    {
      model: ref.model,
      quant,
      ctx,
      runtime,
      gpuLayers: partial,
      kvType: kvTypeOf(report.kvType),
      parallel: runtime === 'vllm' ? undefined : 1,
    },
    catalog,
    hardwareOf(report, hardware),
  );
  const est = answer.estimate;
  const ours: Record<MemoryPart, number> = { weights: est.weightsBytes, kvCache: est.kvCacheBytes, compute: est.computeBytes };
  const rows: ComparisonRow[] = (['weights', 'kvCache', 'compute'] as const).map((part) => {
    const runtimeBytes = part === 'kvCache' && runtime === 'vllm' ? report.kvAvailableBytes : report.parts[part];
    if (runtimeBytes === undefined) return { part, oursBytes: ours[part] };
    const diffBytes = ours[part] - runtimeBytes;
    return {
      part,
      runtimeBytes,
      oursBytes: ours[part],
      diffBytes,
      diffPercent: runtimeBytes > 0 ? (100 * diffBytes) / runtimeBytes : undefined,
    };
  });
  const notes: string[] = [];
  if (runtime === 'vllm')
    notes.push(`vLLM's KV figure is the pool left after weights and activations; ours is what one ${answer.ctx}-token sequence needs.`);
  if (report.source === 'ollama-estimate') notes.push("These are Ollama's own up-front estimates (before 0.30), not what it allocated.");
  if (est.overheadBytes > 0)
    notes.push(
      `Our runtime reserve (${Math.round(est.overheadBytes / 1024 ** 2)} MiB for the driver context) is not in the runtime's figures.`,
    );
  return { ok: true, report, modelName: ref.model.name, quant: answer.quant.id, ctx: answer.ctx, runtime, rows, notes };
}
