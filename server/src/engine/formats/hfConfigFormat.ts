import { HfConfigError, parseHfConfig } from '../configs/hfConfig';
import { createLineIndex, type LineIndex } from './lineIndex';
import type { Deployment, Format, Parsed } from './types';

/**
 * A Hugging Face `config.json`: the model itself, judged at its trained context in its own
 * dtype (or its quantization_config), as vLLM would load it.
 */
export const hfConfigFormat: Format = {
  id: 'hf-config',
  label: 'Hugging Face config.json',
  matches: (doc) =>
    (doc.languageId === 'json' || doc.languageId === 'jsonc') &&
    doc.text.includes('"model_type"') &&
    (doc.text.includes('"num_hidden_layers"') || doc.text.includes('"n_layer"') || doc.text.includes('"text_config"')),
  parse(text): Parsed {
    const lines = createLineIndex(text);
    const syntax = jsonSyntaxError(text, lines);
    if (syntax) return { problems: [syntax], deployments: [] };
    let info;
    try {
      info = parseHfConfig(text);
    } catch (e) {
      if (!(e instanceof HfConfigError)) throw e;
      return {
        problems: [
          {
            range: keyRange(text, 'model_type', lines),
            severity: 'warning',
            code: 'incomplete-config',
            message: `${e.message}; RunLocalAI cannot size this model.`,
          },
        ],
        deployments: [],
      };
    }
    const name = nameOf(text) ?? info.modelType;
    const anchor =
      keyRange(text, '_name_or_path', lines, true) ?? keyRange(text, 'architectures', lines) ?? keyRange(text, 'model_type', lines);
    const deployment: Deployment = {
      runtime: 'vllm',
      model: { value: name, range: anchor },
      anchor,
      settings: {},
      env: {},
      hfConfig: info,
      notes: info.warnings,
      edit: () => [],
    };
    return { problems: [], deployments: [deployment] };
  },
};

function nameOf(text: string): string | undefined {
  try {
    const root = JSON.parse(text) as Record<string, unknown>;
    const n = root._name_or_path ?? (Array.isArray(root.architectures) ? root.architectures[0] : undefined);
    return typeof n === 'string' && n ? n : undefined;
  } catch {
    return undefined;
  }
}

/** The range of `"key"` (or of its string value), found by a plain search. */
function keyRange(text: string, key: string, lines: LineIndex): NonNullable<ReturnType<LineIndex['range']>>;
function keyRange(text: string, key: string, lines: LineIndex, optional: true): ReturnType<LineIndex['range']> | undefined;
function keyRange(text: string, key: string, lines: LineIndex, optional = false) {
  const at = text.indexOf(`"${key}"`);
  if (at < 0) return optional ? undefined : lines.range(0, 0);
  return lines.range(at, at + key.length + 2);
}

/** One parse diagnostic at the position JSON.parse names. */
export function jsonSyntaxError(text: string, lines: LineIndex) {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    let offset = m ? Number(m[1]) : text.length;
    if (!m && lc) offset = lines.lineStart(Number(lc[1]) - 1) + Number(lc[2]) - 1;
    return {
      range: lines.range(offset, Math.min(text.length, offset + 1)),
      severity: 'error' as const,
      code: 'parse-error' as const,
      message: `Invalid JSON: ${message.split(' in JSON')[0]}`,
    };
  }
}
