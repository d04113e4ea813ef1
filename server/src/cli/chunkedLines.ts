/**
 * Output lines gathered into chunks of about `chunkChars` characters before each write: a write per
 * line is a system call per finding, and `check` over a repository prints thousands. `flush` before
 * anything else reaches the terminal (standard error) keeps the two in order, and at the end.
 */
export function chunkedLines(write: (chunk: string) => void, chunkChars = 64 * 1024): { line(text: string): void; flush(): void } {
  let pending: string[] = [];
  let chars = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const chunk = pending.join('\n') + '\n';
    pending = [];
    chars = 0;
    write(chunk);
  };
  return {
    line(text) {
      pending.push(text);
      chars += text.length + 1;
      if (chars >= chunkChars) flush();
    },
    flush,
  };
}
