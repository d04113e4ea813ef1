import * as assert from 'node:assert/strict';
import { hardwareFromSystemInformation } from '../../../server/src/engine/hardware/fromSystemInformation';
import { GiB, MiB } from '../../../server/src/engine/types';
import { fixture, gpuCatalog, requireGpu } from './gpuCatalog';

const detect = (name: string) => hardwareFromSystemInformation(fixture(name), gpuCatalog());

describe('hardware from systeminformation fixtures', () => {
  it('one NVIDIA card: matched by nvidia-smi name, memory as nvidia-smi reports it', () => {
    const gpu = requireGpu('rtx-4070-ti-super');
    const hw = detect('nvidia-4070-ti-super');
    assert.equal(hw.source, 'detected');
    assert.equal(hw.devices.length, 1);
    const [d] = hw.devices;
    assert.equal(d.catalogId, gpu.id);
    assert.equal(d.vendor, 'nvidia');
    assert.equal(d.totalBytes, 16376 * MiB);
    assert.equal(d.memorySource, 'driver');
    assert.equal(d.bandwidthGBs, gpu.bandwidthGBs);
    assert.equal(d.freeBytes, undefined, 'nvidia-smi printed [N/A] for memory.free');
    assert.equal(d.unified, false);
  });

  it('an NVIDIA card without nvidia-smi (nouveau): named by lspci, memory from the catalog, not the PCI aperture', () => {
    const gpu = requireGpu('rtx-4070-ti-super');
    const raw = fixture('nvidia-4070-ti-super');
    const c = raw.graphics.controllers[0];
    delete c.name;
    delete c.memoryTotal;
    c.vram = 256;
    const [d] = hardwareFromSystemInformation(raw, gpuCatalog()).devices;
    assert.equal(d.catalogId, gpu.id);
    assert.equal(d.totalBytes, gpu.memoryGiB * GiB);
    assert.equal(d.memorySource, 'catalog');
  });

  it('two different NVIDIA cards stay two devices, each with its own memory and free memory', () => {
    const rtx3060 = requireGpu('rtx-3060-12gb');
    const rtx4080 = requireGpu('rtx-4080');
    const hw = detect('nvidia-4080-super-3060');
    assert.equal(hw.devices.length, 2);
    const [a, b] = hw.devices;
    assert.equal(a.totalBytes, 16376 * MiB);
    assert.equal(a.freeBytes, 15172 * MiB);
    assert.match(a.name, /4080 SUPER/);
    // A 4080 SUPER is not a 4080: when the catalog lacks it, the card still works from the driver's figure.
    assert.notEqual(a.catalogId, rtx4080.id);
    if (a.catalogId) assert.match(requireGpu(a.catalogId).name, /SUPER/);
    assert.equal(b.catalogId, rtx3060.id);
    assert.equal(b.totalBytes, 12288 * MiB);
    assert.equal(b.freeBytes, 1278 * MiB);
    assert.notEqual(a.totalBytes + b.totalBytes, a.totalBytes, 'cards are not summed into one device');
  });

  it('an AMD card named only by lspci: both 7900 cards considered, the smaller chosen, VRAM from the catalog not the 256 MiB aperture', () => {
    const xt = requireGpu('rx-7900-xt');
    const xtx = requireGpu('rx-7900-xtx');
    const raw = fixture('amd-7900-lspci-only');
    assert.equal(raw.graphics.controllers[0].vram, 256, 'the fixture carries the PCI aperture as vram');
    const hw = hardwareFromSystemInformation(raw, gpuCatalog());
    assert.equal(hw.devices.length, 1);
    const [d] = hw.devices;
    assert.equal(d.vendor, 'amd');
    assert.equal(d.catalogId, xt.memoryGiB <= xtx.memoryGiB ? xt.id : xtx.id);
    assert.equal(d.totalBytes, Math.min(xt.memoryGiB, xtx.memoryGiB) * GiB);
    assert.equal(d.memorySource, 'catalog');
    assert.deepEqual(d.alsoPossible, [xt.memoryGiB <= xtx.memoryGiB ? xtx.name : xt.name]);
    assert.match(hw.note ?? '', /runlocalai\.(gpu|vramGB)/);
  });

  it('the same AMD card with a driver VRAM figure (OpenCL) is told apart', () => {
    const xtx = requireGpu('rx-7900-xtx');
    const raw = fixture('amd-7900-lspci-only');
    // 24560 MiB is what amdgpu reports for a 7900 XTX (LACT, ilya-zlobintsev/LACT#533).
    raw.graphics.controllers[0].vram = 24560;
    const [d] = hardwareFromSystemInformation(raw, gpuCatalog()).devices;
    assert.equal(d.catalogId, xtx.id);
    assert.equal(d.totalBytes, 24560 * MiB);
    assert.equal(d.alsoPossible, undefined);
  });

  it('an Intel Arc card from lspci: discrete, catalog memory instead of the 16 GiB BAR, the smaller A770 when nothing says which', () => {
    const arc = requireGpu('arc-a770-8gb');
    const hw = detect('intel-arc-a770');
    assert.equal(hw.devices.length, 1);
    const [d] = hw.devices;
    assert.equal(d.catalogId, arc.id);
    assert.equal(d.vendor, 'intel');
    assert.notEqual(d.integrated, true);
    assert.equal(d.totalBytes, arc.memoryGiB * GiB);
    assert.equal(d.memorySource, 'catalog');
    assert.deepEqual(d.alsoPossible, [requireGpu('arc-a770-16gb').name]);
  });

  it('Apple M-series: unified memory limited to the GPU working set, not all of RAM', () => {
    const m3max = requireGpu('apple-m3-max');
    const raw = fixture('apple-m3-max');
    const hw = hardwareFromSystemInformation(raw, gpuCatalog());
    assert.equal(hw.devices.length, 1);
    const [d] = hw.devices;
    assert.equal(d.catalogId, m3max.id);
    assert.equal(d.unified, true);
    assert.equal(hw.ramBytes, 64 * GiB);
    // 64 GiB Macs report 49152 MiB (ggml-org/llama.cpp#1870).
    assert.equal(d.totalBytes, 49152 * MiB);
    assert.ok(d.totalBytes < hw.ramBytes!);
    assert.equal(d.memorySource, 'unified-limit');
    assert.equal(d.bandwidthGBs, m3max.bandwidthGBs);
    assert.match(hw.note ?? '', /48 of 64 GiB unified memory/);
  });

  it('a laptop with integrated and discrete GPUs: the discrete laptop GPU is used, never matched to the desktop card', () => {
    const desktop4060 = requireGpu('rtx-4060');
    const hw = detect('laptop-intel-nvidia');
    assert.equal(hw.devices.length, 1);
    const [d] = hw.devices;
    assert.equal(d.vendor, 'nvidia');
    assert.equal(d.laptop, true);
    assert.notEqual(d.catalogId, desktop4060.id);
    if (d.catalogId) assert.equal(requireGpu(d.catalogId).laptop, true);
    assert.equal(d.totalBytes, 8188 * MiB);
    assert.equal(hw.ignoredDevices?.length, 1);
    const ignored = hw.ignoredDevices![0];
    assert.equal(ignored.device.integrated, true);
    assert.equal(ignored.device.vendor, 'intel');
    assert.match(ignored.reason, /integrated/);
    assert.equal(hw.ramBytes, 15734 * MiB);
  });

  it('an integrated GPU alone is kept, flagged integrated and unified', () => {
    const raw = fixture('laptop-intel-nvidia');
    raw.graphics.controllers = raw.graphics.controllers.filter((c) => /Intel/.test(c.vendor ?? ''));
    const hw = hardwareFromSystemInformation(raw, gpuCatalog());
    assert.equal(hw.devices.length, 1);
    assert.equal(hw.devices[0].integrated, true);
    assert.equal(hw.devices[0].unified, true);
  });

  it('a server: the BMC display chip is left out, each H100 is its own device matched to the SXM board', () => {
    const sxm = requireGpu('h100-sxm5-80gb');
    const hw = detect('server-2x-h100');
    assert.equal(hw.devices.length, 2);
    for (const d of hw.devices) {
      assert.equal(d.catalogId, sxm.id);
      assert.equal(d.totalBytes, 81559 * MiB);
    }
    assert.equal(hw.ignoredDevices?.length, 1);
    assert.match(hw.ignoredDevices![0].device.name, /ASPEED/);
  });

  it('no GPU: CPU only, said so', () => {
    const hw = detect('no-gpu');
    assert.equal(hw.source, 'detected');
    assert.deepEqual(hw.devices, []);
    assert.match(hw.note ?? '', /CPU only/);
  });
});
