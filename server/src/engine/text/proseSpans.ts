/** Where prose can stand in source code: comments and string literals. */
export interface Span {
  start: number;
  end: number;
}

interface Syntax {
  line: string[];
  block?: [string, string];
  quotes: string[];
  /** Python-style triple-quoted strings spanning lines. */
  triple?: boolean;
}

const BACKSLASH = 92;

const C_LIKE: Syntax = { line: ['//'], block: ['/*', '*/'], quotes: ['"', "'", '`'] };
const HASH: Syntax = { line: ['#'], quotes: ['"', "'"] };
// Config formats: only comments hold prose; values are left to the config-key hovers.
const HASH_COMMENTS: Syntax = { line: ['#'], quotes: [] };

const SYNTAX: Record<string, Syntax> = {
  typescript: C_LIKE,
  typescriptreact: C_LIKE,
  javascript: C_LIKE,
  javascriptreact: C_LIKE,
  go: C_LIKE,
  rust: { line: ['//'], block: ['/*', '*/'], quotes: ['"'] },
  c: C_LIKE,
  cpp: C_LIKE,
  java: C_LIKE,
  csharp: C_LIKE,
  python: { line: ['#'], quotes: ['"', "'"], triple: true },
  shellscript: HASH,
  dockerfile: HASH,
  lua: { line: ['--'], quotes: ['"', "'"] },
  powershell: { line: ['#'], block: ['<#', '#>'], quotes: ['"', "'"] },
  yaml: HASH_COMMENTS,
  toml: HASH_COMMENTS,
  dotenv: HASH_COMMENTS,
  properties: { line: ['#', '!'], quotes: [] },
  ini: { line: [';', '#'], quotes: [] },
};

/** Info strings of Markdown code fences, as people write them, to the language ids above. */
const FENCE_LANGUAGES: Record<string, string> = {
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  shellscript: 'shellscript',
  py: 'python',
  python: 'python',
  ipython: 'python',
  js: 'javascript',
  javascript: 'javascript',
  ts: 'typescript',
  typescript: 'typescript',
  tsx: 'typescriptreact',
  jsx: 'javascriptreact',
  go: 'go',
  rust: 'rust',
  rs: 'rust',
  c: 'c',
  cpp: 'cpp',
  'c++': 'cpp',
  java: 'java',
  cs: 'csharp',
  csharp: 'csharp',
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  lua: 'lua',
  powershell: 'powershell',
  ps1: 'powershell',
  pwsh: 'powershell',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
  ini: 'ini',
  env: 'dotenv',
  dotenv: 'dotenv',
  properties: 'properties',
  modelfile: 'modelfile',
};

/** The language id of a fence's info string ("```bash title=x" is shellscript), if known. */
export function fenceLanguage(info: string): string | undefined {
  const word = info.trim().split(/[\s{]/, 1)[0].toLowerCase();
  return FENCE_LANGUAGES[word];
}

export function hasProseSpans(languageId: string): boolean {
  return languageId in SYNTAX || languageId === 'modelfile';
}

/**
 * For each line of a source file, the spans that are comments or strings, where glossary terms
 * may be hovered; code itself is left alone so that identifiers never light up as jargon.
 * A light lexer: it knows comment and quote syntax, not the whole language.
 */
export function proseSpans(lines: readonly string[], languageId: string): Span[][] {
  const syntax = languageId === 'modelfile' ? HASH : SYNTAX[languageId];
  if (!syntax) return lines.map(() => []);
  const result: Span[][] = [];
  // The characters that can begin a comment or a string, looked for with indexOf: the scan between
  // them is the engine's own, fast from the first file (a loop over every character here ran
  // interpreted through a first large file, 4 µs a line, until V8 had optimised it).
  const starters = [...new Set([...syntax.line, ...(syntax.block ?? []), ...syntax.quotes].map((t) => t[0]))];
  // A block comment or triple-quoted string left open at the end of a line.
  let open: { close: string } | undefined;
  const found = starters.map(() => -2);
  for (const line of lines) {
    const spans: Span[] = [];
    let i = 0;
    found.fill(-2);
    if (open) {
      const end = line.indexOf(open.close);
      if (end < 0) {
        result.push([{ start: 0, end: line.length }]);
        continue;
      }
      spans.push({ start: 0, end });
      i = end + open.close.length;
      open = undefined;
    }
    while (i < line.length) {
      i = nextOf(line, starters, i, found);
      if (i < 0) break;
      const at = (t: string) => line.startsWith(t, i);
      const lineComment = syntax.line.find(at);
      if (lineComment) {
        spans.push({ start: i + lineComment.length, end: line.length });
        break;
      }
      const triple = syntax.triple ? ['"""', "'''"].find(at) : undefined;
      const block = syntax.block && at(syntax.block[0]) ? syntax.block : triple ? [triple, triple] : undefined;
      if (block) {
        const from = i + block[0].length;
        const end = line.indexOf(block[1], from);
        if (end < 0) {
          spans.push({ start: from, end: line.length });
          open = { close: block[1] };
          break;
        }
        spans.push({ start: from, end });
        i = end + block[1].length;
        continue;
      }
      const quote = syntax.quotes.find(at);
      if (quote) {
        const j = closingQuote(line, quote, i);
        spans.push({ start: i + 1, end: Math.min(j, line.length) });
        i = j + 1;
        continue;
      }
      i++;
    }
    result.push(spans);
  }
  return result;
}

/**
 * Where the first of `chars` stands in `line` at or after `from`; -1 if none does. `found` holds,
 * per char, where it was last found (-1: nowhere further, -2: not looked for yet in this line):
 * `from` only grows along a line, so each char's search goes forward and the whole is linear.
 */
function nextOf(line: string, chars: readonly string[], from: number, found: number[]): number {
  let first = -1;
  for (let c = 0; c < chars.length; c++) {
    let k = found[c];
    if (k === -1) continue;
    if (k < from) k = found[c] = line.indexOf(chars[c], from);
    if (k >= 0 && (first < 0 || k < first)) first = k;
  }
  return first;
}

/**
 * The quote closing the string opened at `open`: the first after it not escaped by an odd run of
 * backslashes (a backslash escapes the character after it); the line's length if none.
 * Linear: each backslash run is counted once, for the quote it ends at.
 */
function closingQuote(line: string, quote: string, open: number): number {
  for (let k = line.indexOf(quote, open + 1); k >= 0; k = line.indexOf(quote, k + 1)) {
    let run = 0;
    while (k - 1 - run > open && line.charCodeAt(k - 1 - run) === BACKSLASH) run++;
    if (run % 2 === 0) return k;
  }
  return line.length;
}
