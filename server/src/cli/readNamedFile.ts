import * as path from 'node:path';
import { LinkFreeFolders, readBoundedSync, rootFor, rootResolver } from '../io/readBounded';

/**
 * The CLI's file reader for one run: bounded, rooted where each file was named, in synchronous
 * calls (a run reads its files one after another). Each root is resolved, and each folder below it
 * proven link-free, once per reader, so a reader lives as long as one run.
 */
export function createNamedFileReader(cwd: string = process.cwd()): (file: string, maxBytes: number) => Buffer {
  const resolveRoot = rootResolver();
  const provenFolders = new LinkFreeFolders();
  const base = path.resolve(cwd);
  return (file, maxBytes) => readBoundedSync(file, { maxBytes, roots: [rootFor(file, cwd, base)] }, resolveRoot, provenFolders);
}
