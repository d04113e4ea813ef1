import { excerpt } from '../text/excerpt';
import type { Catalog } from '../catalog/schema';
import { resolveHardware, type HardwareSettings } from '../hardware/fromSettings';
import type { Hardware } from '../hardware/types';
import { createLineIndex } from './lineIndex';
import { parseYaml, type YamlFile } from './yamlTree';
import type { LineIndex } from './lineIndex';
import type { FormatProblem, Parsed } from './types';
import { isMap, isScalar, pairOf, scalarText, valueOf } from './yamlTree';

/**
 * The hardware a repository deploys to, as `.runlocalai.yaml` or a `runlocalai:` key declares it:
 * `gpus: 2 x RTX 3090` (or `gpu: RTX 3090` with `count: 2`), `vram: 24GB`, `ram: 64GB`.
 * Returns undefined and a problem when the declaration cannot be read.
 */
export function targetSettings(node: unknown): { settings?: HardwareSettings; error?: string } {
  if (!isMap(node)) return { error: 'expected a mapping such as "gpus: 2 x RTX 3090" and "ram: 64GB"' };
  const gpusText = scalarText(valueOf(node, 'gpus')) ?? scalarText(valueOf(node, 'gpu'));
  const countText = scalarText(valueOf(node, 'count'));
  let gpu = 'auto';
  let gpuCount = countText !== undefined ? Number(countText) : 1;
  if (gpusText !== undefined) {
    const split = splitCount(gpusText.trim());
    gpuCount = split.count ?? gpuCount;
    gpu = split.name;
  }
  if (!Number.isInteger(gpuCount) || gpuCount < 1 || gpuCount > 1024)
    return { error: `GPU count must be a whole number from 1 to 1024, found "${excerpt(String(countText ?? gpusText))}"` };
  const ramGB = gigabytes(scalarText(valueOf(node, 'ram')));
  const vramGB = gigabytes(scalarText(valueOf(node, 'vram')));
  if (ramGB === null || vramGB === null) return { error: 'ram and vram take a size such as "64GB"' };
  if (gpu === 'auto' && vramGB === undefined) return { error: 'name the GPUs, e.g. "gpus: 2 x RTX 3090", or give "vram: 24GB"' };
  return { settings: { gpu, gpuCount, vramGB: vramGB ?? null, ramGB: ramGB ?? null } };
}

/** "2 x RTX 3090" → 2 and "RTX 3090"; read by hand, one pass. */
function splitCount(s: string): { count?: number; name: string } {
  let i = 0;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i === 0) return { name: s };
  let j = i;
  while (s[j] === ' ') j++;
  if (s[j] !== 'x' && s[j] !== 'X' && s[j] !== '×' && s[j] !== '*') return { name: s };
  return { count: Number(s.slice(0, i)), name: s.slice(j + 1).trim() };
}

/** `64GB`, `64 GiB`, `64`: GiB as a number; undefined when absent, null when unreadable. */
function gigabytes(raw: string | undefined): number | undefined | null {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  if (t.length > 32) return null;
  const m = /^(\d+(?:\.\d+)?)\s*(g|gb|gib|t|tb|tib)?$/i.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] && m[2].toLowerCase().startsWith('t') ? n * 1024 : n;
}

/** A `runlocalai:` key at the top of a YAML config, read as target hardware. */
export function runlocalaiTarget(root: unknown, lines: LineIndex, problems: FormatProblem[]): Parsed['target'] {
  const pair = pairOf(root, 'runlocalai');
  if (!pair || !isScalar(pair.key)) return undefined;
  const range = lines.range(pair.key.range?.[0] ?? 0, pair.key.range?.[1] ?? 0);
  const { settings, error } = targetSettings(pair.value);
  if (error) problems.push({ range, severity: 'error', code: 'invalid-target', message: `runlocalai: ${error}.` });
  return settings && { settings, range };
}

/**
 * The hardware a declaration describes, never this machine's GPUs; the machine lends only its RAM
 * when the declaration gives none. `origin` says where it was declared, for every message.
 */
export function targetHardware(
  settings: HardwareSettings,
  catalog: Pick<Catalog, 'gpus'>,
  base: Hardware,
  origin: string,
): { hardware?: Hardware; error?: string } {
  const bare: Hardware = { devices: [], source: 'setting', ramBytes: base.ramBytes, platform: base.platform };
  const hw = resolveHardware(settings, catalog, bare);
  if (hw.devices.length === 0 && !/^(none|cpu)$/i.test(settings.gpu.trim()))
    return { error: `${origin} names "${settings.gpu}", which is not a catalog GPU; add "vram: 24GB" to use it anyway` };
  return { hardware: { ...hw, source: 'setting', note: `target hardware from ${origin}` } };
}

/** `.runlocalai.yaml` read: its settings, or a message with the line it concerns. */
export function parseTargetFile(text: string): { settings?: HardwareSettings; error?: string } {
  const lines = createLineIndex(text);
  const { docs, problems } = parseYaml(text, lines);
  if (problems.length) return { error: `${problems[0].message} (line ${problems[0].range.start.line + 1})` };
  const root = docs[0]?.contents;
  const inner = pairOf(root, 'runlocalai')?.value ?? root;
  return targetSettings(inner);
}

/**
 * A YAML config read once, as every YAML format reads it: its line index, documents and problems,
 * and the first `runlocalai:` key among the documents (the hardware the file declares).
 */
export function readYamlConfig(text: string): {
  lines: LineIndex;
  docs: YamlFile['docs'];
  problems: FormatProblem[];
  target: Parsed['target'];
} {
  const lines = createLineIndex(text);
  const { docs, problems } = parseYaml(text, lines);
  let target: Parsed['target'];
  for (const doc of docs) target ??= runlocalaiTarget(doc.contents, lines, problems);
  return { lines, docs, problems, target };
}
