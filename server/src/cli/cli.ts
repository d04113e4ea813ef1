import type { Catalog } from '../engine/catalog/schema';
import type { Hardware } from '../engine/hardware/types';
import { UsageError } from './args';
import { checkUsage, runCheck } from './commands/check';
import { defineUsage, runDefine } from './commands/define';
import { estimateUsage, runEstimate } from './commands/estimate';
import { gpuUsage, runGpu } from './commands/gpu';
import type { RawHardware } from '../engine/hardware/raw';
import type { CliIO } from './io';

export interface CliDeps {
  catalog: Catalog;
  io: CliIO;
  /** Hardware detection for commands given no --gpu/--vram. */
  detect: () => Promise<Hardware>;
  /** systeminformation's answers behind the last detection, for `gpu --json`. */
  detectedRaw?: () => RawHardware | undefined;
  /** The environment Ollama would see (OLLAMA_CONTEXT_LENGTH, OLLAMA_KV_CACHE_TYPE, ...). */
  env?: Record<string, string | undefined>;
}

const usage = ['usage:', `  ${estimateUsage}`, `  ${checkUsage}`, `  ${gpuUsage}`, `  ${defineUsage}`].join('\n');

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 a config fails its check, 2 usage. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'estimate':
        return await runEstimate(rest, deps);
      case 'check':
        return await runCheck(rest, deps);
      case 'define':
        return runDefine(rest, deps.catalog, deps.io);
      case 'gpu':
        return await runGpu(rest, deps.catalog, deps.io, deps.detect, deps.detectedRaw);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        deps.io.out(usage);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"\n${usage}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      deps.io.err(`runlocalai: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
