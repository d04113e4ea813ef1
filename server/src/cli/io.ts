/** Where the CLI writes; injected so tests can capture output without spawning. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Buffer;
  fileSize(path: string): number;
}
