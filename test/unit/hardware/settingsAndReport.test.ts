import * as assert from 'node:assert/strict';
import { describeHardware } from '../../../server/src/engine/hardware/describe';
import { hardwareFromSettings, resolveHardware } from '../../../server/src/engine/hardware/fromSettings';
import { hardwareFromSystemInformation } from '../../../server/src/engine/hardware/fromSystemInformation';
import { noHardwareYet, type Hardware } from '../../../server/src/engine/hardware/types';
import { GiB, MiB } from '../../../server/src/engine/types';
import { fixture, gpuCatalog, requireGpu } from './gpuCatalog';

const settings = (gpu: string, gpuCount = 1, vramGB: number | null = null) => ({ gpu, gpuCount, vramGB });
const detected = (name: string) => hardwareFromSystemInformation(fixture(name), gpuCatalog());

describe('hardware from settings', () => {
  it('auto leaves it to detection', () => {
    assert.equal(hardwareFromSettings(settings('auto'), gpuCatalog()), undefined);
    const hw = detected('nvidia-4070-ti-super');
    assert.equal(resolveHardware(settings('auto'), gpuCatalog(), hw), hw);
  });

  it('a catalog name with a count gives that many devices of its memory, keeping detected RAM', () => {
    const rtx3090 = requireGpu('rtx-3090');
    const hw = resolveHardware(settings('RTX 3090', 2), gpuCatalog(), detected('laptop-intel-nvidia'));
    assert.equal(hw.source, 'setting');
    assert.equal(hw.devices.length, 2);
    for (const d of hw.devices) {
      assert.equal(d.catalogId, rtx3090.id);
      assert.equal(d.totalBytes, rtx3090.memoryGiB * GiB);
      assert.equal(d.memorySource, 'catalog');
    }
    assert.equal(hw.ramBytes, 15734 * MiB);
    assert.match(hw.note ?? '', /runlocalai\.gpu/);
  });

  it('vramGB overrides the catalog memory of a set GPU and the detected memory under auto', () => {
    const set = hardwareFromSettings(settings('rtx-4090', 1, 20), gpuCatalog())!;
    assert.equal(set.devices[0].totalBytes, 20 * GiB);
    assert.equal(set.devices[0].memorySource, 'setting');
    const auto = resolveHardware(settings('auto', 1, 12), gpuCatalog(), detected('nvidia-4080-super-3060'));
    assert.deepEqual(
      auto.devices.map((d) => d.totalBytes),
      [12 * GiB, 12 * GiB],
    );
    assert.ok(
      auto.devices.every((d) => d.freeBytes === undefined),
      'a set size makes the driver free figure meaningless',
    );
    assert.equal(auto.source, 'setting');
  });

  it('vramGB under auto works before detection has answered', () => {
    const hw = resolveHardware(settings('auto', 2, 24), gpuCatalog(), noHardwareYet);
    assert.equal(hw.devices.length, 2);
    assert.equal(hw.devices[0].totalBytes, 24 * GiB);
  });

  it('none means CPU only', () => {
    const hw = resolveHardware(settings('none'), gpuCatalog(), detected('nvidia-4070-ti-super'));
    assert.deepEqual(hw.devices, []);
    assert.equal(hw.source, 'setting');
  });

  it('an Apple chip set by name uses the working-set share of this Mac or of its smallest configuration', () => {
    const m3max = requireGpu('apple-m3-max');
    const onThisMac = resolveHardware(settings('M3 Max'), gpuCatalog(), detected('apple-m3-max'));
    assert.equal(onThisMac.devices[0].totalBytes, 49152 * MiB);
    const elsewhere = resolveHardware(settings('M3 Max'), gpuCatalog(), detected('no-gpu'));
    // "M3 Max" without a size elsewhere is the smallest configuration of any M3 Max bin.
    const bins = gpuCatalog().gpus.filter((g) => g.family === m3max.family);
    assert.ok(bins.length > 1, 'the M3 Max comes in two GPU bins');
    const smallest = Math.min(...bins.flatMap((g) => g.unifiedMemoryOptionsGiB ?? [g.memoryGiB]));
    assert.ok(elsewhere.devices[0].totalBytes < smallest * GiB);
    assert.match(elsewhere.note ?? '', /assuming/);
    // The Mac's RAM, not this machine's, so that a split between GPU and CPU is judged for that Mac.
    assert.equal(elsewhere.ramBytes, smallest * GiB);
    assert.equal(onThisMac.ramBytes, detected('apple-m3-max').ramBytes);
  });

  it('an unknown name without vramGB falls back to detection and says why', () => {
    const hw = resolveHardware(settings('Voodoo 5 6000'), gpuCatalog(), detected('nvidia-4070-ti-super'));
    assert.equal(hw.source, 'detected');
    assert.equal(hw.devices.length, 1);
    assert.match(hw.note ?? '', /not a catalog GPU/);
    const withVram = resolveHardware(settings('Voodoo 5 6000', 1, 8), gpuCatalog(), noHardwareYet);
    assert.equal(withVram.devices[0].totalBytes, 8 * GiB);
    assert.equal(withVram.devices[0].vendor, 'unknown');
  });
});

describe('describeHardware', () => {
  it('summarizes for the status bar, saying detected or set', () => {
    assert.equal(describeHardware(detected('nvidia-4070-ti-super')).summary, 'RTX 4070 Ti SUPER 16 GiB (detected)');
    assert.equal(
      describeHardware(resolveHardware(settings('RTX 3090', 2), gpuCatalog(), noHardwareYet)).summary,
      '2× RTX 3090 24 GiB (set)',
    );
    assert.match(describeHardware(detected('nvidia-4080-super-3060')).summary, /4080 SUPER 16 GiB \+ RTX 3060 12 GiB \(detected\)/);
    assert.equal(describeHardware(detected('apple-m3-max')).summary, 'M3 Max 48 GiB usable (detected)');
    assert.equal(describeHardware(detected('no-gpu')).summary, 'CPU only (detected)');
    assert.equal(describeHardware(noHardwareYet).summary, 'Detecting hardware…');
    assert.equal(
      describeHardware({ devices: [], source: 'failed', note: 'hardware detection timed out after 10 s' }).summary,
      'Hardware: detection failed',
    );
  });

  it('reports devices, free memory, RAM, what was left out and how to override', () => {
    const md = describeHardware(detected('nvidia-4080-super-3060')).markdown;
    assert.match(md, /\| 14\.8 GiB \|/, 'free VRAM of the 4080 SUPER (15172 MiB)');
    assert.match(md, /runlocalai\.gpu/);
    assert.match(md, /runlocalai\.vramGB/);
    const laptop = describeHardware(detected('laptop-intel-nvidia')).markdown;
    assert.match(laptop, /Not used for verdicts/);
    assert.match(laptop, /UHD Graphics/);
    assert.match(laptop, /System RAM:\*\* 15\.4 GiB/);
    const amd = describeHardware(detected('amd-7900-lspci-only')).markdown;
    assert.match(amd, /could also be Radeon RX 7900 XTX/);
  });

  it('escapes names that come from drivers', () => {
    const hostile: Hardware = {
      devices: [{ name: 'Evil | [click](command:x) <img src=x>', vendor: 'unknown', totalBytes: 8 * GiB, unified: false }],
      source: 'detected',
    };
    const md = describeHardware(hostile).markdown;
    assert.ok(!md.includes('[click](command:x)'));
    assert.ok(!md.includes('<img'));
    assert.ok(md.includes('Evil \\| \\[click\\](command:x) &lt;img src=x&gt;'), md);
  });
});
