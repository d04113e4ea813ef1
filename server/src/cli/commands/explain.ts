import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createErrorMatcher } from '../../engine/checks/errorLines';
import { compareWithEstimate } from '../../engine/logs/compareEstimate';
import { explainLog } from '../../engine/logs/explainLog';
import { hasFigures } from '../../engine/logs/runtimeReport';
import { createModelResolver } from '../../engine/models/resolveModel';
import { comparisonText } from '../../engine/render/runtimeComparison';
import { splitLines } from '../../engine/text/words';
import { FileRefused } from '../../io/readBounded';
import { parse, UsageError } from '../args';
import type { CliCommand, CliDeps } from '../cli';
import { cliHardware, hardwareFlags } from '../hardwareOptions';
import { projectConfigs } from '../../workspace/projectConfigs';
import { createLanguageService, type LogConfigLink } from '../../engine/languageService';

export const explainUsage = 'runlocalai explain <file|-> [--config-dir DIR] [--gpu NAME | --vram GB] [--json]';

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: "Explain a log: known errors with their first fixes, and the runtime's own memory figures beside our estimate.",
  usage: explainUsage,
  // With "-" the log comes from standard input, e.g. journalctl -u ollama --no-pager | runlocalai explain -
  // The config a log came from is looked for in --config-dir, else the current folder.
  examples: [
    'runlocalai explain server.log',
    'runlocalai explain - < ollama.log',
    'runlocalai explain vllm.log --json',
    'runlocalai explain vllm.log --config-dir deploy --gpu "RTX 4090"',
  ],
  run: (argv, deps) => runExplain(argv, deps),
};
/** Logs are read from their end, where the error is, up to this much. */
export const MAX_LOG_BYTES = 8 * 1024 * 1024;

export class ReadError extends Error {}

async function readLog(source: string, io: CliDeps['io']): Promise<{ text: string; truncated: boolean }> {
  let bytes: Buffer;
  let truncated = false;
  if (source === '-') {
    if (!io.readStdin) throw new ReadError('reading standard input is not supported here');
    bytes = await io.readStdin(MAX_LOG_BYTES + 1);
    if (bytes.length > MAX_LOG_BYTES) {
      bytes = bytes.subarray(0, MAX_LOG_BYTES);
      truncated = true;
    }
  } else {
    try {
      bytes = io.readFile(source, MAX_LOG_BYTES);
    } catch (err) {
      // A long log is read from its end (where the error is); the bounded read has checked the path.
      if (err instanceof FileRefused && err.reason === 'too-large' && io.readTail) {
        truncated = true;
        bytes = io.readTail(source, MAX_LOG_BYTES);
      } else {
        const why =
          err instanceof FileRefused ? err.message : `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
        throw new ReadError(`${source}: ${why}`);
      }
    }
    if (bytes.length > MAX_LOG_BYTES) bytes = bytes.subarray(bytes.length - MAX_LOG_BYTES);
  }
  if (bytes.includes(0)) throw new ReadError(`${source}: binary file, not a log`);
  return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), truncated };
}

/**
 * `runlocalai explain`: the KB entries a log or pasted output shows, with their first fixes, and the
 * runtime's own memory figures beside our estimate. Exit 0 when something was explained, 1 when
 * nothing matched, 2 on usage or read errors.
 */
export async function runExplain(argv: string[], { catalog, io, detect, env }: CliDeps): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, 'config-dir': { type: 'string' }, ...hardwareFlags });
  // Without --config-dir, the current folder when it is a project (a repository or a .runlocalai.yaml there):
  // a log piped in from anywhere else does not start a walk of the home folder.
  const isProject = (dir: string) => !!io.stat?.(path.join(dir, '.git')) || !!io.stat?.(path.join(dir, '.runlocalai.yaml'))?.isFile;
  const configDir = values['config-dir'] ?? (isProject('.') ? '.' : undefined);
  const named = values['config-dir'];
  if (named !== undefined && !io.stat?.(named)?.isDirectory) throw new UsageError(`--config-dir ${named}: not a folder`);
  if (positionals.length !== 1) throw new UsageError(`give one log file, or - for standard input.\nusage: ${explainUsage}`);
  let log: { text: string; truncated: boolean };
  try {
    log = await readLog(positionals[0], io);
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    io.err(`runlocalai: ${err.message}`);
    return 2;
  }
  const lines = splitLines(log.text);
  const { entries: explained, report } = explainLog(lines, createErrorMatcher(catalog.errors), catalog.errors);
  const comparison = hasFigures(report)
    ? compareWithEstimate(report, catalog, createModelResolver(catalog), { devices: [], source: 'setting' })
    : undefined;
  const link = configDir === undefined ? undefined : await linkToConfig(lines, configDir, { catalog, io, detect, env }, values);

  if (values.json) {
    io.out(
      JSON.stringify(
        {
          truncated: log.truncated,
          entries: explained.map((e) => ({
            id: e.entry.id,
            title: e.entry.title,
            url: e.entry.url,
            line: e.firstLine + 1,
            count: e.count,
            fixes: e.entry.solutions.slice(0, 2).map((s) => ({ title: s.title, commands: s.commands })),
          })),
          runtimeFigures: comparison ?? null,
          config: link ? configJson(link) : null,
        },
        null,
        2,
      ),
    );
  } else {
    if (log.truncated) io.out(`(read the last ${MAX_LOG_BYTES / 1024 / 1024} MiB of the log)`);
    for (const e of explained) {
      io.out(`line ${e.firstLine + 1}${e.count > 1 ? ` (and ${e.count - 1} more)` : ''}: ${e.entry.title}`);
      io.out(`  ${e.lineText.trim()}`);
      for (const s of e.entry.solutions.slice(0, 2)) {
        io.out(`  fix: ${s.title}`);
        for (const c of s.commands.slice(0, 3)) io.out(`    ${c.runtime}: ${c.command}`);
      }
      io.out(`  more: ${e.entry.url}`);
    }
    if (comparison) for (const l of comparisonText(comparison)) io.out(l);
    if (link) for (const l of configText(link)) io.out(l);
    if (explained.length === 0 && !comparison) io.out('no known error or runtime memory figures in this log');
  }
  return explained.length > 0 || comparison ? 0 : 1;
}

/** The config under `dir` whose deployment the log most likely came from, judged on the given hardware. */
async function linkToConfig(
  lines: string[],
  dir: string,
  { catalog, io, detect, env }: Pick<CliDeps, 'catalog' | 'io' | 'detect' | 'env'>,
  flags: { gpu?: string; vram?: string; gpus?: string; ram?: string; 'ram-basis'?: string },
): Promise<(LogConfigLink & { path: string }) | undefined> {
  const configs = projectConfigs(dir, io);
  if (configs.length === 0) return undefined;
  const service = createLanguageService({ catalog, env });
  const log = { uri: 'untitled:log', version: 1, languageId: 'log', getText: () => lines.join('\n') };
  const link = service.linkLog(log, configs, await cliHardware(flags, catalog, detect));
  if (!link) return undefined;
  const absolute = fileURLToPath(link.uri);
  return { ...link, path: path.relative('.', absolute) || absolute };
}

function configText(link: LogConfigLink & { path: string }): string[] {
  const out = [`config: ${link.path}:${link.line + 1}${link.model ? ` runs ${link.model}` : ''} (${link.reasons.join(', ')})`];
  if (link.fix) out.push(`  ${link.fix.message}`, `  its fix: ${link.fix.title}`);
  if (link.figureFix) out.push(`  the runtime's own figure (log line ${link.figureFix.logLine + 1}): ${link.figureFix.title}`);
  return out;
}

function configJson(link: LogConfigLink & { path: string }) {
  return {
    path: link.path,
    line: link.line + 1,
    model: link.model ?? null,
    reasons: link.reasons,
    fix: link.fix ? { title: link.fix.title, message: link.fix.message } : null,
    figureFix: link.figureFix
      ? { title: link.figureFix.title, setting: link.figureFix.setting, value: link.figureFix.value, logLine: link.figureFix.logLine + 1 }
      : null,
  };
}
