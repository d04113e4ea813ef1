import { fenceLanguage, hasProseSpans, proseScanner, type Span } from './proseSpans';

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
  return lines.map(regionScanner(languageId, inCode));
}

/**
 * `hoverRegions` a line at a time: each call takes the file's next line and answers for it, so a
 * hover's regions cost the lines up to its own, not the whole file.
 */
export function regionScanner(languageId: string, inCode: InCode): (line: string) => LineRegions {
  if (PROSE.has(languageId)) return () => 'all';
  if (languageId === 'markdown') return markdownScanner(inCode);
  if (languageId === 'html') return htmlScanner();
  return codeScanner(languageId, inCode);
}

function codeScanner(languageId: string | undefined, inCode: InCode): (line: string) => LineRegions {
  if (inCode === 'everywhere') return () => 'all';
  const spans = inCode === 'off' || !languageId || !hasProseSpans(languageId) ? undefined : proseScanner(languageId);
  return spans ?? (() => []);
}

function markdownScanner(inCode: InCode): (line: string) => LineRegions {
  // Inside a fence: its marker, and its language's scanner, fresh for each fence.
  let fence: { marker: string; code: (line: string) => LineRegions } | undefined;
  return (line) => {
    if (!fence) {
      const open = fenceOpen(line);
      if (!open) return 'all';
      fence = { marker: open.marker, code: codeScanner(fenceLanguage(open.info), inCode) };
      return [];
    }
    if (fenceCloses(line, fence.marker)) {
      fence = undefined;
      return [];
    }
    return fence.code(line);
  };
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
function htmlScanner(): (line: string) => LineRegions {
  type State = 'text' | 'tag' | 'comment' | 'raw';
  let state: State = 'text';
  let rawClose = '';
  return (line) => {
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
  };
}
