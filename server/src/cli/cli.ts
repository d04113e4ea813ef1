import type { Catalog } from '../engine/catalog/schema';
import type { Hardware } from '../engine/hardware/types';
import type { RawHardware } from '../engine/hardware/raw';
import { nearNames } from '../engine/text/nearNames';
import { SuggestingError, UsageError } from './args';
import { checkCommand } from './commands/check';
import { defineCommand } from './commands/define';
import { estimateCommand, willItRunCommand } from './commands/estimate';
import { explainCommand } from './commands/explain';
import { gpuCommand } from './commands/gpu';
import { gpusCommand, modelsCommand } from './commands/search';
import type { CliIO } from './io';
import { version } from './version';

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

/** One subcommand: its help comes from here, so `runlocalai <command> --help` always works. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  /** Returns the exit code: 0 fits or ok, 1 won't fit or a finding of error severity, 2 usage or input error. */
  run(argv: string[], deps: CliDeps): Promise<number>;
}

export const COMMANDS: CliCommand[] = [
  willItRunCommand,
  estimateCommand,
  checkCommand,
  explainCommand,
  gpuCommand,
  modelsCommand,
  gpusCommand,
  defineCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `runlocalai ${version}: will this model run on this hardware?`,
    '',
    'usage: runlocalai <command> [options]   (runlocalai <command> --help for its options and examples)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "exit codes: 0 fits (or nothing wrong), 1 won't fit (or a finding of error severity), 2 usage or input error",
  ].join('\n');
}

function commandHelp(c: CliCommand): string {
  return [`${c.summary}`, '', `usage: ${c.usage}`, '', 'examples:', ...c.examples.map((e) => `  ${e}`)].join('\n');
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json') || rest.join(' ').includes('--format json') || rest.includes('--format=json');
  try {
    if (name === '--version' || name === '-v' || name === 'version') {
      deps.io.out(version);
      return 0;
    }
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      deps.io.out(topic ? commandHelp(topic) : overview());
      return name === undefined ? 2 : 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command)
      throw new SuggestingError(
        `unknown command "${name}"`,
        nearNames(
          name,
          COMMANDS.map((c) => c.name),
        ),
      );
    if (rest.includes('--help') || rest.includes('-h')) {
      deps.io.out(commandHelp(command));
      return 0;
    }
    return await command.run(rest, deps);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const suggestions = err instanceof SuggestingError ? err.suggestions : [];
    if (json) deps.io.out(JSON.stringify({ error: { message: err.message, suggestions } }, null, 2));
    else {
      deps.io.err(`runlocalai: ${err.message}${suggestions.length ? `. Did you mean ${suggestions.join(', ')}?` : ''}`);
      if (!(err instanceof SuggestingError) || name === undefined)
        deps.io.err(`(runlocalai ${name ?? ''} --help for usage)`.replace('  ', ' '));
    }
    return 2;
  }
}
