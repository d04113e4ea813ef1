import * as assert from 'node:assert/strict';
import type { MemoryEstimate } from '../../../server/src/engine/estimate/types';
import { memoryPicture, offloadLine } from '../../../server/src/engine/render/estimateText';
import { GiB } from '../../../server/src/engine/types';

function estimate(parts: [MemoryEstimate['parts'][number]['name'], number][], usableGiB: number): MemoryEstimate {
  const ps = parts.map(([name, gib]) => ({ name, bytes: gib * GiB, formula: '', inputs: {} }));
  const total = ps.reduce((s, p) => s + p.bytes, 0);
  return {
    weightsBytes: 0,
    kvCacheBytes: 0,
    computeBytes: 0,
    overheadBytes: 0,
    totalBytes: total,
    usableBytes: usableGiB * GiB,
    verdict: 'fits',
    gpuLayers: 0,
    totalLayers: 0,
    parts: ps,
  };
}

describe('memoryPicture', () => {
  it('draws each part in proportion and marks where usable memory ends', () => {
    const pic = memoryPicture(
      estimate(
        [
          ['weights', 18],
          ['kvCache', 6],
        ],
        48,
      ),
    );
    const bar = /need \|(.*)\|/.exec(pic)![1];
    assert.equal(bar.length, 48);
    assert.equal([...bar].filter((c) => c === '█').length, 18);
    assert.equal([...bar].filter((c) => c === '▓').length, 6);
    const ruler = pic.split('\n')[2];
    assert.equal(ruler.indexOf('▲'), 6 + 48);
  });

  it('puts the usable marker inside the bar when the need exceeds it', () => {
    const pic = memoryPicture(
      estimate(
        [
          ['weights', 40],
          ['kvCache', 8],
        ],
        12,
      ),
    );
    const ruler = pic.split('\n')[2];
    assert.equal(ruler.indexOf('▲'), 6 + 12);
    assert.match(pic, /usable 12\.0 GiB/);
  });
});

describe('offloadLine', () => {
  const partial = (over: Partial<MemoryEstimate>): MemoryEstimate => ({
    ...estimate([['weights', 20]], 12),
    verdict: 'partial-offload',
    totalLayers: 32,
    ...over,
  });

  it('counts the layers left on the CPU', () => {
    assert.equal(offloadLine(partial({ gpuLayers: 20 })), '20 of 32 layers on the GPU, the other 12 on the CPU');
  });

  it('says a MoE model keeps every layer on the GPU and its experts in RAM, never "32 of 32 layers; the rest on the CPU"', () => {
    assert.equal(offloadLine(partial({ gpuLayers: 32, expertsOnCpu: true })), 'All 32 layers on the GPU, the MoE experts in system RAM');
    assert.equal(
      offloadLine(partial({ gpuLayers: 32, cpuMoeLayers: 28 })),
      'All 32 layers on the GPU, the experts of 28 of 32 layers in system RAM',
    );
    assert.equal(
      offloadLine(partial({ gpuLayers: 30, expertsOnCpu: true })),
      '30 of 32 layers on the GPU, the other 2 on the CPU; the MoE experts in system RAM',
    );
  });

  it('says nothing when the model fits', () => {
    assert.equal(offloadLine({ ...partial({ gpuLayers: 32 }), verdict: 'fits' }), undefined);
  });
});
