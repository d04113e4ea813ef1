import type { Catalog, Gpu } from '../catalog/schema';
import { answerFit } from '../checks/fit';
import type { Verdict } from '../estimate/types';
import { appleGpuWorkingSetBytes } from '../hardware/appleWorkingSet';
import type { Hardware } from '../hardware/types';
import { GiB } from '../types';
import { verdictLabel } from './estimateText';
import { formatBytes, formatTokens } from './format';

/** The question every GPU hover answers the same way, so cards compare: Ollama, its default quantization, 8K. */
const HOVER_CONTEXT = 8192;

/**
 * Hover for a GPU name: its memory and bandwidth, and which catalog models run on one of it at
 * Ollama's default quantization and an 8K context, with this machine's RAM for partial offload.
 */
export function renderGpuHover(gpu: Gpu, catalog: Catalog, machine: Pick<Hardware, 'ramBytes' | 'freeRamBytes' | 'ramBasis'>): string {
  // A Mac is judged as that Mac, in its smallest configuration known: its unified memory is its
  // RAM, and the GPU gets the working-set share.
  const macGiB = gpu.unified ? Math.min(...(gpu.unifiedMemoryOptionsGiB ?? [gpu.memoryGiB])) : undefined;
  const macRam = macGiB !== undefined ? macGiB * GiB : undefined;
  const hardware: Hardware = {
    devices: [
      {
        name: gpu.name,
        vendor: gpu.vendor,
        catalogId: gpu.id,
        totalBytes: macRam ? appleGpuWorkingSetBytes(macRam) : gpu.memoryGiB * GiB,
        bandwidthGBs: gpu.bandwidthGBs,
        unified: gpu.unified,
      },
    ],
    ramBytes: macRam ?? machine.ramBytes,
    // This machine's RAM counts as everywhere else (runlocalai.ramBasis); a Mac brings its own.
    ...(macRam === undefined && machine.ramBasis === 'available' ? { freeRamBytes: machine.freeRamBytes, ramBasis: machine.ramBasis } : {}),
    source: 'setting',
  };
  const ramForOffload = hardware.ramBasis === 'available' ? (hardware.freeRamBytes ?? hardware.ramBytes) : hardware.ramBytes;
  const rows = [...catalog.models]
    .sort((a, b) => a.params - b.params)
    .map((model) => ({ model, answer: answerFit({ model, ctx: HOVER_CONTEXT, runtime: 'ollama' }, catalog, hardware) }));
  const named = (verdicts: Verdict[]) =>
    rows
      .filter((r) => verdicts.includes(r.answer.estimate.verdict))
      .map((r) => {
        const tps = r.answer.estimate.tokensPerSecond;
        // Bandwidth gives an upper bound on generation speed, not a measurement: say so.
        return `${r.model.name} ${r.answer.quant.id} (${formatBytes(r.answer.estimate.totalBytes)}${tps ? `, up to ${Math.round(tps)} tok/s` : ''})`;
      });
  const memory = gpu.unified
    ? `up to ${gpu.memoryGiB} GiB unified memory${gpu.unifiedMemoryOptionsGiB ? ` (${gpu.unifiedMemoryOptionsGiB.join(', ')} GiB)` : ''}, of which the GPU may use about two-thirds to three-quarters; below, ${macGiB} GiB`
    : `${gpu.memoryGiB} GiB${gpu.memoryType ? ` ${gpu.memoryType}` : ''}`;
  const out = [`### ${gpu.name}`, `${memory} · ${gpu.bandwidthGBs} GB/s${gpu.released ? ` · ${gpu.released.slice(0, 4)}` : ''}`];
  out.push(
    `**On one ${gpu.unified ? 'such Mac' : 'card'}** (Ollama, default quantization, ${formatTokens(HOVER_CONTEXT)} tokens${ramForOffload ? `, ${formatBytes(ramForOffload)} RAM for offload${hardware.ramBasis === 'available' ? ' (available)' : ''}` : ''}):`,
  );
  const lines: [string, Verdict[]][] = [
    [verdictLabel.fits, ['fits', 'tight']],
    [verdictLabel['partial-offload'], ['partial-offload']],
    [verdictLabel['wont-fit'], ['wont-fit']],
  ];
  for (const [label, verdicts] of lines) {
    const list = named(verdicts);
    if (list.length) out.push(`- **${label}:** ${list.join(' · ')}`);
  }
  out.push(`Sources: ${gpu.sources.map((s) => `[${s.title}](${s.url})`).join(' · ')}`);
  return out.join('\n\n');
}
