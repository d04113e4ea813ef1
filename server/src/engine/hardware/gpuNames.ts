import type { Gpu } from '../catalog/schema';
import { createPhraseIndex, type PhraseIndex } from '../text/phraseIndex';

// How people write GPU names in prose: without the brand ("RTX 4090", "RX 7900 XTX", "M3 Max").
const BRAND = /^(nvidia\s+)?(geforce\s+|radeon\s+|apple\s+|intel\s+|amd\s+|tesla\s+)/i;

/** Finds catalog GPUs named in text ("an RTX 4090", "two 3090s" needs the RTX, "M3 Max"). */
export function createGpuNameIndex(gpus: readonly Gpu[]): PhraseIndex<Gpu> {
  return createPhraseIndex(
    gpus.map((gpu) => {
      const names = [gpu.name, ...gpu.aliases];
      const bare = names.map((n) => n.replace(BRAND, '')).filter((n) => n.length >= 2);
      return { entry: gpu, phrases: [...new Set([...names, ...bare])], exact: [] };
    }),
  );
}
