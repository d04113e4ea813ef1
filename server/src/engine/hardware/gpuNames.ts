import type { Gpu } from '../catalog/schema';
import { createPhraseIndex, type PhraseIndex } from '../text/phraseIndex';

const BRANDS = ['nvidia', 'geforce', 'radeon', 'apple', 'intel', 'amd', 'tesla'];

/** "NVIDIA GeForce RTX 4090" → "RTX 4090": how people write GPU names in prose. Whole words only. */
function withoutBrand(name: string): string {
  const words = name.split(' ');
  while (words.length > 1 && BRANDS.includes(words[0].toLowerCase())) words.shift();
  return words.join(' ');
}

const smallest = (g: Gpu) => Math.min(...(g.unifiedMemoryOptionsGiB?.length ? g.unifiedMemoryOptionsGiB : [g.memoryGiB]));
/** Of cards sharing a written name (the 8 and 16 GB RTX 4060 Ti), prose means the smallest until it says more. */
const better = (a: Gpu, b: Gpu) => smallest(a) < smallest(b) || (smallest(a) === smallest(b) && a.bandwidthGBs < b.bandwidthGBs);

/** Finds catalog GPUs named in text ("an RTX 4090", "two 3090s" needs the RTX, "M3 Max"). */
export function createGpuNameIndex(gpus: readonly Gpu[]): PhraseIndex<Gpu> {
  const owner = new Map<string, Gpu>();
  const phrasesOf = (gpu: Gpu) => {
    const names = [gpu.name, ...gpu.aliases, ...(gpu.driverNames ?? [])];
    const bare = names.map(withoutBrand).filter((n) => n.length >= 2);
    return [...new Set([...names, ...bare])];
  };
  for (const gpu of gpus) {
    for (const phrase of phrasesOf(gpu)) {
      const key = phrase.toLowerCase();
      const held = owner.get(key);
      if (!held || better(gpu, held)) owner.set(key, gpu);
    }
  }
  return createPhraseIndex(
    gpus.map((gpu) => ({ entry: gpu, phrases: phrasesOf(gpu).filter((p) => owner.get(p.toLowerCase()) === gpu), exact: [] })),
  );
}
