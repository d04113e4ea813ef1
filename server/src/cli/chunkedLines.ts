/**
 * Output lines gathered into chunks of about `chunkBytes` UTF-8 bytes before each write: a write
 * per line is a system call per finding, and `check` over a repository prints thousands. Lines are
 * encoded into the chunk as they come, so a run's pending output is bytes outside the JS heap, not
 * strings the collector copies at every young-generation pass. `flush` before anything else reaches
 * the terminal (standard error) keeps the two in order, and at the end. Each chunk handed to `write`
 * is its own buffer, never written into again (a stream may still hold it).
 */
export function chunkedLines(write: (chunk: Uint8Array) => void, chunkBytes = 64 * 1024): { line(text: string): void; flush(): void } {
  let chunk: Buffer | undefined;
  let used = 0;
  const flush = () => {
    if (!chunk || used === 0) return;
    const full = chunk.subarray(0, used);
    chunk = undefined;
    used = 0;
    write(full);
  };
  return {
    line(text) {
      // At most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units), and the newline:
      // counted exactly only when that bound does not fit.
      let bytes = text.length * 3 + 1;
      if (bytes > chunkBytes - used) {
        bytes = Buffer.byteLength(text, 'utf8') + 1;
        if (bytes > chunkBytes - used) flush();
        if (bytes > chunkBytes) {
          write(Buffer.from(`${text}\n`, 'utf8'));
          return;
        }
      }
      chunk ??= Buffer.allocUnsafe(chunkBytes);
      used += chunk.write(text, used, 'utf8');
      chunk[used++] = 0x0a;
    },
    flush,
  };
}
