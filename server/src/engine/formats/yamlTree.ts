import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
  type Scalar,
} from 'yaml';
import type { TextEdit } from '../types';
import { indentAt, type LineIndex } from './lineIndex';
import type { FormatProblem } from './types';
import { resolveAliases } from './yamlAliases';

export type { YAMLMap, YAMLSeq, Scalar, Pair, Node };
export { isMap, isSeq, isScalar };

/** Nesting the readers follow; deeper structures are not configs. */
export const MAX_DEPTH = 24;

export interface YamlFile {
  docs: Document.Parsed[];
  problems: FormatProblem[];
}

/** All documents of a YAML stream; a syntax error becomes one problem at its position. */
export function parseYaml(text: string, lines: LineIndex): YamlFile {
  const docs = parseAllDocuments(text, { uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  const problems: FormatProblem[] = [];
  for (const d of list) {
    const err = d.errors[0];
    if (err) {
      const [s, e] = err.pos;
      problems.push({
        range: lines.range(s, Math.max(e, s + 1)),
        severity: 'error',
        code: 'parse-error',
        message: `Invalid YAML: ${firstLine(err.message)}`,
      });
      break;
    }
  }
  if (problems.length) return { docs: [], problems };
  for (const d of list) resolveAliases(d, MAX_DEPTH);
  return { docs: list, problems };
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

/** The pair under `key` (exact), last one winning as in most loaders. */
export function pairOf(map: unknown, key: string): Pair<Scalar, Node> | undefined {
  if (!isMap(map)) return undefined;
  let found: Pair<Scalar, Node> | undefined;
  for (const p of map.items) if (isScalar(p.key) && String(p.key.value) === key) found = p as Pair<Scalar, Node>;
  return found;
}

export function valueOf(map: unknown, key: string): unknown {
  return pairOf(map, key)?.value ?? undefined;
}

export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return v === null || v === undefined ? undefined : String(v);
}

/** Source offsets of a scalar's text without its quotes; for block scalars, from the first content line. */
export function scalarSpan(node: Scalar, text: string): { start: number; end: number } {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { start: start + 1, end: Math.max(start + 1, valueEnd - 1) };
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', start);
    return { start: nl < 0 ? valueEnd : nl + 1, end: valueEnd };
  }
  return { start, end: valueEnd };
}

/** Normalised key for matching `max_model_len`, `max-model-len` and `maxModelLen` alike. */
export function looseKey(key: string): string {
  let out = '';
  for (const ch of key.toLowerCase()) if (ch !== '-' && ch !== '_') out += ch;
  return out;
}

/** Replaces a scalar's value in place, keeping its quotes. */
export function replaceScalar(node: Scalar, text: string, lines: LineIndex, value: string): TextEdit[] {
  const { start, end } = scalarSpan(node, text);
  return [{ range: lines.range(start, end), newText: value }];
}

/**
 * Adds `key: value` to a block mapping, after its last entry at the mapping's indentation (the
 * file's own style); a flow mapping `{a: 1}` gets `, key: value` before its brace.
 */
export function addKey(map: YAMLMap, lines: LineIndex, key: string, value: string): TextEdit[] {
  const text = lines.text;
  const first = map.items[0];
  const range = map.range;
  if (!first || !isScalar(first.key) || !range) return [];
  if (map.flow) {
    const close = Math.max(range[0], range[1] - 1);
    const at = lines.position(close);
    return [{ range: { start: at, end: at }, newText: `, ${key}: ${value}` }];
  }
  const keyStart = first.key.range?.[0] ?? range[0];
  const indent = ' '.repeat(lines.position(keyStart).character);
  const last = map.items[map.items.length - 1];
  const lastEnd = nodeEnd(last) ?? range[1];
  // After the last entry's final line (its value may span lines; trailing comments stay below).
  const endPos = lines.position(trimEnd(text, lastEnd));
  const at = { line: endPos.line, character: (text.slice(lines.lineStart(endPos.line)).split(/\r?\n/, 1)[0] ?? '').length };
  return [{ range: { start: at, end: at }, newText: `\n${indent}${key}: ${value}` }];
}

/** Adds an item to a block sequence in the style of its items (`- --flag=value`). */
export function addItem(seq: YAMLSeq, lines: LineIndex, item: string): TextEdit[] {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last?.range || !seq.range) return [];
  if (seq.flow) {
    const at = lines.position(lastEndOf(last));
    return [{ range: { start: at, end: at }, newText: `, ${item}` }];
  }
  const pos = lines.position(last.range[0]);
  const lineStart = lines.lineStart(pos.line);
  const indent = indentAt(lines.text, lineStart);
  const end = lines.position(trimEnd(lines.text, last.range[1]));
  const lineText = lines.text.slice(lines.lineStart(end.line)).split(/\r?\n/, 1)[0] ?? '';
  const at = { line: end.line, character: lineText.length };
  return [{ range: { start: at, end: at }, newText: `\n${indent}- ${item}` }];
}

function lastEndOf(n: Node): number {
  return n.range ? n.range[1] : 0;
}

function nodeEnd(p: unknown): number | undefined {
  if (!isPair(p)) return undefined;
  const v = p.value as Node | null;
  if (v && v.range) return v.range[1];
  const k = p.key as Node | null;
  return k?.range?.[1];
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ')) e--;
  return e;
}

/** Visits every mapping of a document, depth-first, up to MAX_DEPTH, with the path of keys to it. */
export function eachMap(node: unknown, visit: (map: YAMLMap, path: string[]) => void, path: string[] = []): void {
  if (path.length > MAX_DEPTH) return;
  if (isMap(node)) {
    visit(node, path);
    for (const p of node.items) eachMap(p.value, visit, [...path, isScalar(p.key) ? String(p.key.value) : '?']);
  } else if (isSeq(node)) {
    for (const item of node.items) eachMap(item, visit, [...path, '-']);
  }
}
