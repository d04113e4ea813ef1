import * as path from 'node:path';
import { createLanguageService, documentKind } from '../../engine/languageService';
import type { Hardware } from '../../engine/hardware/types';
import { FileRefused } from '../../io/readBounded';
import { parse, UsageError } from '../args';
import { cliHardware, hardwareFlags } from '../hardwareOptions';
import type { CliCommand, CliDeps } from '../cli';
import { cliSources, sourceFlags } from '../sourceOptions';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check config files against the GPU (for CI): exit 1 when one will not fit.',
  usage:
    'runlocalai check <files…> [--gpu NAME | --vram GB] [--gpus N] [--ram GB] [--models-dir DIR] [--ollama-models DIR] [--hf-cache DIR] [--json]',
  examples: ['runlocalai check models/Modelfile --gpu "RTX 4070"', 'runlocalai check Modelfile --gpu "RTX 3090" --gpus 2 --json'],
  run: runCheck,
};
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * The language an editor would give a file, by its name (what VS Code's file associations do).
 * A document extension wins over a Modelfile-like name: `Modelfile.md` is Markdown.
 */
export function languageOfPath(file: string): string | undefined {
  const base = path.basename(file).toLowerCase();
  if (base === 'modelfile' || base.endsWith('.modelfile')) return 'modelfile';
  const ext = path.extname(base);
  const byExtension = (
    { '.log': 'log', '.md': 'markdown', '.txt': 'plaintext', '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' } as Record<string, string>
  )[ext];
  return byExtension ?? (base.startsWith('modelfile.') ? 'modelfile' : undefined);
}

/** `runlocalai check`: diagnostics for config files; exit 1 when any has an error (e.g. won't fit), 2 when one cannot be checked. */
export async function runCheck(argv: string[], { catalog, io, detect, env }: CliDeps): Promise<number> {
  const { values, positionals } = parse(argv, { ...hardwareFlags, ...sourceFlags, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('give at least one file');
  const service = createLanguageService({ catalog, env, sources: cliSources(values, catalog, env ?? {}, positionals) });
  // Detected once, and only when a file is worth checking: a refused file answers at once.
  let hardware: Hardware | undefined;
  let failed = false;
  // A config that could not be read (refused, binary, missing) fails the run with exit 2, not a pass.
  let unchecked = false;
  const report: { file: string; line: number; character: number; severity: string; code: string; message: string }[] = [];
  for (const file of positionals) {
    const uri = `file://${path.resolve(file)}`;
    let text: string;
    try {
      const bytes = await io.readFile(file, MAX_BYTES);
      if (bytes.includes(0)) {
        io.err(`${file}: skipped, binary file`);
        unchecked = true;
        continue;
      }
      // Editors do not count a byte-order mark as a column; neither do we.
      text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    } catch (err) {
      const why =
        err instanceof FileRefused ? err.message : `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
      io.err(`${file}: skipped, ${why}`);
      unchecked = true;
      continue;
    }
    const languageId = languageOfPath(file);
    const doc = { uri, version: 1, languageId: languageId ?? 'unknown', getText: () => text };
    // Only files with something to check: configs and logs. Prose and code have hovers, not findings.
    const kind = languageId ? documentKind(doc) : undefined;
    if (kind !== 'modelfile' && languageId !== 'log') {
      // Not an error: `check *` in CI names docs and code too.
      io.err(`${file}: skipped, not a config RunLocalAI checks`);
      continue;
    }
    hardware ??= await cliHardware(values, catalog, detect);
    for (const f of service.doValidation(doc, hardware)) {
      if (f.severity === 'error') failed = true;
      const row = {
        file,
        line: f.range.start.line + 1,
        character: f.range.start.character + 1,
        severity: f.severity,
        code: f.code,
        message: f.message,
      };
      report.push(row);
      if (!values.json) io.out(`${row.file}:${row.line}:${row.character}: ${row.severity} [${row.code}] ${row.message}`);
    }
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  return unchecked ? 2 : failed ? 1 : 0;
}
