import type { TextEdit } from '../../server/src/engine/types';
import { offsetAt } from './caret';

/**
 * Applies every edit, as an editor does: ranges refer to the original text, so they are applied
 * from the last to the first. Overlapping edits are a bug in the fix and fail the test.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].end > spans[i - 1].start) throw new Error(`overlapping edits: ${JSON.stringify(edits)}`);
  }
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
