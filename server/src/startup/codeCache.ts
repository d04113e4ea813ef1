import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { FileRefused, readBoundedSync } from '../io/readBounded';

// dist/server.js and dist/cli.js run their real bundles through here: compiling a 600 kB bundle
// (and then each function as it is first called) is a good part of the time between `node
// dist/server.js` and the initialize result. V8 can instead load the bytecode it produced on an
// earlier start, kept in the user's cache folder. Node 20 has no built-in cache for this
// (module.enableCompileCache arrived in Node 22), hence this file.

/** A V8 code cache for a 600 kB bundle is 1-3 MB; anything far larger is not one we wrote. */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
/** The server writes its cache this long after start: initialize and the first requests are answered by then. */
const SERVER_WRITE_DELAY_MS = 3000;
/** Caches kept per bin: every rebuild (or upgrade) makes a new one, and the old ones would pile up. */
const KEEP_PER_NAME = 4;

export type CacheOutcome = 'off' | 'hit' | 'missing' | 'rejected' | 'unreadable';

export interface LoadedBundle {
  outcome: CacheOutcome;
  /** The cache file, when there is a cache folder. */
  cacheFile?: string;
  /** The bundle's `module.exports`. */
  exports: unknown;
  /** Writes the cache if it was missing or rejected; true when written. Never throws. */
  save(): boolean;
}

/**
 * The cache a bin's run uses. A cache holds the functions compiled by the run that wrote it, and is
 * kept until the bundle changes: a `runlocalai --version` run first would leave every later
 * `check` over a thousand files compiling the checking code again. So `check`, the command run over
 * many files in CI, has its own; every other command shares the bin's.
 */
export function cacheNameFor(bin: string, args: readonly string[]): string {
  return bin === 'cli' && args[0] === 'check' ? 'cli-check' : bin;
}

/** `<user cache folder>/runlocalai`, per platform; undefined when there is no such folder. */
export function cacheFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = os.homedir()): string | undefined {
  if (platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'runlocalai') : undefined;
  if (!home) return undefined;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'runlocalai');
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec: a relative path is invalid and is to be ignored.
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'runlocalai');
}

/** What a bundle's build stamped on its loader: the bundle's SHA-256, and when and how large the bundle was written. */
export interface BuiltBundle {
  sha256: string;
  mtimeMs: number;
  size: number;
}

/**
 * The cache file for this bundle text under this Node (V8 version, architecture, flags): V8 checks
 * only the source's length, so a rebuilt bundle must never meet the bytecode of the old one. A
 * shipped loader knows its bundle's SHA-256 from the build, so a start need not hash the bundle
 * (loading node:crypto and hashing 800 kB is 5-7 ms of every CLI run); the bundle's time and size
 * join it in the key, so that a bundle written again after the build is a new bundle too.
 */
export function cacheFileFor(
  folder: string,
  name: string,
  source: string,
  built?: BuiltBundle,
  runtimeFlags: readonly string[] = [],
): string {
  const runtime = `\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}\0${runtimeFlags.join(' ')}`;
  const key = built
    ? hex128(`${built.sha256}\0${built.mtimeMs}\0${built.size}\0${source.length}${runtime}`)
    : // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('node:crypto') as typeof Crypto).createHash('sha256').update(source).update(runtime).digest('hex').slice(0, 32);
  // pruneOlder knows a cache by this shape: `${name}-` + 32 hex digits + '.v8cache'.
  return path.join(folder, `${name}-${key}.v8cache`);
}

/**
 * 32 hex digits naming a short text: four FNV-1a lanes with different offsets. Not a hash that
 * resists an adversary (the stamp inside is one); it only turns the key into a file name.
 */
export function hex128(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x1b873593;
  let d = 0x6b43a9b5;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193);
    c = Math.imul(c ^ ch, 0x01000193);
    d = Math.imul(d ^ ch, 0x01000193);
  }
  return [a, b, c, d].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

/**
 * Compiles and runs the CommonJS bundle `file` as Node would (its own require, module,
 * __filename and __dirname), from the code cache when a valid one is there; with none, or one V8
 * rejects, it compiles from source as usual. RUNLOCALAI_CODE_CACHE=0 turns the cache off.
 */
export function loadBundle(
  file: string,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  sha256?: string,
  runtimeFlags: readonly string[] = [],
): LoadedBundle {
  const source = fs.readFileSync(file, 'utf8');
  const folder = env.RUNLOCALAI_CODE_CACHE === '0' ? undefined : cacheFolder(env);
  const cacheFile = folder ? cacheFileFor(folder, name, source, sha256 ? builtBundle(file, sha256) : undefined, runtimeFlags) : undefined;
  const cachedData = cacheFile ? readAtMost(cacheFile, MAX_CACHE_BYTES) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cachedData instanceof Buffer ? cachedData : undefined });
  const outcome: CacheOutcome = !cacheFile
    ? 'off'
    : cachedData === 'missing'
      ? 'missing'
      : cachedData === 'unreadable'
        ? 'unreadable'
        : script.cachedDataRejected
          ? 'rejected'
          : 'hit';
  const mod = new Module(file, require.main);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  let saved = false;
  const save = (): boolean => {
    if (saved || !cacheFile || outcome === 'hit') return false;
    saved = true;
    if (!writeAtomically(cacheFile, () => script.createCachedData())) return false;
    pruneOlder(path.dirname(cacheFile), name);
    return true;
  };
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return { outcome, cacheFile, exports: mod.exports, save };
}

/**
 * The entry of a shipped bundle: runs it, writes its cache once the start-up work is done (after
 * a delay for the server and the extension, never while a request waits on them; at exit for a
 * short command) and returns its exports.
 */
export function runBundleWithCache(
  file: string,
  name: string,
  kind: 'long-running' | 'command',
  sha256?: string,
  runtimeFlags: readonly string[] = [],
): unknown {
  const loaded = loadBundle(file, name, process.env, sha256, runtimeFlags);
  if (loaded.outcome === 'hit' || loaded.outcome === 'off') return loaded.exports;
  process.once('exit', () => loaded.save());
  if (kind === 'long-running') setTimeout(() => loaded.save(), SERVER_WRITE_DELAY_MS).unref();
  return loaded.exports;
}

/** The build's stamp with the bundle's time and size now; without them (a stat that fails) no stamp, and the bundle is hashed. */
function builtBundle(file: string, sha256: string): BuiltBundle | undefined {
  try {
    const st = fs.statSync(file);
    return { sha256, mtimeMs: st.mtimeMs, size: st.size };
  } catch {
    return undefined;
  }
}

/** The file's bytes (read as every shell reads a file), or why there are none: anything refused but a missing file is unreadable. */
function readAtMost(file: string, maxBytes: number): Buffer | 'missing' | 'unreadable' {
  try {
    return readBoundedSync(file, { maxBytes });
  } catch (err) {
    return err instanceof FileRefused && err.reason === 'missing' ? 'missing' : 'unreadable';
  }
}

/** Keeps the newest few caches of this bin (other versions, other Node versions); never throws. */
function pruneOlder(folder: string, name: string): void {
  try {
    const mine = fs
      .readdirSync(folder)
      .filter((f) => f.length === name.length + 41 && f.startsWith(`${name}-`) && f.endsWith('.v8cache'))
      .map((f) => ({ file: path.join(folder, f), mtimeMs: fs.statSync(path.join(folder, f)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const old of mine.slice(KEEP_PER_NAME)) fs.rmSync(old.file, { force: true });
  } catch {
    // another process pruned meanwhile, or the folder is not ours to list: nothing is lost
  }
}

/** Temp file then rename, so a reader never sees half a cache; any failure (read-only home, full disk) is silent. */
function writeAtomically(file: string, data: () => Buffer): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, data(), { flag: 'wx', mode: 0o600 });
    fs.renameSync(temp, file);
    return true;
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do: the next start compiles from source again
    }
    return false;
  }
}
