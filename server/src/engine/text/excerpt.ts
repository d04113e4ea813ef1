/** Longest document text a message quotes, unless the caller asks for less. */
export const MAX_EXCERPT = 60;

/**
 * A short, printable quote of document text for a message: control characters (terminal escapes,
 * NULs, line breaks) become spaces and anything past `max` characters is cut with an ellipsis,
 * so that a message stays one short line whatever the document holds.
 */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  const head = text.length > max ? text.slice(0, max) : text;
  let out = '';
  for (const ch of head) {
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029 ? ' ' : ch;
  }
  return text.length > max ? `${out}…` : out;
}
