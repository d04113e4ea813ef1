import type { TextEdit } from '../types';
import { flagFor, LLAMA_CPP_FLAGS } from './flags';
import { createLineIndex, type LineIndex } from './lineIndex';
import type { Deployment, Format, FormatProblem, KeyMention, Parsed, Setting, SettingName } from './types';

interface Entry {
  key: string;
  value: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  line: number;
}

interface Section {
  name: string;
  line: number;
  nameStart: number;
  entries: Entry[];
  lastLine: number;
}

/**
 * llama.cpp router presets (`--models-preset preset.ini`): one section per model, keys are long
 * flag names without dashes (`ctx-size = 0`, `n-gpu-layers = 99`); `[*]` holds defaults for all.
 */
export const llamaPresetFormat: Format = {
  id: 'llamacpp-preset',
  label: 'llama.cpp preset',
  matches: (doc) =>
    (doc.languageId === 'ini' || doc.languageId === 'properties' || doc.languageId === 'plaintext') &&
    hasSection(doc.text) &&
    hasFlagKey(doc.text),
  parse(text): Parsed {
    const lines = createLineIndex(text);
    const problems: FormatProblem[] = [];
    const sections = readIni(lines, problems);
    const defaults = sections.find((s) => s.name === '*');
    const deployments: Deployment[] = [];
    for (const section of sections) {
      if (section.name === '*') continue;
      const settings: Partial<Record<SettingName, Setting>> = {};
      let model: Setting | undefined;
      const otherKeys: KeyMention[] = [];
      for (const e of [...(defaults?.entries ?? []), ...section.entries]) {
        const spec = LLAMA_CPP_FLAGS[`--${e.key}`];
        if (!spec) {
          otherKeys.push({ key: e.key, value: e.value, keyRange: lines.range(e.keyStart, e.keyStart + e.key.length) });
          continue;
        }
        const s: Setting = {
          key: e.key,
          value: e.value,
          range: lines.range(e.valueStart, e.valueEnd),
          keyRange: lines.range(e.keyStart, e.keyStart + e.key.length),
        };
        if (spec.setting === 'model') model = s;
        else settings[spec.setting] = s;
      }
      const header = lines.range(section.nameStart, section.nameStart + section.name.length);
      deployments.push({
        runtime: 'llama.cpp',
        label: section.name,
        model: { value: model?.value ?? section.name, range: model?.range ?? header },
        anchor: model?.range ?? header,
        settings,
        env: {},
        notes: [],
        otherKeys,
        edit: (setting, value) => editSection(section, defaults, lines, setting, value),
      });
    }
    return { problems, deployments };
  },
};

function hasSection(text: string): boolean {
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j < 0 || text[j] === '\n' || text[j] === '\r') return true;
  }
  return false;
}

function hasFlagKey(text: string): boolean {
  return ['ctx-size', 'n-gpu-layers', 'hf-repo', 'model =', 'model=', 'parallel'].some((k) => text.includes(k));
}

function editSection(section: Section, defaults: Section | undefined, lines: LineIndex, setting: SettingName, value: string): TextEdit[] {
  const sets = (e: Entry) => LLAMA_CPP_FLAGS[`--${e.key}`]?.setting === setting;
  const own = section.entries.find(sets);
  if (own) return [{ range: lines.range(own.valueStart, own.valueEnd), newText: value }];
  // A key [*] sets is overridden in the section with the same spelling; otherwise the flag's long name.
  const key = defaults?.entries.find(sets)?.key ?? flagFor(LLAMA_CPP_FLAGS, setting)?.slice(2);
  if (!key) return [];
  const spaced = [...section.entries, ...(defaults?.entries ?? [])].some((e) =>
    lines.text.slice(e.keyStart + e.key.length, e.valueStart).includes(' '),
  );
  const at = lines.position(lines.lineStart(section.lastLine) + lineLength(lines, section.lastLine));
  return [{ range: { start: at, end: at }, newText: `\n${key}${spaced ? ' = ' : '='}${value}` }];
}

function lineLength(lines: LineIndex, line: number): number {
  const start = lines.lineStart(line);
  let i = start;
  while (i < lines.text.length && lines.text[i] !== '\n' && lines.text[i] !== '\r') i++;
  return i - start;
}

/** INI read line by line: `[section]`, `key = value`, `;` and `#` comments. */
function readIni(lines: LineIndex, problems: FormatProblem[]): Section[] {
  const text = lines.text;
  const sections: Section[] = [];
  let current: Section | undefined;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const end = start + lineLength(lines, l);
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= end || text[i] === ';' || text[i] === '#') continue;
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0 || close > end) {
        problems.push({
          range: lines.range(i, end),
          severity: 'error',
          code: 'parse-error',
          message: 'Invalid INI: a section header needs a closing "]".',
        });
        continue;
      }
      current = { name: text.slice(i + 1, close).trim(), line: l, nameStart: i + 1, entries: [], lastLine: l };
      sections.push(current);
      continue;
    }
    const eq = text.indexOf('=', i);
    if (eq < 0 || eq > end) {
      problems.push({
        range: lines.range(i, end),
        severity: 'error',
        code: 'parse-error',
        message: 'Invalid INI: expected "key = value".',
      });
      continue;
    }
    if (!current) continue;
    let ke = eq;
    while (ke > i && (text[ke - 1] === ' ' || text[ke - 1] === '\t')) ke--;
    let vs = eq + 1;
    while (vs < end && (text[vs] === ' ' || text[vs] === '\t')) vs++;
    let ve = end;
    while (ve > vs && (text[ve - 1] === ' ' || text[ve - 1] === '\t')) ve--;
    if (ve - vs >= 2 && text[vs] === '"' && text[ve - 1] === '"') {
      vs++;
      ve--;
    }
    current.entries.push({ key: text.slice(i, ke), value: text.slice(vs, ve), keyStart: i, valueStart: vs, valueEnd: ve, line: l });
    current.lastLine = l;
  }
  return sections;
}
