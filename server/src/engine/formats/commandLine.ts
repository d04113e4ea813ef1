/**
 * A shell-like command-line reader shared by every place a runtime's flags appear (scripts,
 * Dockerfiles, systemd units, Makefiles, Markdown blocks, YAML `cmd`/`command`/`args`). One pass,
 * no regular expressions: quotes, backslash escapes, line continuations, comments, command
 * separators; `$VAR`, `${VAR}` and `$(...)` are kept as written and reported, never resolved.
 */

export interface Word {
  /** The word with quotes removed and escapes applied; variables kept as written. */
  text: string;
  /** Offsets into the source of the word as written (quotes included). */
  start: number;
  end: number;
  /** Variables and substitutions the word depends on (`MODEL`, `$(nproc)`). */
  vars: string[];
}

export interface Command {
  words: Word[];
  start: number;
  end: number;
}

export interface CommandLineOptions {
  /** A newline ends a command (shell), or is only a space (a YAML block, a llama-swap cmd). */
  newlineEndsCommand?: boolean;
  /** `#` at a word start begins a comment (shell, llama-swap); off for argument lists. */
  comments?: boolean;
}

/** Limits what one word may hold so that a pathological file cannot make the reader allocate without bound. */
const MAX_WORD = 64 * 1024;

export function parseCommands(source: string, from = 0, to = source.length, options: CommandLineOptions = {}): Command[] {
  const commands: Command[] = [];
  eachCommand(source, from, to, options, (command) => commands.push(command));
  return commands;
}

/**
 * The commands of `source[from, to)` one at a time, in order: a caller that keeps none of them
 * (a megabyte of Markdown prose read for a runtime command) leaves only short-lived garbage.
 */
export function eachCommand(
  source: string,
  from: number,
  to: number,
  options: CommandLineOptions,
  visit: (command: Command) => void,
): void {
  const newlineEnds = options.newlineEndsCommand ?? true;
  const comments = options.comments ?? true;
  let words: Word[] = [];
  const endCommand = () => {
    if (words.length) visit({ words, start: words[0].start, end: words[words.length - 1].end });
    words = [];
  };
  let i = from;
  while (i < to) {
    const c = source[i];
    if (c === '\\' && (source[i + 1] === '\n' || source[i + 1] === '\r')) {
      i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (newlineEnds) endCommand();
      i++;
      continue;
    }
    if (c === '#' && comments) {
      while (i < to && source[i] !== '\n' && source[i] !== '\r') i++;
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      endCommand();
      i++;
      continue;
    }
    const word = readWord(source, i, to);
    words.push(word);
    i = word.end;
  }
  endCommand();
}

function readWord(source: string, start: number, to: number): Word {
  let text = '';
  const vars: string[] = [];
  let i = start;
  const add = (s: string) => {
    if (text.length < MAX_WORD) text += s;
  };
  while (i < to) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '|' || c === '&' || c === ')' || c === '(') break;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === '\n' || next === '\r') break; // a continuation ends the word
      if (next !== undefined && i + 1 < to) add(next);
      i = Math.min(i + 2, to);
      continue;
    }
    if (c === "'") {
      const close = indexOf(source, "'", i + 1, to);
      add(source.slice(i + 1, close));
      i = Math.min(close + 1, to);
      continue;
    }
    if (c === '"') {
      i++;
      while (i < to && source[i] !== '"') {
        if (source[i] === '\\' && i + 1 < to && '"\\$`'.includes(source[i + 1])) {
          add(source[i + 1]);
          i += 2;
        } else if (source[i] === '$') {
          i = readVariable(source, i, to, vars, add);
        } else {
          add(source[i]);
          i++;
        }
      }
      i = Math.min(i + 1, to);
      continue;
    }
    if (c === '$') {
      i = readVariable(source, i, to, vars, add);
      continue;
    }
    // A run of plain characters is copied in one slice, not one character at a time.
    let run = i + 1;
    while (run < to && !isSpecial(source.charCodeAt(run))) run++;
    if (text.length < MAX_WORD) text += source.slice(i, Math.min(run, i + MAX_WORD - text.length));
    i = run;
  }
  return { text, start, end: i, vars };
}

/** `$NAME`, `${NAME...}`, `$(...)`, `$((...))`: copied as written, and the name recorded. */
function readVariable(source: string, at: number, to: number, vars: string[], add: (s: string) => void): number {
  const next = source[at + 1];
  if (next === '{') {
    const close = indexOf(source, '}', at + 2, to);
    const inner = source.slice(at + 2, close);
    vars.push(leadingName(inner) || inner);
    add(source.slice(at, Math.min(close + 1, to)));
    return Math.min(close + 1, to);
  }
  if (next === '(') {
    // Balanced parentheses, counted, never nested matching by pattern.
    let depth = 0;
    let i = at + 1;
    for (; i < to; i++) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')' && --depth === 0) break;
    }
    const end = Math.min(i + 1, to);
    vars.push(source.slice(at, end));
    add(source.slice(at, end));
    return end;
  }
  let i = at + 1;
  while (i < to && isNameChar(source.charCodeAt(i))) i++;
  if (i === at + 1) {
    add('$');
    return at + 1;
  }
  vars.push(source.slice(at + 1, i));
  add(source.slice(at, i));
  return i;
}

function leadingName(s: string): string {
  let i = 0;
  while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
  return s.slice(0, i);
}

/** Characters that end a word or change how it reads: blanks, separators, escapes, quotes, `$`. */
function isSpecial(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 59 ||
    c === 124 ||
    c === 38 ||
    c === 40 ||
    c === 41 ||
    c === 92 ||
    c === 39 ||
    c === 34 ||
    c === 36
  );
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function indexOf(source: string, ch: string, from: number, to: number): number {
  const i = source.indexOf(ch, from);
  return i < 0 || i >= to ? to : i;
}

/** `--name=value` split at the first `=`, for flags written that way. */
export function splitFlag(word: Word): { name: string; value?: string; valueStart?: number } {
  if (!word.text.startsWith('-')) return { name: word.text };
  const eq = word.text.indexOf('=');
  if (eq < 0) return { name: word.text };
  // The value's offset in the source: after the first "=" as written (quotes only around the value).
  const rawEq = word.text.slice(0, eq).length;
  return { name: word.text.slice(0, eq), value: word.text.slice(eq + 1), valueStart: word.start + rawEq + 1 };
}
