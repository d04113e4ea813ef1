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
    assert.deepEqual(sanitizeSettings({ gpu: ' RTX 4090 ', gpuCount: 2, vramGB: 20, ramGB: 64 }), { gpu: 'RTX 4090', gpuCount: 2, vramGB: 20, ramGB: 64 });
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
});
