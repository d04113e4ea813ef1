import * as path from 'node:path';
import { globMatch } from '../engine/formats/glob';
import { IgnoreRules } from './gitignore';
import { resolvePath } from '../io/resolvePath';

/** What walking folders needs of the IO (the CLI's, or the language server's over node:fs). */
export interface FolderIO {
  /** A small regular file found while walking (`.gitignore`, `.runlocalai.yaml`), at most `maxBytes`; undefined otherwise. */
  readText?(path: string, maxBytes: number): string | undefined;
  /** undefined when the path does not exist or cannot be read. */
  stat?(path: string): { isDirectory: boolean; isFile: boolean; size: number } | undefined;
  /** Names in a folder; undefined when it cannot be read. */
  readDir?(path: string): string[] | undefined;
}

/** Folders never worth walking into. */
const NEVER = new Set(['.git', 'node_modules']);
const MAX_FILES = 20000;
const MAX_DEPTH = 32;

export interface ListedFile {
  path: string;
  /** Named on the command line: its skips are always reported. */
  explicit: boolean;
  /**
   * Named, and listed without a stat (ExpandOptions.deferNamed): it may be a folder or nothing. The
   * caller reads it as a file, then claims it (claimNamed: once per run, as any listed file) or,
   * where the read fails, asks what it is (expandDeferred).
   */
  deferred?: boolean;
}

export interface ExpandOptions {
  /**
   * List a named path (not a glob) as a file without a stat. A caller that reads each file anyway
   * learns what it is from the read: `check` over a thousand named files spent a stat on each
   * before reading it.
   */
  deferNamed?: boolean;
  /** Files already listed in this run, shared with later expansions (expandDeferred, claimNamed). */
  seen?: Set<string>;
}

export interface Expanded {
  /** Files to check, in order. */
  files: ListedFile[];
  /** Arguments that name nothing readable. */
  missing: string[];
  /** Files left out by .gitignore, for --verbose. */
  ignored: string[];
}

/** .gitignore and .runlocalai.yaml files larger than this are not read. */
export const SMALL_FILE_BYTES = 1024 * 1024;

const isGlob = (s: string) => /[*?{[]/.test(s);

/** Files, folders (walked, honouring .gitignore) and globs, in the order given, each file once. */
export function expandArguments(
  args: string[],
  io: FolderIO,
  { deferNamed = false, seen = new Set<string>() }: ExpandOptions = {},
): Expanded {
  const out: Expanded = { files: [], missing: [], ignored: [] };
  const cwd = path.resolve();
  const add = (p: string, explicit: boolean) => {
    if (claim(p, seen, cwd)) out.files.push({ path: p, explicit });
  };
  for (const arg of args) {
    if (isGlob(arg)) {
      const parts = arg.split('/');
      const fixed: string[] = [];
      while (parts.length && !isGlob(parts[0])) fixed.push(parts.shift()!);
      const base = fixed.join('/') || '.';
      const before = out.files.length;
      walk(base, io, out, (file) => {
        const rel = path.relative('.', file).split(path.sep).join('/');
        if (globMatch(arg.replace(/^\.\//, ''), rel) || globMatch(arg, file)) add(file, false);
      });
      if (out.files.length === before) out.missing.push(arg);
      continue;
    }
    if (deferNamed) {
      // Not claimed yet: only a read says whether it is a file (`''` or `nope/..` name the working
      // folder's place, which a `.` after them must still get).
      out.files.push({ path: arg, explicit: true, deferred: true });
      continue;
    }
    const st = io.stat?.(arg);
    if (!st) out.missing.push(arg);
    else if (st.isDirectory) walk(arg, io, out, (f) => add(f, false));
    else add(arg, true);
  }
  return out;
}

/** Lists `file` for the run unless it is listed already or the run has its MAX_FILES. */
function claim(file: string, seen: Set<string>, cwd: string): boolean {
  const key = resolvePath(cwd, file);
  if (seen.has(key) || seen.size >= MAX_FILES) return false;
  seen.add(key);
  return true;
}

/**
 * A deferred path that read as a file: true when it is this run's first listing of that file (and
 * the run has room), false when a glob or a folder listed it already, or it was named before.
 */
export function claimNamed(file: ListedFile, seen: Set<string>): boolean {
  return claim(file.path, seen, path.resolve());
}

/**
 * What a deferred path turned out to be, once reading it as a file failed: a folder, expanded as
 * expandArguments would have (its files not yet listed in `seen`); nothing there (`missing`); or a
 * path that is there but is no folder (`file`: the read's own refusal stands).
 */
export function expandDeferred(
  file: ListedFile,
  io: FolderIO,
  seen: Set<string>,
): { kind: 'folder'; expanded: Expanded } | { kind: 'missing' } | { kind: 'file' } {
  const st = io.stat?.(file.path);
  if (!st) return { kind: 'missing' };
  if (!st.isDirectory) return { kind: 'file' };
  return { kind: 'folder', expanded: expandArguments([file.path], io, { seen }) };
}

function walk(root: string, io: FolderIO, out: Expanded, visit: (file: string) => void): void {
  const stack: { dir: string; depth: number; rules: { base: string; rules: IgnoreRules }[] }[] = [{ dir: root, depth: 0, rules: [] }];
  while (stack.length) {
    const { dir, depth, rules } = stack.pop()!;
    const names = io.readDir?.(dir);
    if (!names) continue;
    const ignoreText = names.includes('.gitignore') ? io.readText?.(path.join(dir, '.gitignore'), SMALL_FILE_BYTES) : undefined;
    const here = ignoreText ? [...rules, { base: dir, rules: new IgnoreRules(ignoreText) }] : rules;
    for (const name of [...names].sort().reverse()) {
      if (NEVER.has(name)) continue;
      const full = path.join(dir, name);
      const st = io.stat?.(full);
      if (!st) continue;
      const ignored = here.some((r) => r.rules.ignores(path.relative(r.base, full).split(path.sep).join('/'), st.isDirectory));
      if (ignored) {
        out.ignored.push(full);
        continue;
      }
      if (st.isDirectory) {
        if (depth < MAX_DEPTH) stack.push({ dir: full, depth: depth + 1, rules: here });
      } else visit(full);
    }
  }
  // Walked in reverse so the stack yields files in name order.
}

/** The nearest `.runlocalai.yaml` at or above `dir`, stopping at a repository root. */
export function findTargetFile(dir: string, io: FolderIO): string | undefined {
  // Resolved once; below, names are appended to a resolved folder, which path.join would only re-walk.
  let current = resolvePath(process.cwd(), dir);
  for (let i = 0; i < 64; i++) {
    const within = current.endsWith(path.sep) ? current : current + path.sep;
    const candidate = `${within}.runlocalai.yaml`;
    if (io.stat?.(candidate)?.isFile) return candidate;
    if (io.stat?.(`${within}.git`)) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}
