import { overrideExample } from '../../protocol/settings';
import { formatBytes } from '../render/format';
import { escapeMarkdown } from '../render/markdown';
import { excerpt } from './gpuSetting';
import { collapseSpaces, MAX_GPU_NAME_CHARS } from './gpuTokens';
import type { GpuDevice, Hardware, MemorySource } from './types';

export interface HardwareDescription {
  /** Status-bar text: "RTX 4090 24 GiB (detected)", "2× RTX 3090 24 GiB (set)", "CPU only (detected)". */
  summary: string;
  /** The "Show hardware" report. */
  markdown: string;
}

/** Whole GiB from 10 GiB up for the narrow status bar; the report uses formatBytes, as runtimes print. */
const size = (bytes: number) => formatBytes(bytes, { wholeFromGiB: 10 });

const BRANDS = new Set(['nvidia', 'amd', 'intel', 'apple']);
const LINES = new Set(['geforce', 'radeon']);

/**
 * Status bars are narrow: "NVIDIA GeForce RTX 4090" reads as "RTX 4090". Works on whole words
 * of a name capped at MAX_GPU_NAME_CHARS, so a hostile name costs one pass.
 */
function shortName(name: string): string {
  const words = (collapseSpaces(name, MAX_GPU_NAME_CHARS) ?? excerpt(name, MAX_GPU_NAME_CHARS)).split(' ').filter(Boolean);
  // "Apple M3 Max (40-core GPU)": the bin in parentheses does not fit a status bar.
  const open = words.findIndex((w) => w.startsWith('('));
  if (open > 0 && words[words.length - 1].endsWith(')')) words.splice(open);
  if (words.length > 1 && BRANDS.has(words[0].toLowerCase())) words.shift();
  if (words.length > 2 && LINES.has(words[0].toLowerCase())) words.shift();
  const n = words.length;
  if (n > 2 && words[n - 2].toLowerCase() === 'laptop' && words[n - 1].toLowerCase() === 'gpu') words.splice(n - 2, 2, 'Laptop');
  const last = words[words.length - 1] ?? '';
  const lower = last.toLowerCase();
  const sizeWord = lower.endsWith('gb') && lower.length > 2 && [...lower.slice(0, -2)].every((c) => c >= '0' && c <= '9');
  if (words.length > 1 && sizeWord) words.pop();
  else if (words.length > 2 && lower === 'gb' && [...words[words.length - 2]].every((c) => c >= '0' && c <= '9')) words.splice(-2, 2);
  return words.join(' ');
}

function origin(hw: Hardware): string {
  return hw.source === 'setting' ? 'set' : hw.source;
}

export function summarizeHardware(hw: Hardware): string {
  if (hw.source === 'pending') return 'Detecting hardware…';
  if (hw.devices.length === 0) return hw.source === 'failed' ? 'Hardware: detection failed' : `CPU only (${origin(hw)})`;
  const groups = new Map<string, number>();
  for (const d of hw.devices) {
    const key = `${shortName(d.name)} ${size(d.totalBytes)}${d.vendor === 'apple' ? ' usable' : ''}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const devices = [...groups].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join(' + ');
  return `${devices} (${origin(hw)})`;
}

/** Names come from drivers and settings: never let them turn into Markdown or HTML. */
const md = escapeMarkdown;

const SOURCE_TEXT: Record<MemorySource, string> = {
  driver: 'reported by the driver',
  catalog: 'from the catalog (the driver did not report it)',
  'unified-limit': "Metal's default GPU share of unified memory",
  setting: 'from settings',
  'pci-aperture': 'PCI aperture only: not the real VRAM, set runlocalai.vramGB',
  unknown: 'unknown: set runlocalai.vramGB',
};

function deviceRow(d: GpuDevice): string {
  const kind = [d.integrated ? 'integrated' : d.vendor === 'apple' ? 'unified memory' : 'discrete', d.laptop ? 'laptop' : '']
    .filter(Boolean)
    .join(', ');
  const memory = `${formatBytes(d.totalBytes)} (${SOURCE_TEXT[d.memorySource ?? 'unknown']})`;
  const free = d.freeBytes !== undefined ? formatBytes(d.freeBytes) : '—';
  const bandwidth = d.bandwidthGBs ? `${d.bandwidthGBs} GB/s` : '—';
  const notes: string[] = [];
  if (d.reportedName && d.reportedName !== d.name) notes.push(`reported as “${md(d.reportedName)}”`);
  if (!d.catalogId) notes.push('not in the catalog');
  if (d.alsoPossible?.length) notes.push(`could also be ${d.alsoPossible.map(md).join(', ')}`);
  return `| ${md(d.name)} | ${kind} | ${memory} | ${free} | ${bandwidth} | ${notes.join('; ') || '—'} |`;
}

const SOURCE_LINE: Record<Hardware['source'], string> = {
  detected: 'Detected with systeminformation on the machine the workspace is on (over Remote development, the remote machine).',
  setting: 'Set in settings.',
  pending: 'Detection is still running; verdicts use nothing until it finishes or a setting names a GPU.',
  failed: 'Detection failed; verdicts assume no GPU until it succeeds or a setting names a GPU.',
};

export function hardwareMarkdown(hw: Hardware): string {
  const out: string[] = ['## Hardware in use', '', SOURCE_LINE[hw.source]];
  if (hw.note) out.push('', `_${md(hw.note)}_`);
  out.push('');
  if (hw.devices.length > 0) {
    out.push(
      '| Device | Kind | Memory for verdicts | Free now | Bandwidth | Notes |',
      '|---|---|---|---|---|---|',
      ...hw.devices.map(deviceRow),
      '',
    );
    if (hw.devices.length > 1) {
      const total = hw.devices.reduce((s, d) => s + d.totalBytes, 0);
      out.push(
        `${hw.devices.length} GPUs, ${formatBytes(total)} together. A model split across them needs its share to fit on each one.`,
        '',
      );
    }
  } else {
    out.push(hw.source === 'pending' ? 'No devices yet.' : 'No GPU in use: verdicts are for CPU inference from system RAM.', '');
  }
  if (hw.ramBytes)
    out.push(
      `**System RAM:** ${formatBytes(hw.ramBytes)}${hw.freeRamBytes !== undefined ? ` (${formatBytes(hw.freeRamBytes)} available now)` : ''}, used for layers that do not fit on the GPU.`,
      '',
    );
  if (hw.cpu) out.push(`**CPU:** ${md(hw.cpu.brand)}${hw.cpu.cores ? `, ${hw.cpu.cores} cores` : ''}`, '');
  if (hw.ignoredDevices?.length) {
    out.push('**Not used for verdicts:**', ...hw.ignoredDevices.map((i) => `- ${md(i.device.name)}: ${md(i.reason)}`), '');
  }
  out.push(
    '### What verdicts use',
    'Each verdict adds up the model weights, the KV cache for the context, compute buffers and the runtime’s own overhead, and compares the sum with the memory above: free VRAM where the driver reports it, otherwise the total, per GPU. On Apple Silicon it is the share of unified memory Metal lets the GPU use, not all of it.',
    '',
    '### Override',
    'Set these in your settings when detection is wrong or you want verdicts for another machine:',
    '',
    '```jsonc',
    ...overrideExample(),
    '```',
    '',
    'Run **RunLocalAI: Detect hardware again** after changing drivers or cards.',
  );
  return out.join('\n');
}

/** The short status-bar text and the longer Markdown report for the same hardware. */
export function describeHardware(hw: Hardware): HardwareDescription {
  return { summary: summarizeHardware(hw), markdown: hardwareMarkdown(hw) };
}
