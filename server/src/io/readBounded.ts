import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAFE_OPEN_FLAGS, isInside, kindOf, leaves } from './fileSafety';
import { resolvePath } from './resolvePath';

/** How much a read may take, and from where. */
export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Folders the file must lie in once symlinks are followed; when absent, anywhere. */
  roots?: readonly string[];
  /** Gives up after this long (a stalled network mount); default 5 s. */
  timeoutMs?: number;
}

export type RefusalReason = 'missing' | 'not-regular' | 'too-large' | 'outside-roots' | 'timeout' | 'unreadable';

/** A file the reader would not or could not read; the message names the reason, never the content. */
export class FileRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'FileRefused';
  }
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Reads a whole file the way every shell must read one it did not write: a regular file only
 * (no device, FIFO, socket or directory), at most `maxBytes`, inside the allowed roots after
 * following symlinks, and within a time limit. No shell calls it since the CLI moved to
 * readBoundedSync (which reads a run's files one after another); it stays as the plain statement of
 * these rules, which a property test holds readBoundedSync to, for a shell that must not block.
 */
export async function readBounded(file: string, limits: ReadLimits): Promise<Buffer> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FileRefused('timeout', `reading took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  const reading = read(file, limits);
  try {
    return await Promise.race([reading, timedOut]);
  } finally {
    clearTimeout(timer);
    reading.catch(() => undefined);
  }
}

async function read(file: string, { maxBytes, roots }: ReadLimits): Promise<Buffer> {
  const real = await fs.promises.realpath(file).catch((err: NodeJS.ErrnoException) => {
    throw new FileRefused(err.code === 'ENOENT' ? 'missing' : 'unreadable', `cannot read: ${err.code ?? err.message}`);
  });
  if (roots && !(await insideAny(real, roots))) {
    throw new FileRefused('outside-roots', 'it is a link to a file outside the folder it was named in; name the file itself');
  }
  const before = await fs.promises.stat(real);
  refuseUnlessRegular(before, maxBytes);
  const handle = await fs.promises.open(real, SAFE_OPEN_FLAGS).catch((err: NodeJS.ErrnoException) => {
    throw new FileRefused('unreadable', `cannot read: ${err.code ?? err.message}`);
  });
  try {
    const opened = await handle.stat();
    if (opened.ino !== before.ino || opened.dev !== before.dev) throw new FileRefused('unreadable', 'the file changed while it was opened');
    refuseUnlessRegular(opened, maxBytes);
    // One byte more than allowed tells a file that grew since stat from one that did not.
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(maxBytes);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** How the synchronous reader resolves an allowed root; a memo (rootResolver) spares a realpath per file. */
export type RealRoot = (root: string) => string;

/** The real path of a root, or the root made absolute when it does not resolve (nothing real can lie in it then). */
export const realRoot: RealRoot = (root) => {
  try {
    return fs.realpathSync.native(root);
  } catch {
    return path.resolve(root);
  }
};

/** Resolves each root once for as long as the resolver lives (one CLI run): the roots of many files are few folders. */
export function rootResolver(): RealRoot {
  const known = new Map<string, string>();
  return (root) => {
    let real = known.get(root);
    if (real === undefined) known.set(root, (real = realRoot(root)));
    return real;
  };
}

/**
 * Whether a real path lies in a root, resolving the root only when it must: a real path has no
 * link in it, so an absolute, normalised root that it lies in word for word is itself real.
 */
function insideRoot(real: string, root: string, resolveRoot: RealRoot): boolean {
  if (path.isAbsolute(root) && path.normalize(root) === root && isInside(real, root)) return true;
  return isInside(real, resolveRoot(root));
}

/**
 * readBounded's rules, in synchronous calls, for a shell reading many files one after another (the
 * CLI's `check` over a repository): a promise per file system call costs far more than the call.
 * The one rule it cannot keep is the time limit: a stalled mount blocks the call, as it would block
 * `cat`; a command-line run is the user's to interrupt.
 */
export function readBoundedSync(
  file: string,
  limits: Omit<ReadLimits, 'timeoutMs'>,
  resolveRoot: RealRoot = realRoot,
  provenFolders: LinkFreeFolders = new LinkFreeFolders(),
  scratch?: ReadScratch,
): Buffer {
  const { maxBytes, roots } = limits;
  const below = roots && linkFreeBelowRoot(file, roots, provenFolders);
  if (below !== undefined && NO_FOLLOW !== 0) {
    // Only the file's own name is left unproven: opened without following it, it is the file itself
    // or nothing (a link fails the open and takes the realpath way), and the descriptor's fstat says
    // what it is. One open where an lstat, then the open, then a check that both saw the same file.
    let fd: number;
    try {
      fd = fs.openSync(below, SAFE_OPEN_FLAGS);
    } catch (err) {
      if (!FOLLOW_REFUSED.has((err as NodeJS.ErrnoException).code ?? '')) throw cannotRead(err);
      return readOpened(resolved(file, roots, resolveRoot), maxBytes, scratch);
    }
    return readFd(fd, maxBytes, undefined, scratch);
  }
  if (below !== undefined) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(below);
    } catch (err) {
      throw cannotRead(err);
    }
    if (!stat.isSymbolicLink()) return readOpened({ opened: below, stat }, maxBytes, scratch);
  }
  return readOpened(resolved(file, roots, resolveRoot), maxBytes, scratch);
}

/** The open's answers to O_NOFOLLOW on a link: ELOOP (Linux, macOS), EMLINK (FreeBSD). */
const FOLLOW_REFUSED = new Set(['ELOOP', 'EMLINK']);

/** O_NOFOLLOW where the platform has it (not on Windows): the file's own name is then checked by the open itself. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Reads a file a stat has already described, refusing it unless the opened file is the one described. */
function readOpened({ opened: where, stat: before }: { opened: string; stat: fs.Stats }, maxBytes: number, scratch?: ReadScratch): Buffer {
  refuseUnlessRegular(before, maxBytes);
  let fd: number;
  try {
    fd = fs.openSync(where, SAFE_OPEN_FLAGS);
  } catch (err) {
    throw new FileRefused('unreadable', `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return readFd(fd, maxBytes, before, scratch);
}

/**
 * A buffer a reader of many files reads each one into, in turn: one allocation for a run instead of
 * one per file (`check` over a thousand files). What a read returns from it is a view, good until
 * the next read into the same scratch; so only a caller that decodes it at once passes one.
 */
export interface ReadScratch {
  bytes?: Buffer;
}

/** A scratch's first size: most configs fit, and it doubles (up to the read's bound) for one that does not. */
const SCRATCH_BYTES = 64 * 1024;

/** `size` bytes to read into: the scratch's, grown if it must be (never past `maxBytes + 1`), or a buffer of its own. */
function readBuffer(size: number, maxBytes: number, scratch: ReadScratch | undefined): Buffer {
  if (!scratch) return Buffer.allocUnsafe(size);
  if (!scratch.bytes || scratch.bytes.length < size)
    scratch.bytes = Buffer.allocUnsafe(Math.min(Math.max(size, SCRATCH_BYTES, 2 * (scratch.bytes?.length ?? 0)), maxBytes + 1));
  return scratch.bytes;
}

/** The whole of an open file, closed after: a regular file of at most `maxBytes`, the one `before` described when given. */
function readFd(fd: number, maxBytes: number, before?: fs.Stats, scratch?: ReadScratch): Buffer {
  try {
    const opened = fs.fstatSync(fd);
    if (before && (opened.ino !== before.ino || opened.dev !== before.dev))
      throw new FileRefused('unreadable', 'the file changed while it was opened');
    refuseUnlessRegular(opened, maxBytes);
    // What fstat reported; at the bound, one byte more tells a file that grew since from one that did not.
    const wanted = Math.min(opened.size, maxBytes);
    const size = wanted + 1;
    // Unfilled: only the bytes read are returned, and allocUnsafe takes small files from Node's pool.
    const buffer = readBuffer(size, maxBytes, scratch);
    let length = 0;
    while (length < size && (length < wanted || wanted === maxBytes)) {
      const bytesRead = fs.readSync(fd, buffer, length, size - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(maxBytes);
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

function cannotRead(err: unknown): FileRefused {
  const code = (err as NodeJS.ErrnoException).code;
  return new FileRefused(code === 'ENOENT' ? 'missing' : 'unreadable', `cannot read: ${code ?? (err as Error).message}`);
}

/** The file's real path, refused unless it lies in a root. */
function resolved(file: string, roots: readonly string[] | undefined, resolveRoot: RealRoot): { opened: string; stat: fs.Stats } {
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch (err) {
    throw cannotRead(err);
  }
  if (roots && !roots.some((root) => insideRoot(real, root, resolveRoot))) {
    throw new FileRefused('outside-roots', 'it is a link to a file outside the folder it was named in; name the file itself');
  }
  return { opened: real, stat: fs.statSync(real) };
}

/**
 * The folders below a root already proven not to be links, for one run: the configs of a
 * repository share their parent folders, and each is lstat'ed once per run instead of once per
 * file. A memo lives as long as one run (a reader), so a link put in between runs is seen.
 */
export class LinkFreeFolders {
  private readonly proven = new Set<string>();
  /** `folder` (as joined below `root`) had no link from `root` down to it. */
  has(root: string, folder: string): boolean {
    return this.proven.has(`${root}\0${folder}`);
  }
  add(root: string, folder: string): void {
    this.proven.add(`${root}\0${folder}`);
  }
}

/**
 * A file named below a root through folders that are not links (the usual case: a config named
 * in its own folder) lies in that root's real place, whatever the root's own links: an lstat per
 * folder below the root proves it, where a realpath reads every folder from `/`. Returns the path
 * to open, its folders proven (each once per `proven` memo), and the file's own name left to the
 * caller; undefined, to take the realpath way, when a folder is a link or `..`, or the file is not
 * named below a root.
 */
function linkFreeBelowRoot(file: string, roots: readonly string[], proven: LinkFreeFolders): string | undefined {
  if (file.includes('..') && file.split(/[\\/]/).includes('..')) return undefined;
  // Joined, not resolved: `.`, `//` and a trailing `/` mean for the lstats what they mean for a realpath.
  // (A Windows path relative to a drive's own folder, `C:x`, is left to the realpath way.)
  if (!path.isAbsolute(file) && path.sep !== '/') return undefined;
  const abs = path.isAbsolute(file) ? file : `${process.cwd()}/${file}`;
  const root = roots.find((r) => r !== '' && abs.startsWith(r) && (r.endsWith(path.sep) || abs[r.length] === path.sep));
  if (root === undefined) return undefined;
  const top = root.endsWith(path.sep) ? root.slice(0, -1) : root;
  const lastSep = abs.lastIndexOf(path.sep);
  // The file's own folder proven (or the root itself): no folder is left to look at.
  if (lastSep <= top.length || proven.has(root, abs.slice(0, lastSep))) return abs;
  const names = abs.slice(top.length + 1, lastSep).split(path.sep);
  let at = top;
  for (const name of names) {
    at += path.sep + name;
    if (proven.has(root, at)) continue;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(at);
    } catch (err) {
      throw cannotRead(err);
    }
    if (stat.isSymbolicLink()) return undefined;
    proven.add(root, at);
  }
  return abs;
}

function refuseUnlessRegular(st: fs.Stats, maxBytes: number): void {
  if (!st.isFile()) throw new FileRefused('not-regular', `not a regular file (${kindOf(st)})`);
  if (st.size > maxBytes) throw tooLarge(maxBytes);
}

function tooLarge(maxBytes: number): FileRefused {
  const mib = maxBytes / 1024 / 1024;
  return new FileRefused('too-large', `larger than ${mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${maxBytes} bytes`}`);
}

async function insideAny(real: string, roots: readonly string[]): Promise<boolean> {
  for (const root of roots) {
    const r = await fs.promises.realpath(root).catch(() => path.resolve(root));
    if (isInside(real, r)) return true;
  }
  return false;
}

/**
 * The folder a file named on a command line may resolve into: the working directory when it
 * was named inside it (a repository checked in CI), else the folder it was named in.
 */
export function rootFor(file: string, cwd: string, base: string = path.resolve(cwd)): string {
  // `base` is `cwd` resolved: a reader of many files resolves it once, not once per file.
  const resolved = resolvePath(base, file);
  // Both paths resolved, a prefix test is path.relative's answer where names are case-sensitive
  // (`check` over a thousand files called path.relative a thousand times); Windows asks it.
  if (resolved === base || resolved.startsWith(base.endsWith(path.sep) ? base : base + path.sep)) return cwd;
  if (path.sep === '/') return path.dirname(resolved);
  return leaves(path.relative(cwd, resolved)) ? path.dirname(resolved) : cwd;
}
