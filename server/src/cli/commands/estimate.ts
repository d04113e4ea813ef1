import * as path from 'node:path';
import { answerWillItRun } from '../../engine/answer/answerWillItRun';
import { answerToJson } from '../../engine/answer/toJson';
import type { ResolvedModel, WillItRunAnswer } from '../../engine/answer/types';
import { HfConfigError, modelFromHfConfig, parseHfConfig, quantizationForConfig } from '../../engine/configs/hfConfig';
import { KV_CACHE_TYPES, KV_CACHE_TYPES_BY_RUNTIME, RUNTIMES } from '../../engine/enums';
import { createModelResolver } from '../../engine/models/resolveModel';
import { breakdownLine, ramLine, speedLine, verdictText } from '../../engine/render/estimateText';
import { devicesLine } from '../../engine/render/hardwareText';
import { numberOption, oneOf, parse, UsageError } from '../args';
import type { CliDeps } from '../cli';
import { cliHardware, hardwareFlags } from '../hardwareOptions';

export const estimateUsage =
  `runlocalai estimate <model> | --config <config.json> [--quant Q] [--ctx N] [--runtime ${RUNTIMES.join('|')}] [--kv-type ${KV_CACHE_TYPES.join('|')}] ` +
  '[--parallel N] [--flash-attention | --no-flash-attention] [--tensor-parallel N] [--gpu NAME | --vram GB] [--gpus N] [--ram GB] [--json]';

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
  const ctx = numberOption('ctx', values.ctx, { integer: true, min: 0 });
  const parallel = numberOption('parallel', values.parallel, { integer: true, min: 1 });
  const tensorParallel = numberOption('tensor-parallel', values['tensor-parallel'], { integer: true, min: 1 });
  const runtime = oneOf('runtime', values.runtime, RUNTIMES) ?? 'ollama';
  const kvType = oneOf('kv-type', values['kv-type'], KV_CACHE_TYPES);
  const kvTypesOf = KV_CACHE_TYPES_BY_RUNTIME[runtime];
  if (kvType && !kvTypesOf.includes(kvType)) {
    throw new UsageError(`--kv-type ${kvType} is not a KV cache type of ${runtime}: use ${kvTypesOf.join(', ')}`);
  }
  if (values['flash-attention'] && values['no-flash-attention'])
    throw new UsageError('give --flash-attention or --no-flash-attention, not both');
  const flashAttention = values['flash-attention'] ? true : values['no-flash-attention'] ? false : undefined;
  const hardware = await cliHardware(values, catalog, detect);
  const models = createModelResolver(catalog);

  let model: string | ResolvedModel = positionals[0];
  if (values.config) {
    const read = readConfig(values.config, io, catalog);
    if (typeof read === 'string') {
      io.err(`runlocalai: ${read}`);
      return 2;
    }
    model = read;
  }
  const outcome = answerWillItRun(
    { model, quant: values.quant, ctx, runtime, kvType, parallel, flashAttention, tensorParallel, env },
    { catalog, models, hardware },
  );
  if (!outcome.ok) {
    const hint = outcome.suggestions?.length ? ` Did you mean ${outcome.suggestions.join(', ')}?` : '';
    io.err(`runlocalai: ${outcome.error}${hint}`);
    return 2;
  }
  if (values.json) io.out(JSON.stringify(answerToJson(outcome.answer), null, 2));
  else printAnswer(outcome.answer, io.out);
  return 0;
}

/** A model from a Hugging Face config.json, named after its file or folder; a message when it cannot be read. */
function readConfig(file: string, io: { readFile(p: string): Buffer }, catalog: CliDeps['catalog']): ResolvedModel | string {
  try {
    const info = parseHfConfig(io.readFile(file).toString('utf8'));
    const abs = path.resolve(file);
    const base = path.basename(abs).replace(/\.json$/i, '');
    const name = (base.toLowerCase() === 'config' ? path.basename(path.dirname(abs)) : base) || info.modelType;
    const model = { ...modelFromHfConfig(info, name, { title: 'config.json', url: `file://${abs}` }), id: info.modelType };
    return { model, quant: quantizationForConfig(info, catalog), source: { kind: 'config-file', path: abs }, warnings: info.warnings };
  } catch (err) {
    return err instanceof HfConfigError ? err.message : `cannot read ${file}: ${(err as Error).message}`;
  }
}

function printAnswer(a: WillItRunAnswer, out: (line: string) => void): void {
  const e = a.estimate;
  const ctx = a.settings.ctx.value;
  out(`${a.model.name} ${a.quant.id}, ${ctx} tokens on ${devicesLine(a.hardware)} (${a.runtime})`);
  out(`${verdictText(e)}: ${breakdownLine(e, ctx)}${ramLine(e)}`);
  if (e.verdict === 'partial-offload')
    out(
      `  ${e.gpuLayers} of ${e.totalLayers} layers on the GPU${e.expertsOnCpu ? `, routed experts of ${e.cpuMoeLayers} layers in system RAM (like --n-cpu-moe ${e.cpuMoeLayers})` : ''}`,
    );
  for (const p of e.parts) out(`  ${p.name.padEnd(9)} ${p.formula}`);
  const speed = speedLine(e);
  if (speed) out(`  ${speed}`);
  for (const w of e.warnings ?? []) out(`  note: ${w}`);
  if (a.alternatives.length) {
    out('What would fit:');
    for (const x of a.alternatives) out(`  ${x.label}: ${verdictText({ ...e, verdict: x.verdict, usableBytes: e.usableBytes })}`);
  }
}
