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

export interface Expanded {
  /** Files to check; `explicit` when named on the command line (their skips are always reported). */
  files: { path: string; explicit: boolean }[];
  /** Arguments that name nothing readable. */
  missing: string[];
  /** Files left out by .gitignore, for --verbose. */
  ignored: string[];
}

/** .gitignore and .runlocalai.yaml files larger than this are not read. */
export const SMALL_FILE_BYTES = 1024 * 1024;

const isGlob = (s: string) => /[*?{[]/.test(s);

/** Files, folders (walked, honouring .gitignore) and globs, in the order given, each file once. */
export function expandArguments(args: string[], io: FolderIO): Expanded {
  const out: Expanded = { files: [], missing: [], ignored: [] };
  const seen = new Set<string>();
  const cwd = path.resolve();
  const add = (p: string, explicit: boolean) => {
    const key = resolvePath(cwd, p);
    if (seen.has(key) || out.files.length >= MAX_FILES) return;
    seen.add(key);
    out.files.push({ path: p, explicit });
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
    const st = io.stat?.(arg);
    if (!st) out.missing.push(arg);
    else if (st.isDirectory) walk(arg, io, out, (f) => add(f, false));
    else add(arg, true);
  }
  return out;
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
