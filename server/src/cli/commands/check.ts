import * as path from 'node:path';
import { createLanguageService, documentKind } from '../../engine/languageService';
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

/** The language an editor would give a file, by its name (what VS Code's file associations do). */
export function languageOfPath(file: string): string | undefined {
  const base = path.basename(file).toLowerCase();
  if (base === 'modelfile' || base.endsWith('.modelfile') || base.startsWith('modelfile.')) return 'modelfile';
  const ext = path.extname(base);
  return { '.log': 'log', '.md': 'markdown', '.txt': 'plaintext', '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' }[ext];
}

/** `runlocalai check`: diagnostics for config files; exit 1 when any has an error (e.g. won't fit). */
export async function runCheck(argv: string[], { catalog, io, detect, env }: CliDeps): Promise<number> {
  const { values, positionals } = parse(argv, { ...hardwareFlags, ...sourceFlags, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('give at least one file');
  const hardware = await cliHardware(values, catalog, detect);
  const service = createLanguageService({ catalog, env, sources: cliSources(values, catalog, env ?? {}, positionals) });
  let failed = false;
  const report: { file: string; line: number; character: number; severity: string; code: string; message: string }[] = [];
  for (const file of positionals) {
    const uri = `file://${path.resolve(file)}`;
    let text: string;
    try {
      if (io.fileSize(file) > MAX_BYTES) {
        io.err(`${file}: skipped, larger than ${MAX_BYTES / 1024 / 1024} MiB`);
        continue;
      }
      const bytes = io.readFile(file);
      if (bytes.includes(0)) {
        io.err(`${file}: skipped, binary file`);
        continue;
      }
      // Editors do not count a byte-order mark as a column; neither do we.
      text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    } catch (err) {
      io.err(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      failed = true;
      continue;
    }
    const languageId = languageOfPath(file);
    const doc = { uri, version: 1, languageId: languageId ?? 'unknown', getText: () => text };
    // Only files with something to check: configs and logs. Prose and code have hovers, not findings.
    const kind = languageId ? documentKind(doc) : undefined;
    if (kind !== 'modelfile' && languageId !== 'log') {
      io.err(`${file}: skipped, not a config RunLocalAI checks`);
      continue;
    }
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
  return failed ? 1 : 0;
}
