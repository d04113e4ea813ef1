import type { Catalog, ConfigKey, ConfigRuntime } from '../catalog/schema';
import type { Verdict } from '../estimate/types';
import { formatBytes } from './format';
import { escapeMarkdown } from './markdown';

/** What the current value costs on the detected hardware, computed by the caller's format. */
export interface KeyEstimate {
  /** The hardware in words ("RTX 3090 24 GiB"); document text never reaches here unescaped. */
  hardware: string;
  verdict: Verdict;
  neededBytes: number;
  usableBytes: number;
  /** What this key's value costs on its own, e.g. the KV cache for a context. */
  cost?: { label: string; bytes: number };
  /** A value of this key that would fit, when the current one does not. */
  fits?: { value: string; why: string };
}

export interface KeyHoverRequest {
  runtime: ConfigRuntime;
  /** As written in the config: `num_ctx`, `-c`, `--ctx-size`, `OLLAMA_KV_CACHE_TYPE`. */
  key: string;
  value?: string;
  estimate?: KeyEstimate;
}

const RUNTIME_NAMES: Record<ConfigRuntime, string> = { ollama: 'Ollama', 'llama.cpp': 'llama.cpp', vllm: 'vLLM', localai: 'LocalAI' };
const SURFACES: Record<ConfigKey['surface'], string> = {
  modelfile: 'Modelfile PARAMETER',
  flag: 'command-line flag',
  env: 'environment variable',
  yaml: 'model YAML key',
};
const VERDICTS: Record<Verdict, string> = {
  fits: 'fits',
  tight: 'fits, with little to spare',
  'partial-offload': 'runs partly on the CPU (slow)',
  'wont-fit': "won't fit",
};

/** The catalog entry for a key as written, matching flags exactly and other keys in any case. */
export function findConfigKey(catalog: Pick<Catalog, 'keys'>, runtime: ConfigRuntime, key: string): ConfigKey | undefined {
  const keys = (catalog.keys ?? []).filter((k) => k.runtime === runtime);
  const names = (k: ConfigKey) => [k.key, ...k.aliases];
  return (
    keys.find((k) => names(k).includes(key)) ??
    (key.startsWith('-') ? undefined : keys.find((k) => names(k).some((n) => n.toLowerCase() === key.toLowerCase())))
  );
}

/**
 * Hover text for a configuration key: what it does to memory and speed, its default in that
 * runtime, and, with an estimate, what the current value costs and a value that would fit.
 * Pure: the format that found the key supplies the value and the estimate.
 */
export function configKeyHover(catalog: Pick<Catalog, 'keys' | 'glossary'>, req: KeyHoverRequest): string | undefined {
  const k = findConfigKey(catalog, req.runtime, req.key);
  if (!k) return undefined;
  const parts: string[] = [];
  const other = [k.key, ...k.aliases].filter((a) => a !== req.key).slice(0, 3);
  parts.push(
    `### \`${k.key}\`\n*${RUNTIME_NAMES[k.runtime]} ${SURFACES[k.surface]}*${other.length ? ` · also ${other.map((a) => `\`${a}\``).join(', ')}` : ''}`,
  );
  parts.push(k.summary);
  parts.push(`**Memory.** ${k.memory}\n\n**Speed.** ${k.speed}`);
  parts.push(`**Default:** ${k.default.value} (${k.default.version})`);
  if (req.value !== undefined && req.value.trim()) parts.push(`**Set here:** \`${req.value.trim().replace(/`/g, "'")}\``);
  const e = req.estimate;
  if (e) {
    const lines = [
      `**On ${escapeMarkdown(e.hardware)}:** ${VERDICTS[e.verdict]}, ${formatBytes(e.neededBytes)} needed of ${formatBytes(e.usableBytes)} usable.`,
    ];
    if (e.cost) lines.push(`This value costs ${formatBytes(e.cost.bytes)} (${e.cost.label}).`);
    if (e.fits) lines.push(`**Would fit:** \`${k.key === req.key ? k.key : req.key} ${e.fits.value}\` (${e.fits.why}).`);
    parts.push(lines.join(' '));
  }
  const term = k.term ? catalog.glossary.find((g) => g.id === k.term) : undefined;
  if (term) parts.push(`**About:** ${term.term}: ${term.definition.trim().split(/(?<=\.)\s/)[0]}`);
  parts.push(`Sources: ${k.sources.map((s) => `[${s.title}](${s.url})`).join(' · ')}`);
  return parts.join('\n\n');
}
