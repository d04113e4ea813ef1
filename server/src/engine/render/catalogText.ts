/**
 * Catalog prose is trusted Markdown, but placeholders such as `<user>/<model>` written outside
 * backticks would be taken for HTML tags and vanish. Escapes <, > and & outside inline code.
 */
export function escapeProse(text: string): string {
  // Most catalog prose has none of the three: the text itself, without building a copy (hovers render it each time).
  let i = 0;
  while (i < text.length && !isMarkup(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  let out = '';
  let from = 0;
  let inCode = false;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKTICK) inCode = !inCode;
    else if (!inCode && isMarkup(c)) {
      out += text.slice(from, j) + (c === LT ? '&lt;' : c === GT ? '&gt;' : '&amp;');
      from = j + 1;
    }
  }
  return out + text.slice(from);
}

const BACKTICK = 0x60;
const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const isMarkup = (c: number) => c === LT || c === GT || c === AMP;

/** A fenced snippet whose fence is longer than any run of backticks inside it. */
export function fenced(code: string, language: string): string {
  let longest = 0;
  let run = 0;
  for (const ch of code) {
    run = ch === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language === 'text' ? '' : language}\n${code}\n${fence}`;
}
