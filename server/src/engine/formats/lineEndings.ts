import type { Parsed } from './types';

/**
 * A file written with CRLF line breaks gets CRLF in the lines an edit adds (a missing key, a flag
 * on a new line), so that a quick fix or `check --fix` never leaves it with mixed line endings.
 * The formats write `\n`; this wraps their edits once per parse. The first line break decides.
 */
export function inFileLineEndings(parsed: Parsed, text: string): Parsed {
  const firstBreak = text.indexOf('\n');
  if (firstBreak <= 0 || text[firstBreak - 1] !== '\r') return parsed;
  for (const d of parsed.deployments) {
    const edit = d.edit.bind(d);
    d.edit = (setting, value) => edit(setting, value).map((e) => ({ ...e, newText: toCrlf(e.newText) }));
  }
  return parsed;
}

/** Every lone `\n` as `\r\n`; one already preceded by `\r` is left as it is. */
function toCrlf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s[i] === '\n' && s[i - 1] !== '\r' ? '\r\n' : s[i];
  return out;
}
