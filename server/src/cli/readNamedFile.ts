import * as path from 'node:path';
import { LinkFreeFolders, readBoundedSync, rootFor, rootResolver, type ReadScratch } from '../io/readBounded';
import type { CliIO } from './io';

/**
 * The CLI's file reader for one run: bounded, rooted where each file was named, in synchronous
 * calls (a run reads its files one after another). Each root is resolved, and each folder below it
 * proven link-free, once per reader, so a reader lives as long as one run.
 */
export function createNamedFileReader(cwd: string = process.cwd()): Pick<CliIO, 'readFile' | 'readNamedText'> {
  const resolveRoot = rootResolver();
  const provenFolders = new LinkFreeFolders();
  const base = path.resolve(cwd);
  // Text is decoded from one buffer reused file after file; bytes handed out are the caller's own.
  const scratch: ReadScratch = {};
  const read = (file: string, maxBytes: number, into?: ReadScratch) =>
    readBoundedSync(file, { maxBytes, roots: [rootFor(file, cwd, base)] }, resolveRoot, provenFolders, into);
  return {
    readFile: (file, maxBytes) => read(file, maxBytes),
    readNamedText: (file, maxBytes) => {
      const bytes = read(file, maxBytes, scratch);
      // Tested before decoding: a binary file stops at its first NUL, not after megabytes of text.
      return bytes.includes(0) ? undefined : bytes.toString('utf8');
    },
  };
}
