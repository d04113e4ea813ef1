import type { Runtime } from '../estimate/types';
import type { TextEdit } from '../types';
import type { Command, Word } from './commandLine';
import { assignments, flagFor, LLAMA_CPP_FLAGS, LLAMA_CPP_PYTHON_FLAGS, programIndex, readFlags, VLLM_FLAGS, type FlagSpec } from './flags';
import { indentAt, type LineIndex } from './lineIndex';
import type { Deployment, KeyMention, SettingName } from './types';

/** Which runtime a command starts, and where its flags begin. */
export interface RuntimeCommand {
  runtime: Runtime;
  table: Record<string, FlagSpec>;
  /** Index of the first word after the program (and its subcommand). */
  flagsFrom: number;
  /** Index of the program word. */
  program: number;
  underscores: boolean;
  /** `ollama run MODEL`, `vllm serve MODEL`: the model is the first positional. */
  positionalModel: boolean;
}

/** A token of an exec-form array (`["llama-server",`) without its brackets and commas; a scan, not a backtracking regex. */
function clean(t: string): string {
  let end = t.length;
  while (end > 0 && (t[end - 1] === ',' || t[end - 1] === ']')) end--;
  return t.slice(t.startsWith('[') ? 1 : 0, Math.max(end, t.startsWith('[') ? 1 : 0));
}

function baseName(t: string): string {
  const c = clean(t);
  const slash = c.lastIndexOf('/');
  return (slash >= 0 ? c.slice(slash + 1) : c).toLowerCase().replace(/_/g, '-');
}

const LLAMA_PROGRAMS = ['llama-server', 'llama-cli', 'llama-bench', 'llama-mtmd-cli'];

/** Recognises llama.cpp, llama-cpp-python, vLLM and Ollama commands; undefined for anything else. */
export function runtimeCommand(cmd: Command): RuntimeCommand | undefined {
  const p = programIndex(cmd);
  const words = cmd.words;
  if (p >= words.length) return undefined;
  const name = baseName(words[p].text);
  if (LLAMA_PROGRAMS.some((l) => name === l || name.endsWith(l) || name.endsWith(`${l}.exe`)))
    return { runtime: 'llama.cpp', table: LLAMA_CPP_FLAGS, flagsFrom: p + 1, program: p, underscores: false, positionalModel: false };
  const sub = words[p + 1] ? clean(words[p + 1].text) : '';
  if (name === 'vllm' && sub === 'serve')
    return { runtime: 'vllm', table: VLLM_FLAGS, flagsFrom: p + 2, program: p, underscores: true, positionalModel: true };
  if (name === 'ollama' && sub === 'run')
    return { runtime: 'ollama', table: {}, flagsFrom: p + 2, program: p, underscores: false, positionalModel: true };
  if (name.startsWith('python') && sub === '-m') {
    const module = words[p + 2] ? clean(words[p + 2].text) : '';
    if (module === 'llama_cpp.server')
      return {
        runtime: 'llama.cpp',
        table: LLAMA_CPP_PYTHON_FLAGS,
        flagsFrom: p + 3,
        program: p,
        underscores: false,
        positionalModel: false,
      };
    if (module.startsWith('vllm.entrypoints'))
      return { runtime: 'vllm', table: VLLM_FLAGS, flagsFrom: p + 3, program: p, underscores: true, positionalModel: false };
  }
  return undefined;
}

export interface CommandDeploymentOptions {
  /** Inherited environment (a script's `export`s, a compose service's `environment`). */
  env?: Record<string, string>;
  label?: string;
  group?: string;
  /** How a new flag is added; defaults to appending to the command in its own layout. */
  addFlag?: (flag: string, value: string) => TextEdit[];
}

/** One deployment for a runtime command, with every flag's range and edits that keep the command's layout. */
export function commandDeployment(raw: Command, rc: RuntimeCommand, lines: LineIndex, o: CommandDeploymentOptions = {}): Deployment {
  // Dockerfile exec form, `CMD ["llama-server", "-m", "x"]`: the brackets and commas are JSON, not words.
  const execForm = raw.words[rc.program]?.text.startsWith('[');
  const cmd = execForm ? { ...raw, words: raw.words.map((w) => ({ ...w, text: clean(w.text) })) } : raw;
  const read = readFlags(cmd.words, rc.flagsFrom, rc.table, lines, rc.underscores);
  let model = read.model;
  if (!model && rc.positionalModel && read.positionals[0]) {
    const w = read.positionals[0];
    model = {
      key: '',
      value: clean(w.text),
      range: lines.range(w.start, w.end),
      unresolved: w.vars.length ? w.vars.join(', ') : undefined,
    };
  }
  const env = { ...(o.env ?? {}), ...assignments(cmd, rc.program) };
  const notes = read.unresolved.length
    ? [`${unique(read.unresolved).join(', ')} left unresolved: the file does not set ${read.unresolved.length > 1 ? 'them' : 'it'}`]
    : [];
  const programWord = cmd.words[rc.program];
  const anchor = model?.range ?? lines.range(programWord.start, programWord.end);
  const addFlag = o.addFlag ?? ((flag: string, value: string) => appendFlag(cmd, lines, flag, value));
  return {
    runtime: rc.runtime,
    label: o.label,
    group: o.group,
    model: model && { value: model.value, range: model.range, unresolved: model.unresolved },
    anchor,
    settings: read.settings,
    env,
    notes,
    otherKeys: [...assignmentKeys(cmd, rc.program, lines), ...read.others],
    edit(setting: SettingName, value: string): TextEdit[] {
      const existing = read.settings[setting];
      if (existing && existing.value !== '' && existing.key !== '') {
        const spec = rc.table[existing.key];
        if (spec?.arity !== 'switch') return [{ range: existing.range, newText: value }];
      }
      const flag = flagFor(rc.table, setting);
      if (!flag) return [];
      if (existing) return [{ range: existing.range, newText: `${flag} ${value}` }];
      return addFlag(flag, value);
    },
  };
}

/** Appends `--flag value` after the command's last word: on a new continued line when the command spans lines. */
export function appendFlag(cmd: Command, lines: LineIndex, flag: string, value: string): TextEdit[] {
  const last: Word = cmd.words[cmd.words.length - 1];
  const first = lines.position(cmd.words[0].start);
  const end = lines.position(last.end);
  const raw = lines.text.slice(last.start, last.end);
  // Dockerfile exec form: a JSON array of strings.
  if (raw.endsWith(']')) {
    const at = lines.position(last.end - 1);
    return [{ range: { start: at, end: at }, newText: `, "${flag}", "${value}"` }];
  }
  if (end.line > first.line) {
    const indent = indentAt(lines.text, lines.lineStart(end.line));
    // A YAML block (llama-swap `cmd: |`) joins its lines itself: a new line, no shell continuation.
    const between = lines.text.slice(cmd.words[0].start, last.start);
    const continued = between.includes('\\\n') || between.includes('\\\r\n');
    return [{ range: { start: end, end }, newText: `${continued ? ' \\' : ''}\n${indent}${flag} ${value}` }];
  }
  return [{ range: { start: end, end }, newText: ` ${flag} ${value}` }];
}

/** `OLLAMA_CONTEXT_LENGTH=8192 ollama run ...`: the variables set for this one command, for hovers. */
function assignmentKeys(cmd: Command, upTo: number, lines: LineIndex): KeyMention[] {
  const out: KeyMention[] = [];
  for (let i = 0; i < upTo; i++) {
    const w = cmd.words[i];
    const eq = w.text.indexOf('=');
    if (eq > 0) out.push({ key: w.text.slice(0, eq), value: w.text.slice(eq + 1), keyRange: lines.range(w.start, w.start + eq) });
  }
  return out;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
