/** Where the CLI reads and writes; injected so tests can capture output without spawning. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /**
   * Reads a file named on the command line, bounded (server/src/io/readBounded): a regular
   * file of at most `maxBytes`, not a link out of the folder it was named in. Throws
   * FileRefused, whose message never quotes the file. Synchronous: `check` reads a repository's
   * files one after another, and a promise per file costs more than the read.
   */
  readFile(path: string, maxBytes: number): Buffer;
  /** readFile's file as UTF-8 text, under the same bounds and refusals; undefined when it holds a NUL byte (binary). */
  readNamedText(path: string, maxBytes: number): string | undefined;
  /** A small regular file found while walking (`.gitignore`, `.runlocalai.yaml`), at most `maxBytes`; undefined otherwise. */
  readText?(path: string, maxBytes: number): string | undefined;
  /** undefined when the path does not exist or cannot be read. */
  stat?(path: string): { isDirectory: boolean; isFile: boolean; size: number } | undefined;
  /** Names in a folder; undefined when it cannot be read. */
  readDir?(path: string): string[] | undefined;
  /** At most the last `maxBytes` of a file readFile refused only for its size (logs end with the error). */
  readTail?(path: string, maxBytes: number): Buffer;
  /** Replaces a file `readFile` read with new text (`check --fix`); never creates one. */
  writeFile?(path: string, text: string): void;
  /** Standard input, stopping after `maxBytes` (the rest is not read). */
  readStdin?(maxBytes: number): Promise<Buffer>;
}
