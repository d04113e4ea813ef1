import type { Gpu } from '../../server/src/engine/catalog/schema';
import { tokenize } from '../../server/src/engine/hardware/gpuTokens';
import { matchGpu } from '../../server/src/engine/hardware/matchGpu';
import type { KindCheck } from './types';

/** A name as the matcher sees it: the words that must agree, form-factor words, size and laptop flag. */
function nameKey(name: string, gpu: Gpu): string {
  const t = tokenize(name);
  return [
    gpu.laptop || t.laptop ? 'laptop' : 'desktop',
    [...t.core].sort().join(' '),
    [...t.soft].sort().join(' '),
    t.memoryGiB ?? '',
  ].join('|');
}

const sameFamily = (a: Gpu, b: Gpu) => a.family !== undefined && a.family === b.family;

export const gpusCheck: KindCheck = {
  kind: 'gpus',
  check(catalog) {
    const problems: string[] = [];
    const gpus = catalog.gpus;
    const owners = new Map<string, Gpu>();
    const shared = new Map<string, Gpu[]>();
    for (const gpu of gpus) {
      if (!gpu.sources.length) problems.push(`${gpu.id}: no source`);
      if (!(gpu.memoryGiB > 0) || !(gpu.bandwidthGBs > 0)) problems.push(`${gpu.id}: memory and bandwidth must be positive`);
      const options = gpu.unifiedMemoryOptionsGiB;
      if (options && Math.max(...options) !== gpu.memoryGiB)
        problems.push(`${gpu.id}: memoryGiB ${gpu.memoryGiB} is not the largest of ${options.join('/')}`);
      if ((gpu.unified || gpu.vendor === 'apple') && !options?.length)
        problems.push(`${gpu.id}: a unified-memory part needs its configurations`);
      for (const name of new Set([gpu.name, ...gpu.aliases])) {
        const key = nameKey(name, gpu);
        const other = owners.get(key);
        if (other && other !== gpu) problems.push(`"${name}" names both ${other.id} and ${gpu.id}`);
        owners.set(key, gpu);
        const hit = matchGpu(name, undefined, gpus);
        if (hit?.gpu !== gpu) problems.push(`"${name}" (${gpu.id}) resolves to ${hit?.gpu.id ?? 'nothing'}`);
      }
      for (const name of gpu.driverNames ?? []) {
        const key = nameKey(name, gpu);
        shared.set(key, [...(shared.get(key) ?? []), gpu]);
        const hit = matchGpu(name, undefined, gpus);
        if (!hit || !(hit.gpu === gpu || sameFamily(hit.gpu, gpu)))
          problems.push(`driver name "${name}" (${gpu.id}) resolves outside its family, to ${hit?.gpu.id ?? 'nothing'}`);
      }
    }
    for (const [key, holders] of shared) {
      const owner = owners.get(key);
      if (owner && !holders.every((h) => h === owner || sameFamily(h, owner)))
        problems.push(`driver name ${key} of ${holders.map((h) => h.id).join(', ')} is also ${owner.id}'s own name`);
      if (!holders.every((h) => sameFamily(h, holders[0])))
        problems.push(`driver name ${key} is shared outside one family: ${holders.map((h) => h.id).join(', ')}`);
    }
    const families = new Map<string, Gpu[]>();
    for (const gpu of gpus) if (gpu.family) families.set(gpu.family, [...(families.get(gpu.family) ?? []), gpu]);
    for (const [family, members] of families) {
      if (members.length < 2) problems.push(`family ${family} has one member (${members[0].id})`);
      if (new Set(members.map((m) => m.vendor)).size > 1) problems.push(`family ${family} mixes vendors`);
    }
    const byVendor: Record<string, number> = {};
    for (const gpu of gpus) byVendor[gpu.vendor] = (byVendor[gpu.vendor] ?? 0) + 1;
    return {
      problems,
      counts: {
        entries: gpus.length,
        ...byVendor,
        laptop: gpus.filter((g) => g.laptop).length,
        unified: gpus.filter((g) => g.unified || g.vendor === 'apple').length,
        'memory-variant families': families.size,
      },
    };
  },
};
