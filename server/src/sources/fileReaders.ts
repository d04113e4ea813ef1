import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ByteReader } from '../engine/sources/gguf';
import { SourceError, type SourceReaders } from '../engine/sources/types';
import { SAFE_OPEN_FLAGS, isInside, kindOf } from '../io/fileSafety';

export interface ReaderPolicy {
  /** Folders whose files may be read; a path (or a symlink's target) outside them is refused. */
  roots: string[];
  /** Bytes one opened file may serve in all (a GGUF header, never its tensor data). */
  maxReadBytes?: number;
  /** Milliseconds one opened file may be read for. */
  timeoutMs?: number;
}

const DEFAULT_MAX_READ = 256 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 5000;
const LIST_LIMIT = 10_000;

/**
 * The only way the sources read files: regular files inside the allowed roots, checked with
 * lstat/realpath before opening and fstat after (opened non-blocking, so a FIFO cannot hang the
 * server), read in bounded pieces within a time limit, never a device, FIFO or socket.
 */
export function createFileReaders(policy: ReaderPolicy): SourceReaders {
  // Resolved when a path first needs them: the CLI passes the folder of every file it was named
  // (a thousand in a CI run), and a run whose models are all catalog names never reads a file.
  let realRoots: string[] | undefined;
  const roots = () =>
    (realRoots ??= policy.roots.map((r) => {
      try {
        return fs.realpathSync(r);
      } catch {
        return path.resolve(r);
      }
    }));
  const maxRead = policy.maxReadBytes ?? DEFAULT_MAX_READ;
  const timeout = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** The real path when it is inside a root, else undefined. */
  const allowed = (p: string): string | undefined => {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      return undefined;
    }
    return roots().some((r) => isInside(real, r)) ? real : undefined;
  };

  const statOf = (p: string): fs.Stats | undefined => {
    const real = allowed(p);
    if (!real) return undefined;
    try {
      return fs.lstatSync(real);
    } catch {
      return undefined;
    }
  };

  const openChecked = (p: string): { real: string; stat: fs.Stats } => {
    let link: fs.Stats;
    try {
      link = fs.lstatSync(p);
    } catch {
      throw new SourceError(`${p} does not exist`, p);
    }
    const real = allowed(p);
    if (!real) {
      throw new SourceError(
        link.isSymbolicLink()
          ? `${p} is a link to a place outside the folders RunLocalAI reads`
          : `${p} is outside the folders RunLocalAI reads`,
        p,
      );
    }
    const st = fs.lstatSync(real);
    if (st.isDirectory()) throw new SourceError(`${p} is a folder, not a file`, p);
    if (!st.isFile()) throw new SourceError(`${p} is not a regular file (${kindOf(st)}): not read`, p);
    return { real, stat: st };
  };

  const readAt = (real: string, stat: fs.Stats, offset: number, length: number): Buffer => {
    const fd = fs.openSync(real, SAFE_OPEN_FLAGS);
    try {
      const now = fs.fstatSync(fd);
      // The same regular file that was checked, not something swapped in since.
      if (!now.isFile() || now.ino !== stat.ino || now.dev !== stat.dev) throw new SourceError(`${real} changed while being read`, real);
      const n = Math.max(0, Math.min(length, now.size - offset));
      const buf = Buffer.alloc(n);
      let got = 0;
      while (got < n) {
        const r = fs.readSync(fd, buf, got, n - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return got === n ? buf : buf.subarray(0, got);
    } finally {
      fs.closeSync(fd);
    }
  };

  return {
    open(p): ByteReader {
      const { real, stat } = openChecked(p);
      const deadline = Date.now() + timeout;
      let served = 0;
      return {
        size: stat.size,
        read(offset, length) {
          if (Date.now() > deadline) throw new SourceError(`${p}: reading took longer than ${timeout} ms`, p);
          if (served + length > maxRead) throw new SourceError(`${p}: header larger than ${maxRead} bytes; not read further`, p);
          served += length;
          return readAt(real, stat, offset, length);
        },
      };
    },
    readText(p, maxBytes) {
      if (!statOf(p)?.isFile()) return undefined;
      const { real, stat } = openChecked(p);
      if (stat.size > maxBytes) throw new SourceError(`${p} is ${stat.size} bytes, more than the ${maxBytes} read for it`, p);
      return readAt(real, stat, 0, stat.size).toString('utf8');
    },
    list(dir) {
      const real = allowed(dir);
      if (!real) return undefined;
      try {
        const names: string[] = [];
        const d = fs.opendirSync(real);
        try {
          for (let e = d.readSync(); e && names.length < LIST_LIMIT; e = d.readSync()) names.push(e.name);
        } finally {
          d.closeSync();
        }
        return names.sort();
      } catch {
        return undefined;
      }
    },
    isFile: (p) => statOf(p)?.isFile() ?? false,
    exists: (p) => {
      try {
        fs.lstatSync(p);
        return true;
      } catch {
        return false;
      }
    },
    isDirectory: (p) => statOf(p)?.isDirectory() ?? false,
    join: (...parts) => path.join(...parts),
    resolve: (base, p) =>
      path.resolve(
        base,
        p.replace(/^~(?=[\\/])/, () => process.env.HOME ?? process.env.USERPROFILE ?? '~'),
      ),
    dirname: (p) => path.dirname(p),
    basename: (p) => path.basename(p),
  };
}
