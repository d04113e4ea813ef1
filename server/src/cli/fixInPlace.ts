import { fixUntilStable } from '../engine/formats/applyFixes';
import type { Finding } from '../engine/types';
import type { CliIO } from './io';

/**
 * `check --fix` for one file: the engine picks and applies the fixes, this writes the result back
 * over the file it read (a byte-order mark kept) and says on stderr what it changed.
 */
export function fixInPlace(
  file: string,
  text: string,
  bom: boolean,
  check: (text: string) => readonly Finding[],
  io: CliIO,
  maxBytes: number,
): string {
  const fixed = fixUntilStable(text, check, maxBytes);
  if (!fixed.applied.length) return text;
  if (!io.writeFile) {
    io.err(`${file}: cannot write fixes here`);
    return text;
  }
  io.writeFile(file, (bom ? '\uFEFF' : '') + fixed.text);
  for (const title of fixed.applied) io.err(`${file}: fixed: ${title}`);
  return fixed.text;
}
