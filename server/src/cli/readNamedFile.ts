import { readBounded, rootFor } from '../io/readBounded';

/** The CLI's file reader: bounded, rooted where the file was named, quick to give up. */
export function readNamedFile(file: string, maxBytes: number): Promise<Buffer> {
  return readBounded(file, { maxBytes, roots: [rootFor(file, process.cwd())], timeoutMs: 2000 });
}
