import { createModelResolver } from '../../server/src/engine/models/resolveModel';
import { checkParsed, type FileCheck } from '../../server/src/engine/formats/check';
import { inFileLineEndings } from '../../server/src/engine/formats/lineEndings';
import { recognise } from '../../server/src/engine/formats/registry';
import type { Parsed } from '../../server/src/engine/formats/types';
import type { Hardware } from '../../server/src/engine/hardware/types';
import type { TextEdit } from '../../server/src/engine/types';
import { testCatalog } from './catalog';

const catalog = testCatalog();
const models = createModelResolver(catalog);

/** Recognises a file as the editor would (by name, then language, then content), parses and checks it. */
export function checkFile(
  name: string,
  text: string,
  hardware: Hardware,
  languageId = 'plaintext',
): { format?: string; parsed?: Parsed; result: FileCheck } {
  const r = recognise({ uri: `file:///project/${name}`, languageId, text });
  if (!r.format) return { result: { findings: [], lenses: [], deployments: [] } };
  // As the language service parses: edits that add lines follow the file's line endings.
  const parsed = inFileLineEndings(r.format.parse(text, r.languageId), text);
  return { format: r.format.id, parsed, result: checkParsed(parsed, { catalog, models, hardware }) };
}

/** Applies LSP text edits (non-overlapping) to a text, last first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const offsets = lineOffsets(text);
  const at = (p: { line: number; character: number }) => (offsets[p.line] ?? text.length) + p.character;
  // Last first; inserts at one position keep their order in the list, as editors apply them.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => at(b.e.range.start) - at(a.e.range.start) || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, at(e.range.start)) + e.newText + out.slice(at(e.range.end));
  return out;
}

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

/** The text a range covers. */
export function textAt(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const offsets = lineOffsets(text);
  return text.slice(offsets[range.start.line] + range.start.character, offsets[range.end.line] + range.end.character);
}
