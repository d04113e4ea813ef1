import type { GpuChoice } from '../../protocol/wire';
import type { Catalog, Gpu } from '../catalog/schema';

const VENDOR: Record<string, string> = { nvidia: 'NVIDIA', amd: 'AMD', intel: 'Intel', apple: 'Apple' };

/** "24 GiB · 1008 GB/s · NVIDIA", "36, 48 or 64 GiB unified · 400 GB/s · Apple". */
export function gpuDetail(g: Gpu): string {
  const options = g.unifiedMemoryOptionsGiB?.length ? g.unifiedMemoryOptionsGiB : undefined;
  const memory = options
    ? `${options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}` : options[0]} GiB unified`
    : `${g.memoryGiB} GiB${g.unified ? ' unified' : ''}`;
  return [memory, `${g.bandwidthGBs} GB/s`, VENDOR[g.vendor] ?? g.vendor, g.laptop ? 'laptop' : ''].filter(Boolean).join(' · ');
}

/** Catalog GPUs as pickers and the settings' suggestions offer them, in catalog order. */
export function gpuChoices(catalog: Pick<Catalog, 'gpus'>): GpuChoice[] {
  return catalog.gpus.map((g) => ({ name: g.name, detail: gpuDetail(g) }));
}
