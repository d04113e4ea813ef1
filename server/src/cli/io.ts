/** Where the CLI reads and writes; injected so tests can capture output without spawning. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /**
   * Reads a file named on the command line, bounded (server/src/io/readBounded): a regular
   * file of at most `maxBytes`, not a link out of the folder it was named in. Rejects with
   * FileRefused, whose message never quotes the file.
   */
  readFile(path: string, maxBytes: number): Promise<Buffer>;
}
