import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAFE_OPEN_FLAGS, isInside, kindOf, leaves } from './fileSafety';

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
 * following symlinks, and within a time limit.
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
export function rootFor(file: string, cwd: string): string {
  const resolved = path.resolve(cwd, file);
  return leaves(path.relative(cwd, resolved)) ? path.dirname(resolved) : cwd;
}
