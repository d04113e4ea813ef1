import { parameter, parseModelfile, type Modelfile } from '../configs/modelfile';
import { excerpt } from '../text/excerpt';
import type { Range, TextEdit } from '../types';
import type { Deployment, Format, FormatProblem, Parsed, Setting, SettingName } from './types';

// Modelfile PARAMETERs that change memory (ollama/api/types.go Options).
const PARAMETERS: Partial<Record<SettingName, string>> = { context: 'num_ctx', gpuLayers: 'num_gpu', batch: 'num_batch' };
const PARAMETER_ENTRIES = Object.entries(PARAMETERS) as [SettingName, string][];
const modelled = new Set(Object.values(PARAMETERS));
const MIN: Record<string, number> = { num_ctx: 1, num_gpu: -1, num_batch: 1 };

/** Ollama Modelfiles: the parser of configs/modelfile.ts, put on the format seam. */
export const modelfileFormat: Format = {
  id: 'modelfile',
  label: 'Ollama Modelfile',
  // By name only: a text file that happens to start with "FROM" is not a Modelfile to Ollama either.
  // The language id decides; the name only for plain text or no language (`modelfile.py` is Python).
  matches: (doc) =>
    doc.languageId === 'modelfile' || ((doc.languageId === 'plaintext' || doc.languageId === '') && isModelfilePath(doc.uri)),
  parse: (text) => modelfileParsed(parseModelfile(text)),
};

// Extensions that make a file something else even when its name starts with "Modelfile.".
const NOT_MODELFILE_EXTENSIONS = new Set([
  'txt',
  'md',
  'markdown',
  'rst',
  'adoc',
  'html',
  'log',
  'json',
  'yaml',
  'yml',
  'toml',
  'py',
  'sh',
]);

/** `Modelfile`, `x.modelfile`, `Modelfile.llama3`: the names Ollama's docs and users give Modelfiles. */
export function isModelfilePath(uri: string): boolean {
  const base = uri.slice(uri.lastIndexOf('/') + 1).toLowerCase();
  if (base.endsWith('modelfile')) return true;
  if (!base.startsWith('modelfile.')) return false;
  return !NOT_MODELFILE_EXTENSIONS.has(base.slice(base.lastIndexOf('.') + 1));
}

export function modelfileParsed(mf: Modelfile): Parsed {
  const problems: FormatProblem[] = mf.problems.map((p) => ({
    range: p.range,
    severity: 'error',
    code: 'modelfile-syntax',
    message: p.message,
  }));
  if (!mf.from) {
    const first = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    problems.push({
      range: first,
      severity: 'warning',
      code: 'missing-from',
      message: 'A Modelfile needs a FROM instruction naming the base model, e.g. "FROM llama3.1:8b".',
    });
    return { problems, deployments: [] };
  }
  if (!mf.from.model) {
    problems.push({
      range: mf.from.keyword,
      severity: 'error',
      code: 'missing-model',
      message: 'FROM needs a model: an Ollama tag (llama3.1:8b), a GGUF file (./model.gguf) or a folder of safetensors.',
    });
    return { problems, deployments: [] };
  }
  const settings: Deployment['settings'] = {};
  for (const [name, key] of PARAMETER_ENTRIES) {
    const s = integerParameter(mf, key, MIN[key], problems);
    if (s) settings[name] = s;
  }
  const model = mf.from.model;
  const deployment: Deployment = {
    runtime: 'ollama',
    model: { value: model.value, range: model.range },
    anchor: model.range,
    settings,
    // Sampling and other PARAMETERs: not memory settings, but their hover says what they do.
    otherKeys: mf.parameters
      .filter((p) => !modelled.has(p.key.value.toLowerCase()))
      .map((p) => ({ key: p.key.value, value: p.value.value, keyRange: p.key.range })),
    env: {},
    notes: [],
    edit: (setting, value) => {
      const key = PARAMETERS[setting];
      return key ? setParameter(mf, key, value) : [];
    },
  };
  return { problems, deployments: [deployment] };
}

/**
 * A whole-number PARAMETER as the Modelfile check and the FROM question both read it: its value and
 * range, or why it is not one (with a short excerpt, never the whole line).
 */
export function readIntegerParameter(
  mf: Modelfile,
  key: string,
  min: number,
): { value: number; range: Range; keyRange: Range } | { problem: { range: Range; message: string } } | undefined {
  const p = parameter(mf, key);
  if (!p) return undefined;
  const raw = p.value.value.trim();
  if (!/^-?\d+$/.test(raw) || Number(raw) < min) {
    const message = `${key} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, found ${raw ? `"${excerpt(raw)}"` : 'nothing'}.`;
    return { problem: { range: raw ? p.value.range : p.key.range, message } };
  }
  return { value: Number(raw), range: p.value.range, keyRange: p.key.range };
}

function integerParameter(mf: Modelfile, key: string, min: number, problems: FormatProblem[]): Setting | undefined {
  const read = readIntegerParameter(mf, key, min);
  if (!read) return undefined;
  if ('problem' in read) {
    problems.push({ ...read.problem, severity: 'error', code: 'invalid-parameter' });
    return undefined;
  }
  return { key, value: String(read.value), range: read.range, keyRange: read.keyRange };
}

/** In place when the PARAMETER is there; else a new PARAMETER line right after FROM. */
function setParameter(mf: Modelfile, key: string, value: string): TextEdit[] {
  const existing = parameter(mf, key);
  if (existing) return [{ range: existing.value.range, newText: value }];
  const fromLine = mf.from?.line ?? 0;
  const text = `PARAMETER ${key} ${value}`;
  if (fromLine >= mf.end.line) return [{ range: { start: mf.end, end: mf.end }, newText: `\n${text}` }];
  const at = { line: fromLine + 1, character: 0 };
  const range: Range = { start: at, end: at };
  return [{ range, newText: `${text}\n` }];
}
