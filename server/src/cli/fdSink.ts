import * as fs from 'node:fs';

/** How an fd sink writes and waits: node:fs and a real sleep, or a test's. */
export interface FdSinkDeps {
  writeSync(fd: number, bytes: Uint8Array, offset: number, length: number): number;
  /** Blocks for about `ms`: the reader of a full non-blocking pipe needs the time to read. */
  sleep(ms: number): void;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
const nodeDeps: FdSinkDeps = {
  writeSync: (fd, bytes, offset, length) => fs.writeSync(fd, bytes, offset, length),
  sleep: (ms) => void Atomics.wait(sleepCell, 0, 0, ms),
};

/**
 * Writes bytes to a file descriptor (the CLI's 1 and 2) in the call, whole. process.stdout and
 * process.stderr build a stream object on first touch, and load some twenty modules unless
 * something (node:v8) already has, to do the same for a file or a pipe. A pipe another process
 * left non-blocking answers EAGAIN when full: the sink waits a millisecond and writes the rest.
 * EPIPE (the reader went away: `runlocalai check . | head`) calls `readerGone` and writes no more
 * of these bytes.
 */
export function fdSink(fd: number, readerGone: () => void, deps: FdSinkDeps = nodeDeps): (bytes: Uint8Array) => void {
  return (bytes) => {
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += deps.writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') deps.sleep(1);
        else if (code === 'EPIPE') return readerGone();
        else throw err;
      }
    }
  };
}
