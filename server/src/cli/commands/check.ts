import * as os from 'node:os';
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../engine/languageService';
import { languageForPath } from '../../engine/formats/registry';
import { parseTargetFile, targetHardware } from '../../engine/formats/target';
import type { Hardware } from '../../engine/hardware/types';
import type { Finding } from '../../engine/types';
import { FileRefused } from '../../io/readBounded';
import type { CliCommand, CliDeps } from '../cli';
import { parse, UsageError } from '../args';
import { cliSources, sourceFlags } from '../sourceOptions';
import { claimNamed, expandArguments, expandDeferred, SMALL_FILE_BYTES } from '../../workspace/files';
import { targetFileLookup } from '../../workspace/targetFileLookup';
import { cliHardware, hardwareFlags } from '../hardwareOptions';
import { checkSarif } from '../sarif';
import { fixInPlace } from '../fixInPlace';
import { resolvePath } from '../../io/resolvePath';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check config files, folders and globs against the GPU (for CI): exit 1 when one will not fit.',
  usage:
    'runlocalai check <files|folders|globs…> [--gpu NAME | --vram GB] [--gpus N] [--ram GB] [--models-dir DIR] [--ollama-models DIR] [--hf-cache DIR] [--format text|json|sarif] [--verbose] [--fix]',
  examples: [
    'runlocalai check models/Modelfile --gpu "RTX 4070"',
    'runlocalai check . --verbose',
    'runlocalai check deploy/ --fix --gpu "RTX 4070"',
    'runlocalai check \'deploy/**/*.yaml\' --gpu "RTX 3090" --gpus 2 --format json',
    'runlocalai check . --format sarif > runlocalai.sarif',
  ],
  run: runCheck,
};
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_LINE_CHARS = 65_536;
/** Findings that mean the file could not be judged at all. */
const CANNOT_CHECK = new Set(['incomplete-config']);

/** The 1-based number of the first line longer than `max` characters, in one pass (indexOf finds line ends natively). */
export function firstLongLine(text: string, max: number): number | undefined {
  for (let line = 1, start = 0; ; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > max) return line;
    if (newline === -1) return undefined;
    start = newline + 1;
  }
}

interface FileReport {
  path: string;
  format: string;
  deployments: {
    model: string;
    runtime: string;
    line: number;
    verdict?: string;
    totalBytes?: number;
    usableBytes?: number;
    source: string;
  }[];
  findings: { line: number; column: number; severity: string; code: string; message: string }[];
}

/**
 * `runlocalai check`: every recognised config among the files, folders (walked, honouring
 * .gitignore) and globs given. Exit 0 when all fit, 1 on a finding of error severity, 2 on a
 * usage error or a path that cannot be read. With --fix, each file first gets the best edit fix of
 * each finding, in place, and the exit code is the re-check's.
 */
export async function runCheck(argv: string[], { catalog, io, detect, env }: CliDeps): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...hardwareFlags,
    ...sourceFlags,
    json: { type: 'boolean' },
    format: { type: 'string' },
    verbose: { type: 'boolean' },
    fix: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('give at least one file, folder or glob');
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (format !== 'json' && format !== 'text' && format !== 'sarif')
    throw new UsageError(`--format must be text, json or sarif, got "${format}"`);
  const verbose = values.verbose ?? false;
  // Named files are read without a stat first: the read says what one that is not a file is.
  const seen = new Set<string>();
  const expanded = expandArguments(positionals, io, { deferNamed: true, seen });
  let unreadable = false;
  /** An argument that names nothing readable: said, and the run fails (exit 2). */
  const missing = (arg: string) => {
    io.err(`${arg}: cannot read: no such file, folder or matching file`);
    unreadable = true;
  };
  expanded.missing.forEach(missing);
  if (verbose) for (const f of expanded.ignored) io.err(`${f}: skipped, ignored by .gitignore`);

  const cwd = path.resolve();
  const flagsGiven = values.gpu !== undefined || values.vram !== undefined;
  let detected: Hardware | undefined;
  const machine = async () => (detected ??= await cliHardware(values, catalog, detect));
  const targets = new Map<string, Hardware | string | undefined>();
  const findTargetFile = targetFileLookup(io);
  /** Flags first, then the nearest .runlocalai.yaml, then this machine. */
  const hardwareFor = async (file: string): Promise<Hardware> => {
    if (flagsGiven) return machine();
    const targetPath = findTargetFile(path.dirname(resolvePath(cwd, file)));
    if (!targetPath) return machine();
    if (!targets.has(targetPath)) targets.set(targetPath, readTarget(targetPath));
    const t = targets.get(targetPath);
    if (typeof t === 'string') throw new UsageError(t);
    return t ?? machine();
  };
  const readTarget = (file: string): Hardware | string => {
    const text = io.readText?.(file, SMALL_FILE_BYTES);
    if (text === undefined) return `${file}: cannot read it (a regular file of at most 1 MiB)`;
    const parsed = parseTargetFile(text);
    if (!parsed.settings) return `${file}: ${parsed.error}`;
    const base: Hardware = { devices: [], source: 'setting', ramBytes: os.totalmem(), platform: process.platform };
    const t = targetHardware(parsed.settings, catalog, base, path.relative('.', file) || file);
    if (!t.hardware) return `${file}: ${t.error}`;
    io.err(`using the target hardware declared in ${file}`);
    return t.hardware;
  };

  const service: LanguageService = createLanguageService({ catalog, env, sources: cliSources(values, catalog, env ?? {}, positionals) });
  const files: FileReport[] = [];
  const skipped: { path: string; reason: string }[] = [];
  let failed = false;
  const listed = expanded.files;
  for (let i = 0; i < listed.length; i++) {
    const { path: file, explicit } = listed[i];
    const skip = (reason: string) => {
      skipped.push({ path: file, reason });
      if (explicit || verbose) io.err(`${file}: skipped, ${reason}`);
    };
    let text: string;
    let bom: boolean;
    try {
      // Bounded: a regular file of at most MAX_BYTES, never a device, a FIFO or a link out of its folder.
      const raw = io.readNamedText(file, MAX_BYTES);
      // A named path is listed once it has read as a file: named twice, or listed by a glob or a
      // folder before it, it is checked once, where it came first.
      if (listed[i].deferred && !claimNamed(listed[i], seen)) continue;
      if (raw === undefined) {
        // A config that cannot be checked fails the run (exit 2): a CI job must not pass on it.
        skip('binary file');
        if (explicit) unreadable = true;
        continue;
      }
      // Editors do not count a byte-order mark as a column; neither do we.
      bom = raw.startsWith('\uFEFF');
      text = bom ? raw.slice(1) : raw;
      // No config a person writes has a line this long: a generated or hostile file is refused, not judged.
      // A text no longer than the limit has no line longer than it: only a larger file is walked line by line.
      const long = text.length > MAX_LINE_CHARS ? firstLongLine(text, MAX_LINE_CHARS) : undefined;
      if (long !== undefined) {
        skip(`line ${long} is longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters: not a config RunLocalAI checks`);
        unreadable = true;
        continue;
      }
    } catch (err) {
      const named = listed[i].deferred ? expandDeferred(listed[i], io, seen) : undefined;
      if (named?.kind === 'folder') {
        // A folder named on the command line: its files are checked next, as if listed in its place.
        listed.splice(i + 1, 0, ...named.expanded.files);
        if (verbose) for (const f of named.expanded.ignored) io.err(`${f}: skipped, ignored by .gitignore`);
        continue;
      }
      if (named?.kind === 'missing') {
        missing(file);
        continue;
      }
      // The reason, never the file's content (a link to a secrets file must not reach a CI log).
      const why =
        err instanceof FileRefused ? err.message : `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
      io.err(`${file}: skipped, ${why}`);
      unreadable = true;
      continue;
    }
    const uri = `file://${resolvePath(cwd, file)}`;
    const languageId = languageForPath(file) ?? 'plaintext';
    // Flags name one hardware for every file: asked once, not awaited once per file.
    const hardware = flagsGiven ? (detected ?? (await machine())) : await hardwareFor(file);
    let version = 0;
    const checkText = (t: string) => service.checkDocument({ uri, version: ++version, languageId, getText: () => t }, hardware);
    if (values.fix) text = fixInPlace(file, text, bom, (t) => checkText(t).check.findings, io, MAX_BYTES);
    const result = checkText(text);
    // Each file is checked once: its analysis kept in the service would only grow the heap (and the
    // collector's work) with every file of the run.
    service.forget(uri);
    if (!result.format) {
      skip(result.skipped ?? 'not a config format RunLocalAI reads');
      continue;
    }
    if (result.check.findings.some((f) => f.severity === 'error')) failed = true;
    // A config whose numbers cannot size a model was not checked: that is an input error (exit 2), not a pass.
    if (result.check.findings.some((f) => CANNOT_CHECK.has(f.code))) unreadable = true;
    // Text is printed as it goes; only the JSON and SARIF reports need every file's report at the end.
    if (format !== 'text') files.push(report(file, result.format, result.check.findings, result.check.deployments));
    else {
      for (const f of result.check.findings)
        io.out(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} [${f.code}] ${f.message}`);
      if (verbose)
        for (const d of result.check.deployments) io.err(`${file}:${d.line}: ${d.model} (${d.runtime}): ${d.verdict ?? 'not judged'}`);
    }
  }
  if (format === 'json') io.out(JSON.stringify({ files, skipped }, null, 2));
  if (format === 'sarif')
    io.out(
      JSON.stringify(
        checkSarif(files, (id) => catalog.errors.find((e) => e.id === id)?.url, process.cwd()),
        null,
        2,
      ),
    );
  if (unreadable) return 2;
  return failed ? 1 : 0;
}

function report(file: string, format: string, findings: Finding[], deployments: FileReport['deployments']): FileReport {
  return {
    path: file,
    format,
    deployments: deployments.map(({ model, runtime, line, verdict, totalBytes, usableBytes, source }) => ({
      model,
      runtime,
      line,
      verdict,
      totalBytes,
      usableBytes,
      source,
    })),
    findings: findings.map((f) => ({
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      severity: f.severity,
      code: f.code,
      message: f.message,
    })),
  };
}
