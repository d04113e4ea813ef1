import * as assert from 'node:assert/strict';
import { gpusCheck } from '../../../scripts/catalog-check/gpus';
import { quantizationsCheck } from '../../../scripts/catalog-check/quantizations';
import type { Catalog, Gpu } from '../../../server/src/engine/catalog/schema';
import { hardwareCatalog } from './ownCatalog';

const source = [{ title: 'a spec page', url: 'https://example.com/spec' }];
const gpu = (over: Partial<Gpu>): Gpu => ({
  id: 'x',
  name: 'X',
  vendor: 'nvidia',
  aliases: [],
  memoryGiB: 8,
  bandwidthGBs: 100,
  unified: false,
  laptop: false,
  sources: source,
  ...over,
});
const withGpus = (gpus: Gpu[]): Catalog => ({ ...hardwareCatalog(), gpus });

describe('catalog:check', () => {
  it('passes the real catalog and counts GPUs by vendor', () => {
    const { problems, counts } = gpusCheck.check(hardwareCatalog());
    assert.deepEqual(problems, []);
    assert.ok(Number(counts.entries) >= 120, `${counts.entries} GPUs`);
    for (const vendor of ['nvidia', 'amd', 'intel', 'apple']) assert.ok(Number(counts[vendor]) > 0, vendor);
  });

  it('rejects two GPUs with one name after normalisation, and driver names shared outside a family', () => {
    const a = gpu({ id: 'card-a', name: 'GeForce RTX 9999', aliases: ['RTX 9999'] });
    const b = gpu({ id: 'card-b', name: 'NVIDIA GeForce RTX  9999', memoryGiB: 16 });
    assert.ok(gpusCheck.check(withGpus([a, b])).problems.some((p) => /names both card-a and card-b/.test(p)));
    const c = gpu({ id: 'card-c', name: 'RTX 9999 8GB', driverNames: ['RTX 9999'] });
    const d = gpu({ id: 'card-d', name: 'RTX 9999 16GB', memoryGiB: 16, driverNames: ['RTX 9999'] });
    assert.ok(gpusCheck.check(withGpus([c, d])).problems.some((p) => /shared outside one family/.test(p)));
    const family = gpusCheck.check(withGpus([{ ...c, family: 'rtx-9999' }, { ...d, family: 'rtx-9999' }]));
    assert.deepEqual(family.problems, []);
  });

  it('rejects a GPU without a source or a unified part without its configurations', () => {
    const problems = gpusCheck.check(withGpus([gpu({ id: 'nosrc', sources: [] }), gpu({ id: 'soc', name: 'Some SoC', unified: true })])).problems;
    assert.ok(problems.some((p) => /nosrc: no source/.test(p)));
    assert.ok(problems.some((p) => /soc: a unified-memory part needs its configurations/.test(p)));
  });

  it('checks quantization blocks against the ggml base type and the file-size table against its bounds', () => {
    const real = quantizationsCheck.check(hardwareCatalog());
    assert.deepEqual(real.problems, []);
    assert.ok(Number(real.counts['file-size rows']) >= 60);
    const q4 = hardwareCatalog().quantizations.find((q) => q.id === 'Q4_K_M')!;
    const wrong = { ...hardwareCatalog(), quantizations: [...hardwareCatalog().quantizations.filter((q) => q !== q4), { ...q4, blockBytes: 150 }] };
    assert.ok(quantizationsCheck.check(wrong).problems.some((p) => /Q4_K_M: block 150\/256 is not Q4_K_M's base type/.test(p)));
  });
});
