import * as assert from 'node:assert/strict';
import { checkGpuSetting } from '../../../server/src/engine/answer/gpuSettingCheck';
import { gpuChoices } from '../../../server/src/engine/answer/gpuChoices';
import { testCatalog } from '../../helpers/catalog';

const catalog = testCatalog();

describe('what runlocalai.gpu means', () => {
  it('names the catalog GPU a written name means, with a count written beside it', () => {
    const c = checkGpuSetting('2x RTX 3090', null, catalog);
    assert.equal(c.state, 'known');
    assert.equal(c.gpu, 'GeForce RTX 3090');
    assert.equal(c.count, 2);
    assert.equal(c.assumed, undefined, 'the RTX 3090 comes in one size');
  });

  it('says which memory variant it assumed when the name leaves the size open, and lists the variants', () => {
    const c = checkGpuSetting('RTX 4060 Ti', null, catalog);
    assert.equal(c.state, 'known');
    assert.ok(c.assumed, 'no variant said');
    assert.match(c.assumed.gpu, /4060 Ti 8GB/);
    assert.deepEqual(
      c.assumed.variants.map((v) => /(\d+)GB/.exec(v)?.[1]),
      ['8', '16'],
      `variants: ${c.assumed.variants.join(', ')}`,
    );
    assert.match(c.assumed.note, /8 and 16 GB/);
    assert.equal(checkGpuSetting('RTX 4060 Ti 16GB', null, catalog).assumed, undefined, 'a size written chooses');
  });

  it('calls a name nothing knows unknown and offers the nearest catalog names, each GPU once', () => {
    const c = checkGpuSetting('RTX 40600', null, catalog);
    assert.equal(c.state, 'unknown');
    assert.equal(c.suggestions[0], 'GeForce RTX 4060', `nearest: ${c.suggestions.join(', ')}`);
    const series = checkGpuSetting('GTX 4090', null, catalog);
    assert.equal(series.state, 'unknown');
    assert.ok(series.suggestions.includes('GeForce RTX 4090'), `nearest to GTX 4090: ${series.suggestions.join(', ')}`);
    assert.equal(new Set(c.suggestions).size, c.suggestions.length, 'a GPU suggested twice (name and alias)');
    const names = new Set(catalog.gpus.map((g) => g.name));
    for (const s of c.suggestions) assert.ok(names.has(s), `${s} is not a catalog name`);
  });

  it('keeps auto, none and a GPU sized by runlocalai.vramGB apart from an unknown name', () => {
    assert.equal(checkGpuSetting('auto', null, catalog).state, 'auto');
    assert.equal(checkGpuSetting('  ', null, catalog).state, 'auto');
    assert.equal(checkGpuSetting('None', null, catalog).state, 'none');
    assert.equal(checkGpuSetting('My Custom Card', 24, catalog).state, 'custom');
    assert.equal(checkGpuSetting('My Custom Card', null, catalog).state, 'unknown');
  });

  it('never echoes more than 80 characters of a hostile value', () => {
    const c = checkGpuSetting('x'.repeat(100_000), null, catalog);
    assert.equal(c.state, 'unknown');
    assert.ok(c.value.length <= 80);
  });

  it('offers every catalog GPU as a choice with its memory and bandwidth', () => {
    const choices = gpuChoices(catalog);
    assert.equal(choices.length, catalog.gpus.length);
    const r4090 = choices.find((c) => c.name === 'GeForce RTX 4090');
    assert.ok(r4090);
    assert.match(r4090.detail, /^24 GiB · 1008 GB\/s · NVIDIA$/);
  });
});
