import { fenceLanguage, hasProseSpans, proseSpans, type Span } from './proseSpans';

/** Where terms are hovered in source code: only comments and strings (default), all of it, or nowhere. */
export type InCode = 'commentsAndStrings' | 'everywhere' | 'off';

export interface HoverSettings {
  /** Hovers on for this document's language (`runlocalai.hover.enabled`, language-overridable). */
  enabled: boolean;
  inCode: InCode;
}

export const defaultHoverSettings: HoverSettings = { enabled: true, inCode: 'commentsAndStrings' };

/** Whatever a client sent, as complete settings. */
export function sanitizeHoverSettings(raw: unknown): HoverSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const inCode =
    r.inCode === 'everywhere' || r.inCode === 'off' || r.inCode === 'commentsAndStrings' ? r.inCode : defaultHoverSettings.inCode;
  return { enabled: typeof r.enabled === 'boolean' ? r.enabled : defaultHoverSettings.enabled, inCode };
}

/** Per line: every character may hold a term ('all'), or only these spans. */
export type LineRegions = 'all' | Span[];

const PROSE = new Set(['plaintext', 'log', 'restructuredtext', 'asciidoc', 'latex']);

/** Whether a language is read at all: prose, Markdown, HTML, or code with comment syntax. */
export function isHoverLanguage(languageId: string): boolean {
  return PROSE.has(languageId) || languageId === 'markdown' || languageId === 'html' || hasProseSpans(languageId);
}

/**
 * Where a term may be hovered in each line. Prose languages: everywhere. Markdown: prose outside
 * code fences, and inside a fence its language's rules. HTML: text and comments, not tags,
 * scripts or styles. Code: comments and strings, or per `inCode`. One linear pass.
 */
export function hoverRegions(lines: readonly string[], languageId: string, inCode: InCode): LineRegions[] {
  if (PROSE.has(languageId)) return lines.map(() => 'all');
  if (languageId === 'markdown') return markdownRegions(lines, inCode);
  if (languageId === 'html') return htmlRegions(lines);
  return codeRegions(lines, languageId, inCode);
}

function codeRegions(lines: readonly string[], languageId: string | undefined, inCode: InCode): LineRegions[] {
  if (inCode === 'everywhere') return lines.map(() => 'all');
  if (inCode === 'off' || !languageId || !hasProseSpans(languageId)) return lines.map(() => []);
  return proseSpans(lines, languageId);
}

function markdownRegions(lines: readonly string[], inCode: InCode): LineRegions[] {
  const out: LineRegions[] = [];
  for (let i = 0; i < lines.length;) {
    const open = fenceOpen(lines[i]);
    if (!open) {
      out.push('all');
      i++;
      continue;
    }
    out.push([]);
    let end = i + 1;
    while (end < lines.length && !fenceCloses(lines[end], open.marker)) end++;
    out.push(...codeRegions(lines.slice(i + 1, end), fenceLanguage(open.info), inCode));
    if (end < lines.length) out.push([]);
    i = end + 1;
  }
  return out;
}

/** "```lang" or "~~~lang", indented at most three spaces (CommonMark). */
function fenceOpen(line: string): { marker: string; info: string } | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const ch = line[i];
  if (ch !== '`' && ch !== '~') return undefined;
  let j = i;
  while (line[j] === ch) j++;
  if (j - i < 3) return undefined;
  const info = line.slice(j);
  if (ch === '`' && info.includes('`')) return undefined;
  return { marker: line.slice(i, j), info };
}

function fenceCloses(line: string, marker: string): boolean {
  const t = line.trim();
  if (!t.startsWith(marker)) return false;
  for (const c of t) if (c !== marker[0]) return false;
  return true;
}

/** Text between tags and inside comments; tag names, attributes, scripts and styles are not prose. */
function htmlRegions(lines: readonly string[]): LineRegions[] {
  type State = 'text' | 'tag' | 'comment' | 'raw';
  let state: State = 'text';
  let rawClose = '';
  return lines.map((line) => {
    const spans: Span[] = [];
    let from = state === 'text' || state === 'comment' ? 0 : -1;
    let lower: string | undefined;
    let i = 0;
    const close = (at: number) => {
      if (from >= 0 && at > from) spans.push({ start: from, end: at });
      from = -1;
    };
    while (i < line.length) {
      if (state === 'text') {
        if (line.startsWith('<!--', i)) {
          close(i);
          state = 'comment';
          i += 4;
          from = i;
        } else if (line[i] === '<') {
          close(i);
          const name = /^<(script|style)\b/i.exec(line.slice(i, i + 8));
          rawClose = name ? `</${name[1].toLowerCase()}` : '';
          state = 'tag';
          i++;
        } else i++;
      } else if (state === 'comment') {
        if (line.startsWith('-->', i)) {
          close(i);
          state = 'text';
          i += 3;
          from = i;
        } else i++;
      } else if (state === 'tag') {
        if (line[i] === '>') {
          state = rawClose ? 'raw' : 'text';
          i++;
          if (state === 'text') from = i;
        } else i++;
      } else {
        const at = (lower ??= line.toLowerCase()).indexOf(rawClose, i);
        if (at < 0) i = line.length;
        else {
          rawClose = '';
          state = 'tag';
          i = at + 2;
        }
      }
    }
    if (state === 'text' || state === 'comment') close(line.length);
    return spans;
  });
}
