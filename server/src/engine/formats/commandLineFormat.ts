import { commandDeployment, runtimeCommand } from './commandDeployments';
import { eachCommand, type Command } from './commandLine';
import { createLineIndex, type LineIndex } from './lineIndex';
import { ollamaCreateDeployment } from './ollamaCreate';
import type { Deployment, Format, FormatDocument } from './types';

/** Words that say a file starts a runtime; a cheap first look before reading commands. */
export const RUNTIME_WORDS = [
  'llama-server',
  'llama-cli',
  'llama-bench',
  'llama_server',
  'llama_cpp.server',
  'vllm serve',
  'vllm.entrypoints',
  'ollama run',
  'ollama create',
];

const LANGUAGES = new Set(['shellscript', 'dockerfile', 'makefile', 'markdown', 'systemd', 'systemd-unit-file', 'bat', 'powershell']);

/**
 * Command lines in scripts, Dockerfiles, systemd units, Makefiles and Markdown code blocks:
 * every llama.cpp, llama-cpp-python, vLLM or `ollama run` command is a deployment.
 */
export const commandLineFormat: Format = {
  id: 'command-line',
  label: 'command line',
  matches: (doc: FormatDocument) => LANGUAGES.has(doc.languageId) && mentionsRuntime(doc.text),
  parse(text, languageId) {
    const lines = createLineIndex(text);
    const deployments: Deployment[] = [];
    const env: Record<string, string> = {};
    const built = new Map<string, NonNullable<Deployment['builtFrom']>>();
    for (const [from, to] of languageId === 'markdown' ? markdownCodeRegions(lines) : regions(lines)) {
      eachCommand(text, from, to, { newlineEndsCommand: true }, (cmd) => {
        collectEnv(cmd, env);
        const created = ollamaCreateDeployment(cmd, lines);
        if (created?.builtFrom) {
          built.set(created.builtFrom.name, created.builtFrom);
          deployments.push(created);
          return;
        }
        const rc = runtimeCommand(cmd);
        if (!rc) return;
        const d = commandDeployment(cmd, rc, lines, { env: { ...env } });
        // `ollama run NAME` of a model this file creates: its fit is the Modelfile's.
        const creator = rc.runtime === 'ollama' && d.model ? built.get(d.model.value) : undefined;
        if (creator && d.model) {
          d.builtFrom = { ...creator, range: d.model.range };
          d.model = undefined;
        }
        deployments.push(d);
      });
    }
    return { problems: [], deployments };
  },
};

export function mentionsRuntime(text: string): boolean {
  return RUNTIME_WORDS.some((w) => text.includes(w));
}

/** `export X=1`, Dockerfile `ENV X=1` / `ENV X 1`: the environment later commands see. */
function collectEnv(cmd: Command, env: Record<string, string>): void {
  const w = cmd.words;
  if (w[0]?.text !== 'export' && w[0]?.text !== 'ENV') return;
  if (w[0].text === 'ENV' && w.length === 3 && !w[1].text.includes('=')) {
    env[w[1].text] = w[2].text;
    return;
  }
  for (const word of w.slice(1)) {
    const eq = word.text.indexOf('=');
    if (eq > 0) env[word.text.slice(0, eq)] = word.text.slice(eq + 1);
  }
}

/**
 * A script, Dockerfile or unit read whole; one that holds ``` fences (a shell heredoc of Markdown)
 * read inside them only, as it always was.
 */
function regions(lines: LineIndex): [number, number][] {
  const { text } = lines;
  const out: [number, number][] = [];
  let open: number | undefined;
  let fenced = false;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    if (isFence(text, start)) {
      fenced = true;
      if (open === undefined) open = l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length;
      else {
        out.push([open, start]);
        open = undefined;
      }
    }
  }
  if (!fenced) return [[0, text.length]];
  if (open !== undefined) out.push([open, text.length]);
  return out;
}

/** A line that opens or closes a fenced code block: ``` or ~~~ after any spaces. */
function isFence(text: string, lineStart: number): boolean {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return text.startsWith('```', i) || text.startsWith('~~~', i);
}

/**
 * Markdown holds commands in its code only: fenced blocks, and indented blocks (four spaces or a
 * tab, after a blank line) outside them. Prose is never read as a command line, even where it names
 * a runtime ("start llama-server with -c 8192"): a megabyte README that mentions one was read word
 * by word as shell (65 ms, and tens of thousands of words kept until the next edit).
 */
export function markdownCodeRegions(lines: LineIndex): [number, number][] {
  const { text } = lines;
  const out: [number, number][] = [];
  let fenceFrom: number | undefined;
  let indentedFrom: number | undefined;
  let previousBlank = true;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const end = l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length;
    if (fenceFrom !== undefined) {
      if (isFence(text, start)) {
        out.push([fenceFrom, start]);
        fenceFrom = undefined;
        previousBlank = false;
      }
      continue;
    }
    const blank = isBlank(text, start, end);
    const indented = !blank && (text.startsWith('    ', start) || text[start] === '\t');
    if (indentedFrom !== undefined && !indented && !blank) {
      out.push([indentedFrom, start]);
      indentedFrom = undefined;
    }
    if (isFence(text, start)) {
      if (indentedFrom !== undefined) {
        out.push([indentedFrom, start]);
        indentedFrom = undefined;
      }
      fenceFrom = end;
    } else if (indented && indentedFrom === undefined && previousBlank) indentedFrom = start;
    previousBlank = blank;
  }
  const last = fenceFrom ?? indentedFrom;
  if (last !== undefined) out.push([last, text.length]);
  return out;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return false;
  }
  return true;
}
