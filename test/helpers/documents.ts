import type { DocumentLike } from '../../server/src/engine/languageService';
import type { Hardware } from '../../server/src/engine/hardware/types';
import { GiB } from '../../server/src/engine/types';
import type { Catalog } from '../../server/src/engine/catalog/schema';

let version = 0;

export function doc(
  text: string,
  languageId = 'markdown',
  uri = `file:///test/${++version}.${languageId === 'modelfile' ? 'Modelfile' : 'md'}`,
): DocumentLike {
  return { uri, version: ++version, languageId, getText: () => text };
}

/** Hardware of N copies of a catalog GPU, with the given RAM. */
export function gpuHardware(catalog: Catalog, name: string, count = 1, ramGiB = 64): Hardware {
  const gpu = catalog.gpus.find((g) => g.name === name || g.aliases.includes(name));
  if (!gpu) throw new Error(`test needs GPU "${name}" in the catalog; have: ${catalog.gpus.map((g) => g.name).join(', ')}`);
  return {
    devices: Array.from({ length: count }, () => ({
      name: gpu.name,
      vendor: gpu.vendor,
      catalogId: gpu.id,
      totalBytes: gpu.memoryGiB * GiB,
      bandwidthGBs: gpu.bandwidthGBs,
      unified: gpu.unified,
    })),
    ramBytes: ramGiB * GiB,
    source: 'setting',
  };
}
