import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The rules both file readers (whole files for the CLI and the server, byte ranges of GGUF
 * headers for the model sources) open a file by, kept in one place so they cannot drift.
 *
 * O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
 * O_NOFOLLOW: the path opened is the resolved one, so a link swapped in after the checks is refused.
 * O_NOCTTY: a terminal device opened (the CLI opens a named file before fstat says what it is) never
 * becomes the process's controlling terminal.
 */
export const SAFE_OPEN_FLAGS =
  fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** A relative path that climbs out of its base (or is on another drive). */
export function leaves(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/** Whether `child` (a real path) lies in `root` (a real path) or is it. */
export function isInside(child: string, root: string): boolean {
  return !leaves(path.relative(root, child));
}

/** What a path that is not a regular file is, in words for a message. */
export function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a plain file';
}
