import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Each runtime's real flags, environment variables, subcommands, Modelfile parameters and CMake
 * options, kept as data with the source they were read from (test/fixtures/runtime-flags/*.yaml).
 */
const listSchema = z.strictObject({
  kind: z.enum(['flags', 'env', 'subcommands', 'parameters', 'cmake']),
  programs: z.array(z.string().min(1)).optional(),
  source: z.strictObject({ title: z.string().min(3), url: z.url() }),
  names: z.array(z.string().min(1)).min(1),
});
const fileSchema = z.strictObject({ runtime: z.string().min(2), lists: z.array(listSchema).min(1) });

export interface RuntimeFlags {
  /** program → flags it accepts (llama-server → -c, --ctx-size, ...). */
  flags: Map<string, Set<string>>;
  /** program → subcommands (ollama → serve, ps, ...). */
  subcommands: Map<string, Set<string>>;
  /** Environment variables any listed runtime reads. */
  env: Set<string>;
  /** Ollama Modelfile / API parameters. */
  parameters: Set<string>;
  /** CMake -D options of llama.cpp's build. */
  cmake: Set<string>;
  /** Where each list came from, for the report. */
  sources: string[];
}

export const RUNTIME_FLAGS_DIR = path.join('test', 'fixtures', 'runtime-flags');

export function loadRuntimeFlags(root: string): RuntimeFlags {
  const out: RuntimeFlags = {
    flags: new Map(),
    subcommands: new Map(),
    env: new Set(),
    parameters: new Set(),
    cmake: new Set(),
    sources: [],
  };
  const dir = path.join(root, RUNTIME_FLAGS_DIR);
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const file = fileSchema.parse(parse(fs.readFileSync(path.join(dir, name), 'utf8')));
    for (const list of file.lists) {
      out.sources.push(`${file.runtime} ${list.kind}: ${list.source.url}`);
      const add = (m: Map<string, Set<string>>) => {
        for (const p of list.programs ?? []) {
          const set = m.get(p) ?? new Set<string>();
          for (const n of list.names) set.add(n);
          m.set(p, set);
        }
      };
      if (list.kind === 'flags') add(out.flags);
      else if (list.kind === 'subcommands') add(out.subcommands);
      else if (list.kind === 'env') list.names.forEach((n) => out.env.add(n));
      else if (list.kind === 'parameters') list.names.forEach((n) => out.parameters.add(n));
      else list.names.forEach((n) => out.cmake.add(n));
    }
  }
  return out;
}

export interface CommandCheck {
  /** Names verified against a list. */
  checked: { kind: 'flag' | 'env' | 'subcommand' | 'parameter' | 'cmake'; name: string }[];
  problems: string[];
  /** Programs no list covers (nvidia-smi, docker, ...): their flags are not verified. */
  unchecked: string[];
}

// Programs whose flags come from the lists; every other program is reported as unchecked.
const SKIP_PREFIX = new Set(['sudo']);

/** Splits a shell line into simple commands and words; quotes keep spaces, nothing else is interpreted. */
function simpleCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let quote: string | undefined;
  const endWord = () => {
    if (word) words.push(word);
    word = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ' ' || c === '\t') endWord();
    else if (c === '&' || c === '|' || c === ';') {
      endWord();
      if (words.length) commands.push(words);
      words = [];
      if (line[i + 1] === c) i++;
    } else word += c;
  }
  endWord();
  if (words.length) commands.push(words);
  return commands;
}

/** Verifies every flag, variable, subcommand, parameter and CMake option in one KB command. */
export function checkCommand(command: string, flags: RuntimeFlags): CommandCheck {
  const result: CommandCheck = { checked: [], problems: [], unchecked: [] };
  const trimmed = command.trim();
  // Modelfile lines and interactive /set commands name Ollama parameters.
  const param = /^PARAMETER\s+(\S+)/.exec(trimmed) ?? /^\/set\s+parameter\s+(\S+)/.exec(trimmed);
  if (param) {
    result.checked.push({ kind: 'parameter', name: param[1] });
    if (!flags.parameters.has(param[1])) result.problems.push(`unknown Ollama parameter "${param[1]}"`);
    return result;
  }
  for (let words of simpleCommands(trimmed)) {
    while (words.length && SKIP_PREFIX.has(words[0])) words = words.slice(1);
    // Leading NAME=value words are environment variables for the program.
    while (words.length && /^[A-Z][A-Z0-9_]*=/.test(words[0])) {
      const name = words[0].slice(0, words[0].indexOf('='));
      result.checked.push({ kind: 'env', name });
      if (!flags.env.has(name)) result.problems.push(`unknown environment variable ${name}`);
      words = words.slice(1);
    }
    const [program, ...args] = words;
    if (!program) continue;
    const subs = flags.subcommands.get(program);
    const accepted = flags.flags.get(program);
    if (!subs && !accepted) {
      result.unchecked.push(program);
      continue;
    }
    let rest = args;
    if (subs) {
      const sub = rest[0];
      result.checked.push({ kind: 'subcommand', name: `${program} ${sub ?? ''}`.trim() });
      if (!sub || !subs.has(sub)) result.problems.push(`unknown ${program} subcommand "${sub ?? ''}"`);
      rest = rest.slice(1);
      // Only the subcommand is listed for programs without a flag list (ollama).
      if (!accepted) continue;
    }
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (arg === '--') break;
      if (program === 'cmake' && arg.startsWith('-D')) {
        const def = arg.length > 2 ? arg.slice(2) : (rest[++i] ?? '');
        const name = def.split('=')[0];
        result.checked.push({ kind: 'cmake', name });
        if (!flags.cmake.has(name)) result.problems.push(`unknown CMake option ${name}`);
        continue;
      }
      if (!arg.startsWith('-') || /^-\d/.test(arg)) continue;
      const name = arg.split('=')[0];
      result.checked.push({ kind: 'flag', name: `${program} ${name}` });
      if (!accepted!.has(name)) result.problems.push(`unknown ${program} flag ${name}`);
    }
  }
  return result;
}
