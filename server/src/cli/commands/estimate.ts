import type { Catalog } from '../../engine/catalog/schema';
import { willItRun } from '../../engine/checks/willItRun';
import type { Hardware } from '../../engine/hardware/types';
import { createModelResolver } from '../../engine/models/resolveModel';
import { breakdownLine, verdictLabel } from '../../engine/render/estimateText';
import { numberOption, parse, UsageError } from '../args';
import { hardwareFlags, hardwareFromFlags } from '../hardwareOptions';
import type { CliIO } from '../io';

export const estimateUsage = 'runlocalai estimate <model> [--quant Q] [--ctx N] [--gpu NAME | --vram GB] [--gpus N] [--json]';

/** `runlocalai estimate`: the memory a model needs and whether it fits. Returns the exit code. */
export async function runEstimate(argv: string[], catalog: Catalog, io: CliIO, detect: () => Promise<Hardware>): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...hardwareFlags,
    quant: { type: 'string', short: 'q' },
    ctx: { type: 'string', short: 'c' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`give one model.\nusage: ${estimateUsage}`);
  const ctx = numberOption('ctx', values.ctx, { integer: true, min: 1 });
  const hardware = hardwareFromFlags(values, catalog) ?? (await detect());
  const outcome = willItRun({ model: positionals[0], quant: values.quant, ctx }, catalog, createModelResolver(catalog), hardware);
  if (!outcome.ok) {
    io.err(`runlocalai: ${outcome.error}`);
    return 2;
  }
  const r = outcome.report;
  const e = r.estimate;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          model: r.modelId,
          quant: r.quant,
          ctx: r.ctx,
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
          hardware: r.hardwareSummary,
          parts: e.parts,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(`${r.model} ${r.quant}, ${r.ctx} tokens on ${r.hardwareSummary}`);
    io.out(`${verdictLabel[e.verdict]}: ${breakdownLine(e, r.ctx)}`);
    for (const p of e.parts) io.out(`  ${p.name.padEnd(9)} ${p.formula}`);
  }
  return 0;
}
