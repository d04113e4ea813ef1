import type { Catalog, Gpu } from '../catalog/schema';
import { excerpt, parseGpuSetting } from '../hardware/gpuSetting';
import { looseMatchGpu } from '../hardware/matchGpu';
import { nearNames } from '../text/nearNames';
import type { GpuSettingCheck } from '../../protocol/wire';

const word = (v: string) => excerpt(v, 12).toLowerCase();

/** Catalog names nearest to what was typed, each GPU once (its aliases count towards it). */
export function nearGpuNames(typed: string, gpus: readonly Gpu[], limit = 5): string[] {
  const owner = new Map<string, string>();
  for (const g of gpus) for (const n of [g.name, ...g.aliases]) if (!owner.has(n)) owner.set(n, g.name);
  const names = [...owner.keys()];
  let near = nearNames(typed, names, limit * 4);
  // "GTX 4090" shares no prefix with "RTX 4090": then the model number alone decides.
  if (near.length === 0)
    near = typed
      .split(' ')
      .filter((w) => w.length >= 3 && [...w].some((c) => c >= '0' && c <= '9'))
      .flatMap((w) => nearNames(w, names, limit * 4));
  return [...new Set(near.map((n) => owner.get(n)!))].slice(0, limit);
}

/** Catalog names of the GPUs that share `gpu`'s family (its memory variants), smallest first. */
function variantsOf(gpu: Gpu, alternatives: readonly Gpu[], gpus: readonly Gpu[]): string[] {
  const family = gpu.family ? gpus.filter((g) => g.family === gpu.family) : [];
  const all = [...new Set([gpu, ...alternatives, ...family])];
  return all.sort((a, b) => a.memoryGiB - b.memoryGiB || a.name.localeCompare(b.name)).map((g) => g.name);
}

/**
 * What `runlocalai.gpu` means, for the editor to say so: a catalog GPU (and, when the name left
 * the memory open, which variant was assumed), `auto`, `none`, a custom GPU sized by
 * `runlocalai.vramGB`, or a name nothing knows, with the nearest catalog names. The settings
 * then fall back to detection; the client warns instead of letting that pass silently.
 */
export function checkGpuSetting(value: string, vramGB: number | null, catalog: Pick<Catalog, 'gpus'>): GpuSettingCheck {
  const shown = excerpt(value, 80);
  if (word(value) === '' || word(value) === 'auto') return { value: shown, state: 'auto', suggestions: [] };
  if (['none', 'cpu', 'cpu only'].includes(word(value))) return { value: shown, state: 'none', suggestions: [] };
  const parsed = parseGpuSetting(value);
  const match = parsed.name ? looseMatchGpu(parsed.name, catalog) : undefined;
  if (match) {
    const check: GpuSettingCheck = { value: shown, state: 'known', gpu: match.gpu.name, suggestions: [] };
    if (parsed.count !== undefined) check.count = parsed.count;
    if (match.sizeAssumed)
      check.assumed = {
        gpu: match.gpu.name,
        variants: variantsOf(match.gpu, match.alternatives, catalog.gpus),
        note: match.note ?? `assumed ${match.gpu.name}`,
      };
    return check;
  }
  const suggestions = nearGpuNames(parsed.name ?? shown, catalog.gpus);
  // Named with a VRAM size, a GPU outside the catalog is used as given: not a fallback.
  if (typeof vramGB === 'number' && vramGB > 0) return { value: shown, state: 'custom', suggestions };
  return { value: shown, state: 'unknown', suggestions };
}
