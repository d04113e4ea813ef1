import * as assert from 'node:assert/strict';
import { resolveHardware } from '../../server/src/engine/hardware';
import { GiB } from '../../server/src/engine/types';
import { defaultSettings, sanitizeSettings } from '../../server/src/protocol';
import { testCatalog } from '../helpers/catalog';

describe('settings', () => {
  it('turns junk into defaults, field by field', () => {
    assert.deepEqual(sanitizeSettings(undefined), defaultSettings);
    assert.deepEqual(sanitizeSettings('RTX 4090'), defaultSettings);
    assert.deepEqual(sanitizeSettings({ gpu: '  ', gpuCount: 1.5, vramGB: -4, ramGB: 'lots' }), defaultSettings);
    assert.deepEqual(sanitizeSettings({ gpu: ' RTX 4090 ', gpuCount: 2, vramGB: 20, ramGB: 64 }), {
      ...defaultSettings,
      gpu: 'RTX 4090',
      gpuCount: 2,
      vramGB: 20,
      ramGB: 64,
      ramBasis: 'total',
    });
    assert.equal(sanitizeSettings({ vramGB: Infinity }).vramGB, null);
  });

  it('applies runlocalai.ramGB over the detected RAM, for set and detected GPUs alike', () => {
    const detected = { devices: [], source: 'detected' as const, ramBytes: 24 * GiB };
    const set = resolveHardware({ ...defaultSettings, gpu: 'RTX 4090', ramGB: 128 }, testCatalog(), detected);
    assert.equal(set.ramBytes, 128 * GiB);
    assert.equal(set.devices.length, 1);
    const auto = resolveHardware({ ...defaultSettings, ramGB: 8 }, testCatalog(), detected);
    assert.equal(auto.ramBytes, 8 * GiB);
    assert.equal(resolveHardware(defaultSettings, testCatalog(), detected).ramBytes, 24 * GiB);
  });

  it('judges a Mac named in settings by its memory, not by the free RAM of this machine', () => {
    const linux = { devices: [], source: 'detected' as const, ramBytes: 64 * GiB, freeRamBytes: 60 * GiB, platform: 'linux' };
    const m4pro = resolveHardware({ ...defaultSettings, gpu: 'Apple M4 Pro', ramGB: 24 }, testCatalog(), linux);
    assert.equal(m4pro.ramBytes, 24 * GiB);
    assert.equal(m4pro.freeRamBytes, undefined);
    assert.ok(
      m4pro.devices[0].totalBytes < 24 * GiB && m4pro.devices[0].totalBytes >= 16 * GiB,
      `GPU share ${m4pro.devices[0].totalBytes / GiB} GiB of a 24 GiB Mac`,
    );
    assert.doesNotMatch(m4pro.note ?? '', /assuming/);
  });
});
