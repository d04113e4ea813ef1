import { excerpt } from '../text/excerpt';
import { lineEndFrom, nextLineStart } from '../text/words';
import type { Range } from '../types';

/** A value in the document with where it stands. */
export interface Located<T = string> {
  value: T;
  range: Range;
}

export interface ModelfileParameter {
  key: Located;
  /** Raw text of the value; may be empty when the line is half-written. */
  value: Located;
  line: number;
}

export interface ModelfileProblem {
  range: Range;
  message: string;
}

export interface Modelfile {
  /** The `FROM` instruction: its keyword and its model reference (absent when empty). */
  from?: { keyword: Range; model?: Located; line: number };
  parameters: ModelfileParameter[];
  /** Instructions the parser did not recognise, or a string left open. */
  problems: ModelfileProblem[];
  lineCount: number;
  /** Where the text ends, for edits that append a line to a file without a final newline. */
  end: { line: number; character: number };
}

/** Problems beyond this many are not collected (the language service shows fewer still). */
export const MAX_PROBLEMS = 1000;

// Instructions of Ollama's Modelfile grammar (parser/parser.go, docs/modelfile.md).
const INSTRUCTIONS = new Set(['from', 'parameter', 'template', 'system', 'adapter', 'license', 'message', 'requires']);

/**
 * Parses a Modelfile as Ollama does: one instruction per line, case-insensitive keywords,
 * `#` comments, and `"""` strings that may span lines (TEMPLATE, SYSTEM, LICENSE...).
 */
export function parseModelfile(text: string): Modelfile {
  const result: Modelfile = { parameters: [], problems: [], lineCount: 0, end: { line: 0, character: 0 } };
  const lfOnly = !text.includes('\r');
  let openString: { line: number; start: number } | undefined;
  // Where the open string's closing `"""` starts (-1: nowhere). Found once when the string opens,
  // instead of searched for in each line of a long SYSTEM prompt or TEMPLATE.
  let closing = -1;
  for (let i = 0, start = 0; ; i++) {
    // A file this broken is not a Modelfile; more problems would only fill memory. Its lines are
    // still counted.
    const reading = result.problems.length < MAX_PROBLEMS;
    if (reading && openString && lfOnly) {
      // The lines of a string before the one it closes on (all the rest, if it never closes) are
      // only counted: a native search per line, not a pass through this loop (a long SYSTEM prompt).
      const last = closing >= 0 ? closing : text.length;
      for (let next = text.indexOf('\n', start); next >= 0 && next < last; next = text.indexOf('\n', start)) {
        start = next + 1;
        i++;
      }
    }
    const end = lineEndFrom(text, start, lfOnly);
    if (reading) {
      if (openString) {
        if (closing >= 0 && closing < end) openString = undefined;
      } else {
        openString = instructionLine(text.slice(start, end), i, result);
        if (openString) closing = text.indexOf('"""', end);
      }
    }
    if (end >= text.length) {
      result.lineCount = i + 1;
      result.end = { line: i, character: end - start };
      break;
    }
    start = nextLineStart(text, end);
  }
  if (openString) {
    result.problems.push({
      range: span(openString.line, openString.start, openString.start + 3),
      message: 'This """ string is never closed',
    });
  }
  return result;
}

/**
 * One line outside a string, read into `result`; returns the `"""` string it leaves open, if any.
 */
function instructionLine(line: string, i: number, result: Modelfile): { line: number; start: number } | undefined {
  const head = instructionHead(line);
  if (!head) {
    // The line is not echoed: a file that is not a Modelfile at all (a token file behind a
    // symlink) must not have its lines printed into a CI log.
    if (line.trim() && !line.trimStart().startsWith('#')) {
      result.problems.push({
        range: lineRange(i, line),
        message: 'Expected an instruction at the start of this line (FROM, PARAMETER, TEMPLATE, SYSTEM, ...)',
      });
    }
    return undefined;
  }
  const { kwStart, keyword, restStart } = head;
  const rest = line.slice(restStart);
  // The keyword's range is made only where a FROM or a problem holds it: most lines (PARAMETER, SYSTEM) need none.
  const kwEnd = kwStart + keyword.length;
  const instruction = keyword.toLowerCase();
  if (!INSTRUCTIONS.has(instruction)) {
    result.problems.push({ range: span(i, kwStart, kwEnd), message: `Unknown Modelfile instruction "${excerpt(keyword, 20)}"` });
    return undefined;
  }
  const tripleAt = rest.indexOf('"""');
  const opened = tripleAt >= 0 && rest.indexOf('"""', tripleAt + 3) < 0 ? { line: i, start: restStart + tripleAt } : undefined;

  if (instruction === 'from') {
    const value = withoutComment(rest).trimEnd();
    result.from = {
      keyword: span(i, kwStart, kwEnd),
      line: i,
      model: value ? { value: unquote(value), range: span(i, restStart, restStart + value.length) } : undefined,
    };
  } else if (instruction === 'parameter') {
    const keyEnd = endOfRun(rest, 0, false);
    if (keyEnd === 0) {
      result.problems.push({
        range: span(i, kwStart, kwEnd),
        message: 'PARAMETER needs a name and a value, e.g. "PARAMETER num_ctx 8192"',
      });
      return opened;
    }
    const keyStart = restStart;
    const valueOffset = endOfRun(rest, keyEnd, true);
    const valueStart = keyStart + valueOffset;
    const value = rest.slice(valueOffset).trimEnd();
    result.parameters.push({
      line: i,
      key: { value: rest.slice(0, keyEnd), range: span(i, keyStart, keyStart + keyEnd) },
      value: { value: unquote(value), range: span(i, valueStart, valueStart + value.length) },
    });
  }
  return opened;
}

/** Each Modelfile's PARAMETERs by lower-case name, the last of each: one pass per file, not one per name asked. */
const lastParameters = new WeakMap<Modelfile, Map<string, ModelfileParameter>>();

export function parameter(modelfile: Modelfile, key: string): ModelfileParameter | undefined {
  let byName = lastParameters.get(modelfile);
  if (!byName) {
    byName = new Map();
    // Ollama lets a later PARAMETER override an earlier one of the same name.
    for (const p of modelfile.parameters) byName.set(p.key.value.toLowerCase(), p);
    lastParameters.set(modelfile, byName);
  }
  return byName.get(key);
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

// Hand-written scanners instead of regular expressions: a line is document text of any length,
// and every step below moves forward, so parsing stays linear in it.

/** Where the leading whitespace, the keyword (letters) and the text after its gap start; undefined when the line has no keyword. */
function instructionHead(line: string): { kwStart: number; keyword: string; restStart: number } | undefined {
  const kwStart = endOfRun(line, 0, true);
  let kwEnd = kwStart;
  while (kwEnd < line.length && isLetter(line.charCodeAt(kwEnd))) kwEnd++;
  if (kwEnd === kwStart) return undefined;
  if (kwEnd < line.length && !isSpace(line.charCodeAt(kwEnd))) return undefined;
  return { kwStart, keyword: line.slice(kwStart, kwEnd), restStart: endOfRun(line, kwEnd, true) };
}

/** The end of the run of whitespace (or of non-whitespace) that starts at `from`. */
function endOfRun(text: string, from: number, space: boolean): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i)) === space) i++;
  return i;
}

/** The text before a `#` comment that follows whitespace (as Ollama reads FROM). */
function withoutComment(text: string): string {
  for (let i = 1; i < text.length; i++) {
    if (text.charCodeAt(i) === HASH && isSpace(text.charCodeAt(i - 1))) {
      let start = i - 1;
      while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
      return text.slice(0, start);
    }
  }
  return text;
}

const HASH = 0x23;

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Whitespace as String.prototype.trim sees it, by code unit: ASCII at once, the rest asked of trim. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return String.fromCharCode(code).trim() === '';
}

function span(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function lineRange(line: number, text: string): Range {
  const start = text.length - text.trimStart().length;
  return span(line, start, text.trimEnd().length);
}
