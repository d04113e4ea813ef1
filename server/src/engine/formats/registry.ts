import { commandLineFormat } from './commandLineFormat';
import { composeFormat } from './compose';
import { globMatch } from './glob';
import { hfConfigFormat } from './hfConfigFormat';
import { llamaPresetFormat } from './llamaPreset';
import { llamaSwapFormat } from './llamaSwap';
import { localaiFormat } from './localai';
import { modelfileFormat } from './modelfile';
import type { Format, FormatDocument, FormatId } from './types';
import { vllmFormat } from './vllmYaml';

/** Every format, most specific first: the first that matches a document reads it. */
export const FORMATS: readonly Format[] = [
  modelfileFormat,
  hfConfigFormat,
  composeFormat,
  llamaSwapFormat,
  localaiFormat,
  vllmFormat,
  llamaPresetFormat,
  commandLineFormat,
];

export function formatById(id: string): Format | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** `runlocalai.formats`: glob → format id, or "none" to leave matching files alone. */
export type FormatAssociations = Record<string, string>;

/** `languageId`: the document's, or for plain text the one its name gives: the language the format reads it in. */
export type Recognition = { format: Format; languageId: string } | { format?: undefined; reason: string };

/**
 * Which format reads a document. The `runlocalai.formats` globs decide first; then the language
 * id; only for plain text or no language does the path choose the language.
 */
export function recognise(doc: FormatDocument, associations: FormatAssociations = {}): Recognition {
  const path = pathOf(doc.uri);
  const languageId =
    !doc.languageId || doc.languageId === 'plaintext' ? (languageForPath(path) ?? doc.languageId ?? 'plaintext') : doc.languageId;
  for (const [glob, id] of Object.entries(associations)) {
    // Globs are relative to wherever the workspace is: they match at any depth.
    if (!globMatch(glob.startsWith('/') || glob.startsWith('**') ? glob : `**/${glob}`, path)) continue;
    if (id === 'none') return { reason: `excluded by runlocalai.formats "${glob}"` };
    const f = formatById(id);
    if (f) return { format: f, languageId };
  }
  const withLanguage = { ...doc, languageId };
  const format = FORMATS.find((f) => f.matches(withLanguage));
  if (format) return { format, languageId };
  return { reason: reasonFor(languageId) };
}

function reasonFor(languageId: string): string {
  if (languageId === 'yaml') return 'YAML without model settings (no vLLM, LocalAI, llama-swap or compose keys)';
  if (languageId === 'json') return 'JSON that is not a Hugging Face config.json';
  if (languageId === 'plaintext') return 'not a config format RunLocalAI reads';
  return `${languageId} without a runtime command (llama-server, vllm serve, ollama run)`;
}

export function pathOf(uri: string): string {
  const noScheme = uri.startsWith('file://') ? uri.slice(7) : uri;
  try {
    return decodeURIComponent(noScheme);
  } catch {
    return noScheme;
  }
}

/** The language an editor would give a file, from its name (for the CLI and plain-text documents). */
export function languageForPath(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (lower === 'modelfile' || lower.endsWith('.modelfile') || lower.startsWith('modelfile.')) return 'modelfile';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile')
    return 'dockerfile';
  if (lower === 'makefile' || lower === 'gnumakefile' || lower.endsWith('.mk')) return 'makefile';
  const dot = lower.lastIndexOf('.');
  const ext = dot >= 0 ? lower.slice(dot + 1) : '';
  const byExt: Record<string, string> = {
    yaml: 'yaml',
    yml: 'yaml',
    json: 'json',
    sh: 'shellscript',
    bash: 'shellscript',
    zsh: 'shellscript',
    md: 'markdown',
    markdown: 'markdown',
    ini: 'ini',
    service: 'systemd',
    txt: 'plaintext',
    log: 'log',
  };
  return byExt[ext];
}

export type { FormatId };
