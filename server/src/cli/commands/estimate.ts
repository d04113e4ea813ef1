import * as path from 'node:path';
import { answerWillItRun } from '../../engine/answer/answerWillItRun';
import { answerToJson } from '../../engine/answer/toJson';
import type { ResolvedModel, WillItRunAnswer } from '../../engine/answer/types';
import { HfConfigError, modelFromHfConfig, parseHfConfig, quantizationForConfig } from '../../engine/configs/hfConfig';
import { KV_CACHE_TYPES, KV_CACHE_TYPES_BY_RUNTIME, RUNTIMES } from '../../engine/enums';
import { createModelResolver } from '../../engine/models/resolveModel';
import { catalogSource, createSourceChain, nameSource } from '../../engine/sources/chain';
import { resolvedFromFacts } from '../../engine/sources/resolved';
import { cliSources, sourceFlags, type SourceFlagValues } from '../sourceOptions';
import type { Runtime } from '../../engine/estimate/types';
import { describeProvenanceOf, withinError } from '../../engine/sources/describe';
import { breakdownLine, offloadLine, ramLine, speedLine, verdictText } from '../../engine/render/estimateText';
import { devicesLine } from '../../engine/render/hardwareText';
import { formatBytes } from '../../engine/render/format';
import { numberOption, oneOf, parse, SuggestingError, UsageError } from '../args';
import type { CliCommand, CliDeps } from '../cli';
import { parseTokenCount } from '../tokens';
import { cliHardware, hardwareFlags } from '../hardwareOptions';
import { FileRefused } from '../../io/readBounded';

// A model's config.json is a few KiB; the largest real ones (with every layer's type listed) stay far below this.
const MAX_CONFIG_BYTES = 1024 * 1024;
// Documented maxima (README): the most sequences a runtime serves at once, the GPUs one node shards over.
const MAX_PARALLEL = 4096;
const MAX_TENSOR_PARALLEL = 64;

const options =
  `[--quant Q] [--ctx 8k|32768] [--runtime ${RUNTIMES.join('|')}] [--kv-type ${KV_CACHE_TYPES.join('|')}] ` +
  '[--parallel N] [--flash-attention | --no-flash-attention] [--tensor-parallel N] [--gpu NAME | --vram GB] [--gpus N] [--ram GB] ' +
  '[--models-dir DIR] [--ollama-models DIR] [--hf-cache DIR] [--online] [--json]';

export const willItRunCommand: CliCommand = {
  name: 'will-it-run',
  summary: 'Will a model run here (or on the GPU you name)? The verdict, the memory it needs part by part, and what would fit.',
  usage: `runlocalai will-it-run <model> | --config <config.json> ${options}`,
  examples: [
    'runlocalai will-it-run llama3.1:70b --gpu "RTX 4090"',
    'runlocalai will-it-run qwen2.5:32b --ctx 32k --gpus 2 --gpu "RTX 3090"',
    'runlocalai will-it-run meta-llama/Llama-3.1-8B-Instruct --runtime vllm --gpu "A100 80GB" --json',
  ],
  run: (argv, deps) => runEstimate(argv, deps, 'table'),
};

export const estimateCommand: CliCommand = {
  name: 'estimate',
  summary: 'The same answer as will-it-run, with every formula: weights, KV cache, compute buffers, overhead.',
  usage: `runlocalai estimate <model> | --config <config.json> ${options}`,
  examples: [
    'runlocalai estimate llama3.1:8b --quant Q4_K_M --ctx 8192 --gpu "RTX 4090"',
    'runlocalai estimate --config ./config.json --runtime vllm --gpu "H100 80GB" --json',
  ],
  run: (argv, deps) => runEstimate(argv, deps, 'formulas'),
};

/** The memory a model needs and whether it fits: exit 0 when it runs, 1 when it won't fit, 2 on bad input. */
async function runEstimate(argv: string[], { catalog, io, detect, env }: CliDeps, style: 'table' | 'formulas'): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...hardwareFlags,
    ...sourceFlags,
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
    throw new UsageError('give one model or --config <config.json>');
  }
  const ctx = parseTokenCount('ctx', values.ctx);
  const parallel = numberOption('parallel', values.parallel, { integer: true, min: 1, max: MAX_PARALLEL });
  const tensorParallel = numberOption('tensor-parallel', values['tensor-parallel'], { integer: true, min: 1, max: MAX_TENSOR_PARALLEL });
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
    if (typeof read === 'string') throw new UsageError(read);
    model = read;
  } else {
    const found = await resolveWithSources(positionals[0], runtime, values, { catalog, io, env });
    if (typeof found === 'string') throw new UsageError(found);
    if (found) model = found;
  }
  const outcome = answerWillItRun(
    { model, quant: values.quant, ctx, runtime, kvType, parallel, flashAttention, tensorParallel, env },
    { catalog, models, hardware },
  );
  if (!outcome.ok) throw new SuggestingError(outcome.error.replace(/\.$/, ''), outcome.suggestions ?? []);
  if (values.json) io.out(JSON.stringify(answerToJson(outcome.answer), null, 2));
  else if (style === 'table') printTable(outcome.answer, io.out);
  else printAnswer(outcome.answer, io.out);
  const { estimate, source } = outcome.answer;
  // A guess from the name whose range straddles the limit is not a failure.
  const undecided = source.approximate !== undefined && withinError(estimate, source.approximate);
  return estimate.verdict === 'wont-fit' && !undecided ? 1 : 0;
}

/**
 * The model behind a reference, from the files on this machine first (a GGUF path, Ollama's store,
 * the Hugging Face cache, LM Studio's folder), then the catalog, the online lookup with --online,
 * then the name alone. A message when the reference names a file that cannot be read; undefined when
 * nothing knows it (the answer then says "unknown" with suggestions).
 */
async function resolveWithSources(
  reference: string,
  runtime: Runtime,
  values: SourceFlagValues,
  { catalog, io, env }: Pick<CliDeps, 'catalog' | 'io' | 'env'>,
): Promise<ResolvedModel | string | undefined> {
  const resolver = createModelResolver(catalog);
  const sources = cliSources(values, catalog, env ?? {}, [reference], (l) => io.err(`runlocalai: ${l}`));
  const known = [...sources.local, catalogSource(resolver, catalog)];
  const query = { reference, runtime };
  // --online: what neither the disk nor the catalog knows is looked up (and cached) before the name is guessed from.
  if (sources.lookup && !createSourceChain(known, sources.readers).resolve(query).facts) await sources.lookup.prefetch(reference);
  const chain = createSourceChain([...known, ...(sources.online ? [sources.online] : []), nameSource(catalog, resolver)], sources.readers);
  const found = chain.resolve(query);
  if (found.error) return found.error.message;
  return found.facts ? resolvedFromFacts(found.facts, runtime, catalog) : undefined;
}

/** A model from a Hugging Face config.json, named after its file or folder; a message when it cannot be read. */
function readConfig(file: string, io: CliDeps['io'], catalog: CliDeps['catalog']): ResolvedModel | string {
  try {
    const info = parseHfConfig(io.readFile(file, MAX_CONFIG_BYTES).toString('utf8'));
    const abs = path.resolve(file);
    const base = path.basename(abs).replace(/\.json$/i, '');
    const name = (base.toLowerCase() === 'config' ? path.basename(path.dirname(abs)) : base) || info.modelType;
    const model = { ...modelFromHfConfig(info, name, { title: 'config.json', url: `file://${abs}` }), id: info.modelType };
    return { model, quant: quantizationForConfig(info, catalog), source: { kind: 'config-file', path: abs }, warnings: info.warnings };
  } catch (err) {
    if (err instanceof HfConfigError) return err.message;
    const why = err instanceof FileRefused ? err.message : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
    return `cannot read ${file}: ${why}`;
  }
}

function printAnswer(a: WillItRunAnswer, out: (line: string) => void): void {
  const e = a.estimate;
  const ctx = a.settings.ctx.value;
  out(`${a.model.name} ${a.quant.id}, ${ctx} tokens on ${devicesLine(a.hardware)} (${a.runtime})`);
  const guess = a.source.approximate;
  out(
    `${guess !== undefined && withinError(e, guess) ? "Can't tell from the name" : verdictText(e)}: ${breakdownLine(e, ctx)}${ramLine(e)}`,
  );
  if (a.source.kind !== 'catalog') out(`  source: ${describeProvenanceOf(a.source)}`);
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
    for (const x of a.alternatives) out(`  ${x.label}: ${formatBytes(x.totalBytes)}`);
  }
}

/** A readable table: the verdict, each part, the total against usable memory, speed, and what would fit. */
function printTable(a: WillItRunAnswer, out: (line: string) => void): void {
  const e = a.estimate;
  const ctx = a.settings.ctx;
  out(`${a.model.name} ${a.quant.id} · ${ctx.value.toLocaleString('en-US')} tokens · ${a.runtime} · ${devicesLine(a.hardware)}`);
  out('');
  const guess = a.source.approximate;
  out(`  ${(guess !== undefined && withinError(e, guess) ? "Can't tell from the name" : verdictText(e)).toUpperCase()}`);
  if (a.source.kind !== 'catalog') out(`  source: ${describeProvenanceOf(a.source)}`);
  out('');
  const rows: [string, number][] = [
    ['weights', e.weightsBytes],
    ['KV cache', e.kvCacheBytes],
    ['compute', e.computeBytes],
    ['overhead', e.overheadBytes],
  ];
  for (const [name, bytes] of rows) out(`  ${name.padEnd(10)} ${formatBytes(bytes).padStart(10)}`);
  out(`  ${'total'.padEnd(10)} ${formatBytes(e.totalBytes).padStart(10)}   of ${formatBytes(e.usableBytes)} usable`);
  const offload = offloadLine(e);
  if (offload) out(`  ${offload}`);
  const speed = speedLine(e);
  if (speed) out(`  ${speed}`);
  const origin = ctx.origin === 'given' ? '' : ` (context: ${ctx.note ?? ctx.origin})`;
  if (origin) out(`  ${origin.trim()}`);
  for (const w of e.warnings ?? []) if (w !== ctx.note) out(`  note: ${w}`);
  if (a.alternatives.length) {
    out('');
    out('What would fit:');
    for (const x of a.alternatives)
      out(`  - ${x.label}: ${formatBytes(x.totalBytes)}${x.tokensPerSecond ? `, ≈ ${x.tokensPerSecond.toFixed(0)} tokens/s` : ''}`);
  }
}
