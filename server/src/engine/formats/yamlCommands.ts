import type { TextEdit } from '../types';
import { parseCommands, type Command, type Word } from './commandLine';
import type { LineIndex } from './lineIndex';
import { addItem, isScalar, isSeq, scalarSpan, type YAMLSeq } from './yamlTree';

/**
 * A command a YAML value holds: a string (`cmd: |` blocks, `command: vllm serve ...`) read with the
 * shared command-line reader, or a list of arguments (`args:`, `command: [...]`), where an item
 * with spaces after `sh -c` is itself a command line.
 */
export function commandsOfYaml(node: unknown, lines: LineIndex): Command[] {
  const text = lines.text;
  if (isScalar(node) && typeof node.value === 'string') {
    const { start, end } = scalarSpan(node, text);
    // Block scalars join their lines for the runtime (llama-swap, compose), so newlines only separate words.
    return parseCommands(text, start, end, { newlineEndsCommand: false, comments: true });
  }
  if (!isSeq(node)) return [];
  const words: Word[] = [];
  const commands: Command[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || item.value === null || item.value === undefined) continue;
    const value = String(item.value);
    const { start, end } = scalarSpan(item, text);
    if (/\s/.test(value) && !value.startsWith('-') && typeof item.value === 'string') {
      commands.push(...parseCommands(text, start, end, { newlineEndsCommand: false }));
      continue;
    }
    words.push({ text: value, start, end, vars: varsIn(value) });
  }
  if (words.length) commands.unshift({ words, start: words[0].start, end: words[words.length - 1].end });
  return commands;
}

function varsIn(value: string): string[] {
  const out: string[] = [];
  let i = value.indexOf('$');
  while (i >= 0 && out.length < 16) {
    let j = i + 1;
    if (value[j] === '{' || value[j] === '(') j++;
    const s = j;
    while (j < value.length && /[A-Za-z0-9_]/.test(value[j])) j++;
    if (j > s) out.push(value.slice(s, j));
    i = value.indexOf('$', j);
  }
  return out;
}

/** A fix that adds a flag to a YAML argument list, one item per word as the list already does. */
export function addFlagToSeq(seq: YAMLSeq, lines: LineIndex, flag: string, value: string): TextEdit[] {
  const joined = seq.items.some((i) => isScalar(i) && String(i.value).startsWith('--') && String(i.value).includes('='));
  const quote = seq.items.some((i) => isScalar(i) && (i.type === 'QUOTE_DOUBLE' || i.type === 'QUOTE_SINGLE')) ? '"' : '';
  if (joined) return addItem(seq, lines, `${quote}${flag}=${value}${quote}`);
  const edits = addItem(seq, lines, `${quote}${flag}${quote}`);
  if (!edits.length) return [];
  const sep = seq.flow ? ', ' : edits[0].newText.slice(0, edits[0].newText.indexOf('- ') + 2);
  return [{ ...edits[0], newText: `${edits[0].newText}${seq.flow ? sep : sep}${quote}${value}${quote}` }];
}
