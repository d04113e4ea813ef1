import { appendFlag, commandDeployment, runtimeCommand } from './commandDeployments';
import { parseCommands, type Command, type Word } from './commandLine';
import type { LineIndex } from './lineIndex';
import type { Deployment, Format, FormatProblem, Parsed } from './types';
import { envOf } from './vllmYaml';
import { isMap, isScalar, isSeq, pairOf, scalarSpan, scalarText, valueOf, type YAMLMap } from './yamlTree';
import { readYamlConfig } from './target';

/** Macros inside macros are followed this deep (llama-swap allows macros that use earlier ones). */
const MAX_MACRO_DEPTH = 8;
/** llama-swap's own substitutions, filled in at load time. */
const RUNTIME_MACROS = new Set(['PORT', 'MODEL_ID', 'PID']);

/**
 * llama-swap configs: every model's `cmd` (with `macros` expanded, ranges kept in the macro),
 * its `env` (CUDA_VISIBLE_DEVICES), and `groups` whose members stay loaded together.
 */
export const llamaSwapFormat: Format = {
  id: 'llama-swap',
  label: 'llama-swap config',
  matches: (doc) =>
    (doc.languageId === 'yaml' || doc.languageId === 'helm') &&
    doc.text.includes('models:') &&
    doc.text.includes('cmd:') &&
    !doc.text.includes('services:'),
  parse(text): Parsed {
    const { lines, docs, problems, target } = readYamlConfig(text);
    const deployments: Deployment[] = [];
    for (const doc of docs) {
      const root = doc.contents;
      const models = valueOf(root, 'models');
      if (!isMap(models)) continue;
      const globalMacros = macroTable(valueOf(root, 'macros'), lines);
      const groupOf = togetherGroups(valueOf(root, 'groups'));
      for (const pair of models.items) {
        if (!isScalar(pair.key) || !isMap(pair.value)) continue;
        const name = String(pair.key.value);
        const model = pair.value as YAMLMap;
        const cmdNode = valueOf(model, 'cmd');
        if (!isScalar(cmdNode) || typeof cmdNode.value !== 'string') continue;
        const macros = new Map([...globalMacros, ...macroTable(valueOf(model, 'macros'), lines)]);
        const span = scalarSpan(cmdNode, text);
        for (const raw of parseCommands(text, span.start, span.end, { newlineEndsCommand: false })) {
          const cmd = expand(raw, macros, text);
          const rc = runtimeCommand(cmd);
          if (!rc) continue;
          const d = commandDeployment(cmd, rc, lines, {
            env: envOf(valueOf(model, 'env')),
            label: name,
            group: groupOf.get(name),
            // After the cmd's own last word, never inside a macro it uses.
            addFlag: (flag, value) => appendFlag(raw, lines, flag, value),
          });
          d.notes = d.notes.filter((n) => !onlyRuntimeMacros(n));
          deployments.push(d);
          break;
        }
      }
      unknownMembers(valueOf(root, 'groups'), models, lines, problems);
    }
    return { problems, deployments, target };
  },
};

interface Macro {
  start: number;
  end: number;
  text: string;
}

function macroTable(node: unknown, lines: LineIndex): Map<string, Macro> {
  const out = new Map<string, Macro>();
  if (!isMap(node)) return out;
  for (const p of node.items) {
    if (!isScalar(p.key) || !isScalar(p.value) || p.value.value == null) continue;
    const span = scalarSpan(p.value, lines.text);
    out.set(String(p.key.value), { ...span, text: String(p.value.value) });
  }
  return out;
}

/** Replaces words that are exactly `${macro}` by the macro's own words, whose ranges point into its definition. */
function expand(cmd: Command, macros: Map<string, Macro>, text: string, depth = 0): Command {
  if (depth > MAX_MACRO_DEPTH || macros.size === 0) return cmd;
  const words: Word[] = [];
  let changed = false;
  for (const w of cmd.words) {
    const name = w.vars.length === 1 && w.text === `\${${w.vars[0]}}` ? w.vars[0] : undefined;
    const macro = name ? macros.get(name) : undefined;
    if (!macro) {
      words.push(w);
      continue;
    }
    changed = true;
    const inner = parseCommands(text, macro.start, macro.end, { newlineEndsCommand: false })[0];
    if (inner) words.push(...inner.words);
  }
  if (!changed) return cmd;
  return expand({ ...cmd, words }, macros, text, depth + 1);
}

function onlyRuntimeMacros(note: string): boolean {
  const names = note.split(' left unresolved')[0].split(', ');
  return names.every((n) => RUNTIME_MACROS.has(n));
}

/** Members of groups with `swap: false` run at the same time: they are budgeted together. */
function togetherGroups(node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isMap(node)) return out;
  for (const p of node.items) {
    if (!isScalar(p.key) || !isMap(p.value)) continue;
    if (scalarText(valueOf(p.value, 'swap')) !== 'false') continue;
    const members = valueOf(p.value, 'members');
    if (!isSeq(members)) continue;
    for (const m of members.items) if (isScalar(m)) out.set(String(m.value), String(p.key.value));
  }
  return out;
}

function unknownMembers(groups: unknown, models: YAMLMap, lines: LineIndex, problems: FormatProblem[]): void {
  if (!isMap(groups)) return;
  for (const g of groups.items) {
    const members = valueOf(g.value, 'members');
    if (!isSeq(members)) continue;
    for (const m of members.items) {
      if (!isScalar(m) || pairOf(models, String(m.value))) continue;
      problems.push({
        range: lines.range(m.range?.[0] ?? 0, m.range?.[1] ?? 0),
        severity: 'error',
        code: 'unknown-group-member',
        message: `Group "${String(isScalar(g.key) ? g.key.value : '')}" names "${String(m.value)}", which is not one of the models.`,
      });
    }
  }
}
