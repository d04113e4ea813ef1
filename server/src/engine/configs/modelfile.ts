import { splitLines } from '../text/words';
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

// Instructions of Ollama's Modelfile grammar (parser/parser.go, docs/modelfile.md).
const INSTRUCTIONS = new Set(['from', 'parameter', 'template', 'system', 'adapter', 'license', 'message', 'requires']);

/**
 * Parses a Modelfile as Ollama does: one instruction per line, case-insensitive keywords,
 * `#` comments, and `"""` strings that may span lines (TEMPLATE, SYSTEM, LICENSE...).
 */
export function parseModelfile(text: string): Modelfile {
  const lines = splitLines(text);
  const result: Modelfile = {
    parameters: [],
    problems: [],
    lineCount: lines.length,
    end: { line: lines.length - 1, character: lines[lines.length - 1].length },
  };
  let openString: { line: number; start: number } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (openString) {
      if (line.includes('"""')) openString = undefined;
      continue;
    }
    const m = /^(\s*)([A-Za-z]+)(\s+|$)(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) {
      if (line.trim() && !line.trimStart().startsWith('#')) {
        result.problems.push({
          range: lineRange(i, line),
          message: `Expected an instruction (FROM, PARAMETER, TEMPLATE, SYSTEM, ...), found "${line.trim().slice(0, 40)}"`,
        });
      }
      continue;
    }
    const [, indent, keyword, gap, rest] = m;
    const kwStart = indent.length;
    const keywordRange = span(i, kwStart, kwStart + keyword.length);
    const restStart = kwStart + keyword.length + gap.length;
    const instruction = keyword.toLowerCase();
    if (!INSTRUCTIONS.has(instruction)) {
      result.problems.push({ range: keywordRange, message: `Unknown Modelfile instruction "${keyword}"` });
      continue;
    }
    const tripleAt = rest.indexOf('"""');
    if (tripleAt >= 0 && rest.indexOf('"""', tripleAt + 3) < 0) openString = { line: i, start: restStart + tripleAt };

    if (instruction === 'from') {
      const value = rest.replace(/\s+#.*$/, '').trimEnd();
      result.from = {
        keyword: keywordRange,
        line: i,
        model: value ? { value: unquote(value), range: span(i, restStart, restStart + value.length) } : undefined,
      };
    } else if (instruction === 'parameter') {
      const pm = /^(\S+)(\s*)(.*?)\s*$/.exec(rest);
      if (!pm || !pm[1]) {
        result.problems.push({ range: keywordRange, message: 'PARAMETER needs a name and a value, e.g. "PARAMETER num_ctx 8192"' });
        continue;
      }
      const keyStart = restStart;
      const valueStart = keyStart + pm[1].length + pm[2].length;
      result.parameters.push({
        line: i,
        key: { value: pm[1], range: span(i, keyStart, keyStart + pm[1].length) },
        value: { value: unquote(pm[3]), range: span(i, valueStart, valueStart + pm[3].length) },
      });
    }
  }
  if (openString) {
    result.problems.push({
      range: span(openString.line, openString.start, openString.start + 3),
      message: 'This """ string is never closed',
    });
  }
  return result;
}

export function parameter(modelfile: Modelfile, key: string): ModelfileParameter | undefined {
  // Ollama lets a later PARAMETER override an earlier one of the same name.
  const all = modelfile.parameters.filter((p) => p.key.value.toLowerCase() === key);
  return all[all.length - 1];
}

function unquote(s: string): string {
  return s.replace(/^"(.*)"$/, '$1');
}

function span(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function lineRange(line: number, text: string): Range {
  const start = text.length - text.trimStart().length;
  return span(line, start, text.trimEnd().length);
}
