/** Where the CLI writes; injected so tests can capture output without spawning. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Buffer;
  fileSize(path: string): number;
  /** At most the last `maxBytes` of a file (logs end with the error), for commands that read logs. */
  readTail?(path: string, maxBytes: number): Buffer;
  /** Standard input, stopping after `maxBytes` (the rest is not read). */
  readStdin?(maxBytes: number): Promise<Buffer>;
}
