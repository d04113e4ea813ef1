import * as assert from 'node:assert/strict';
import { matchGpu } from '../../../server/src/engine/hardware/matchGpu';
import { GiB } from '../../../server/src/engine/types';
import { hardwareCatalog } from './ownCatalog';

/** Spelling differences drivers and people introduce that do not change which card is meant. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/\((r|tm)\)|[®™]/g, '').replace(/\s+/g, ' ').trim();
}

describe('catalog GPUs', () => {
  const gpus = hardwareCatalog().gpus;

  it('covers the cards people ask about', () => {
    const ids = new Set(gpus.map((g) => g.id));
    for (const id of ['rtx-3060-12gb', 'rtx-4090', 'rtx-4090-laptop', 'rtx-5090', 'h100-sxm5-80gb', 'rx-7900-xtx', 'arc-a770-16gb', 'arc-b580', 'apple-m4-max']) {
      assert.ok(ids.has(id), `missing ${id}`);
    }
    assert.ok(gpus.length >= 20, `only ${gpus.length} GPUs`);
  });

  it('no name or alias belongs to two GPUs', () => {
    const owners = new Map<string, string>();
    for (const g of gpus) {
      for (const n of new Set([g.name, ...g.aliases].map(normalize))) {
        const other = owners.get(n);
        assert.ok(other === undefined, `"${n}" names both ${other} and ${g.id}`);
        owners.set(n, g.id);
      }
    }
  });

  it('every name and alias resolves to its own GPU, with or without a reported VRAM', () => {
    for (const g of gpus) {
      for (const n of [g.name, ...g.aliases]) {
        const withVram = matchGpu(n, g.memoryGiB * GiB, gpus);
        assert.equal(withVram?.gpu.id, g.id, `"${n}" with ${g.memoryGiB} GiB resolved to ${withVram?.gpu.id}`);
        const bare = matchGpu(n, undefined, gpus);
        assert.equal(bare?.gpu.id, g.id, `"${n}" resolved to ${bare?.gpu.id}`);
        assert.equal(bare?.ambiguous, false, `"${n}" is ambiguous between ${[g.id, ...(bare?.alternatives ?? []).map((a) => a.id)].join(', ')}`);
      }
    }
  });

  it('laptop parts are marked and named as such', () => {
    for (const g of gpus) {
      const saysLaptop = /laptop/i.test(g.name);
      assert.equal(g.laptop, saysLaptop, `${g.id}: laptop flag disagrees with its name`);
    }
  });

  it('unified-memory parts list their configurations, the largest being memoryGiB', () => {
    for (const g of gpus) {
      if (g.vendor === 'apple') assert.ok(g.unified, `${g.id}: Apple GPUs share system memory`);
      if (g.unifiedMemoryOptionsGiB) {
        assert.ok(g.unified, `${g.id}: memory options only make sense for unified memory`);
        assert.equal(Math.max(...g.unifiedMemoryOptionsGiB), g.memoryGiB, `${g.id}: memoryGiB is not the largest option`);
      }
    }
  });

  it('bandwidth is plausible for the memory type', () => {
    // Catches a GB/s figure typed as TB/s or with a digit dropped.
    for (const g of gpus) {
      assert.ok(g.bandwidthGBs >= 50 && g.bandwidthGBs <= 10_000, `${g.id}: ${g.bandwidthGBs} GB/s`);
      if (g.memoryType?.startsWith('HBM')) assert.ok(g.bandwidthGBs >= 700, `${g.id}: HBM below 700 GB/s`);
      if (g.memoryType === 'GDDR6' || g.memoryType === 'GDDR6X') assert.ok(g.bandwidthGBs <= 1200, `${g.id}: GDDR6 above 1.2 TB/s`);
    }
  });
});
