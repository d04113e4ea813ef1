/**
 * Catalog prose is trusted Markdown, but placeholders such as `<user>/<model>` written outside
 * backticks would be taken for HTML tags and vanish. Escapes <, > and & outside inline code.
 */
export function escapeProse(text: string): string {
  let out = '';
  let inCode = false;
  for (const ch of text) {
    if (ch === '`') inCode = !inCode;
    if (!inCode && (ch === '<' || ch === '>' || ch === '&')) out += ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&amp;';
    else out += ch;
  }
  return out;
}

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
