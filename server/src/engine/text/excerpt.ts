/** Longest document text a message quotes, unless the caller asks for less. */
export const MAX_EXCERPT = 60;

/**
 * A short, printable quote of document text for a message: control characters (terminal escapes,
 * NULs, line breaks) and runs of whitespace become one space, and anything past `max` characters
 * is cut with an ellipsis, so that a message stays one short line whatever the document holds.
 */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  let out = '';
  let count = 0;
  let lastWasSpace = false;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const blank = code < 0x20 || (code >= 0x7f && code < 0xa0) || ch.trim() === '';
    if (blank && lastWasSpace) continue;
    if (count === max) return `${out}…`;
    out += blank ? ' ' : ch;
    lastWasSpace = blank;
    count++;
  }
  return out;
}
