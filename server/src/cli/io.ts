/** Where the CLI writes and reads; injected so tests can capture output without spawning. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Buffer;
  fileSize(path: string): number;
  /** undefined when the path does not exist or cannot be read. */
  stat?(path: string): { isDirectory: boolean; isFile: boolean; size: number } | undefined;
  /** Names in a folder; undefined when it cannot be read. */
  readDir?(path: string): string[] | undefined;
  /** At most the last `maxBytes` of a file (logs end with the error), for commands that read logs. */
  readTail?(path: string, maxBytes: number): Buffer;
  /** Standard input, stopping after `maxBytes` (the rest is not read). */
  readStdin?(maxBytes: number): Promise<Buffer>;
}
