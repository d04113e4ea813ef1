import * as path from 'node:path';
import type { Model, Quantization } from '../../engine/catalog/schema';
import { answerFit } from '../../engine/checks/fit';
import { findModel } from '../../engine/checks/willItRun';
import { HfConfigError, modelFromHfConfig, parseHfConfig, quantizationForConfig, type HfConfigInfo } from '../../engine/configs/hfConfig';
import type { KvCacheType, MemoryEstimate, Runtime } from '../../engine/estimate/types';
import { createModelResolver } from '../../engine/models/resolveModel';
import { breakdownLine, ramLine, speedLine, verdictText } from '../../engine/render/estimateText';
import { devicesLine } from '../../engine/render/hardwareText';
import { FileRefused } from '../../io/readBounded';
import { numberOption, parse, UsageError } from '../args';
import type { CliDeps } from '../cli';
import { cliHardware, hardwareFlags } from '../hardwareOptions';

export const estimateUsage =
  'runlocalai estimate <model> | --config <config.json> [--quant Q] [--ctx N] [--runtime ollama|llama.cpp|vllm] [--kv-type f16|q8_0|q4_0|fp8] ' +
  '[--parallel N] [--flash-attention | --no-flash-attention] [--tensor-parallel N] [--gpu NAME | --vram GB] [--gpus N] [--ram GB] [--json]';

// A model's config.json is a few KiB; the largest real ones (with every layer's type listed) stay far below this.
const MAX_CONFIG_BYTES = 1024 * 1024;

// Documented maxima of the numeric flags (README): the longest context any model here takes (10M
// tokens, Llama 4 Scout) with room, the most sequences a runtime serves at once, the GPUs one node shards over.
const MAX_CONTEXT = 16_777_216;
const MAX_PARALLEL = 4096;
const MAX_TENSOR_PARALLEL = 64;

const RUNTIMES: Runtime[] = ['ollama', 'llama.cpp', 'vllm'];
const KV_TYPES: KvCacheType[] = ['f16', 'q8_0', 'q4_0', 'fp8'];
// vLLM stores KV as its dtype or fp8; llama.cpp and Ollama as f16, q8_0 or q4_0.
const KV_TYPES_BY_RUNTIME: Record<Runtime, KvCacheType[]> = {
  vllm: ['f16', 'fp8'],
  'llama.cpp': ['f16', 'q8_0', 'q4_0'],
  ollama: ['f16', 'q8_0', 'q4_0'],
};

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: T[]): T | undefined {
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase() as T;
  if (!allowed.includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return v;
}

interface Answer {
  model: string;
  modelId: string;
  quant: string;
  ctx: number;
  estimate: MemoryEstimate;
}

/** `runlocalai estimate`: the memory a model needs and whether it fits. Returns the exit code. */
export async function runEstimate(argv: string[], { catalog, io, detect, env }: CliDeps): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...hardwareFlags,
    quant: { type: 'string', short: 'q' },
    ctx: { type: 'string', short: 'c' },
    config: { type: 'string' },
    runtime: { type: 'string' },
    'kv-type': { type: 'string' },
    parallel: { type: 'string', short: 'p' },
    'flash-attention': { type: 'boolean' },
    'no-flash-attention': { type: 'boolean' },
    'tensor-parallel': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.config ? positionals.length !== 0 : positionals.length !== 1) {
    throw new UsageError(`give one model or --config <config.json>.\nusage: ${estimateUsage}`);
  }
  const ctx = numberOption('ctx', values.ctx, { integer: true, min: 0, max: MAX_CONTEXT });
  const parallel = numberOption('parallel', values.parallel, { integer: true, min: 1, max: MAX_PARALLEL });
  const tpArg = numberOption('tensor-parallel', values['tensor-parallel'], { integer: true, min: 1, max: MAX_TENSOR_PARALLEL });
  const runtime = oneOf('runtime', values.runtime, RUNTIMES) ?? 'ollama';
  const kvType = oneOf('kv-type', values['kv-type'], KV_TYPES);
  const kvTypesOf = KV_TYPES_BY_RUNTIME[runtime];
  if (kvType && !kvTypesOf.includes(kvType)) {
    throw new UsageError(`--kv-type ${kvType} is not a KV cache type of ${runtime}: use ${kvTypesOf.join(', ')}`);
  }
  const hardware = await cliHardware(values, catalog, detect);
  // vLLM runs on one GPU unless told otherwise; with several present, assume they are meant to shard.
  const tensorParallel = runtime === 'vllm' ? (tpArg ?? Math.max(1, hardware.devices.length)) : undefined;
  const tpNote =
    runtime === 'vllm' && tpArg === undefined && hardware.devices.length > 1
      ? `assumed tensor_parallel_size ${hardware.devices.length} (all GPUs); set --tensor-parallel`
      : undefined;
  if (values['flash-attention'] && values['no-flash-attention'])
    throw new UsageError('give --flash-attention or --no-flash-attention, not both');
  const flashAttention = values['flash-attention'] ? true : values['no-flash-attention'] ? false : undefined;
  const resolver = createModelResolver(catalog);
  const quantArg = values.quant;
  let quant: Quantization | undefined;
  if (quantArg) {
    quant = resolver.quantization(quantArg);
    if (!quant) {
      io.err(`runlocalai: Unknown quantization "${quantArg}". Known: ${catalog.quantizations.map((x) => x.id).join(', ')}.`);
      return 2;
    }
  }

  let model: Model;
  let chosenQuant = quant;
  const configWarnings: string[] = [];
  if (values.config) {
    let info: HfConfigInfo;
    try {
      info = parseHfConfig((await io.readFile(values.config, MAX_CONFIG_BYTES)).toString('utf8'));
    } catch (err) {
      const why =
        err instanceof HfConfigError
          ? err.message
          : `cannot read ${values.config}: ${err instanceof FileRefused ? err.message : ((err as NodeJS.ErrnoException).code ?? (err as Error).message)}`;
      io.err(`runlocalai: ${why}`);
      return 2;
    }
    const file = path.resolve(values.config);
    const base = path.basename(file).replace(/\.json$/i, '');
    const name = (base.toLowerCase() === 'config' ? path.basename(path.dirname(file)) : base) || info.modelType;
    model = { ...modelFromHfConfig(info, name, { title: 'config.json', url: `file://${file}` }), id: info.modelType };
    chosenQuant ??= quantizationForConfig(info, catalog);
    configWarnings.push(...info.warnings);
  } else {
    const found = findModel(positionals[0], catalog, resolver);
    if (!found) {
      io.err(`runlocalai: Unknown model "${positionals[0]}". Try an Ollama tag (llama3.1:8b), a Hugging Face id or a catalog name.`);
      return 2;
    }
    model = found.model;
    chosenQuant ??= found.quant;
  }
  const a = answerFit(
    { model, quant: chosenQuant, ctx, runtime, kvType, parallel, flashAttention, tensorParallel, env },
    catalog,
    hardware,
  );
  const warnings = [...configWarnings, ...a.notes];
  if (warnings.length) a.estimate.warnings = [...(a.estimate.warnings ?? []), ...warnings];
  const answer: Answer = { model: model.name, modelId: model.id, quant: a.quant.id, ctx: a.ctx, estimate: a.estimate };

  const e = answer.estimate;
  if (tpNote) e.warnings = [...(e.warnings ?? []), tpNote];
  const hardwareSummary = devicesLine(hardware);
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          model: answer.modelId,
          quant: answer.quant,
          ctx: answer.ctx,
          runtime,
          weightsBytes: e.weightsBytes,
          kvCacheBytes: e.kvCacheBytes,
          computeBytes: e.computeBytes,
          overheadBytes: e.overheadBytes,
          totalBytes: e.totalBytes,
          usableBytes: e.usableBytes,
          verdict: e.verdict,
          gpuLayers: e.gpuLayers,
          totalLayers: e.totalLayers,
          tokensPerSecond: e.tokensPerSecond ?? null,
          speedBasis: e.speedBasis ?? null,
          hardware: hardwareSummary,
          devices: e.devices ?? [],
          cpuBytes: e.cpuBytes ?? 0,
          expertsOnCpu: e.expertsOnCpu ?? false,
          cpuMoeLayers: e.cpuMoeLayers ?? 0,
          warnings: e.warnings ?? [],
          parts: e.parts,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(`${answer.model} ${answer.quant}, ${answer.ctx} tokens on ${hardwareSummary} (${runtime})`);
    io.out(`${verdictText(e)}: ${breakdownLine(e, answer.ctx)}${ramLine(e)}`);
    if (e.verdict === 'partial-offload')
      io.out(
        `  ${e.gpuLayers} of ${e.totalLayers} layers on the GPU${e.expertsOnCpu ? `, routed experts of ${e.cpuMoeLayers} layers in system RAM (like --n-cpu-moe ${e.cpuMoeLayers})` : ''}`,
      );
    for (const p of e.parts) io.out(`  ${p.name.padEnd(9)} ${p.formula}`);
    const speed = speedLine(e);
    if (speed) io.out(`  ${speed}`);
    for (const w of e.warnings ?? []) io.out(`  note: ${w}`);
  }
  return 0;
}
