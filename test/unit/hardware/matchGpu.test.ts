import * as assert from 'node:assert/strict';
import { appleGpuWorkingSetBytes } from '../../../server/src/engine/hardware/appleWorkingSet';
import { isLaptopName, looseMatchGpu, matchGpu, reportedNames } from '../../../server/src/engine/hardware/matchGpu';
import { GiB, MiB } from '../../../server/src/engine/types';
import { gpuCatalog, requireGpu } from './gpuCatalog';

const match = (name: string, vramMiB?: number) => matchGpu(name, vramMiB === undefined ? undefined : vramMiB * MiB, gpuCatalog());

describe('matchGpu', () => {
  it('reads NVIDIA names as nvidia-smi and Windows print them', () => {
    assert.equal(match('NVIDIA GeForce RTX 4070 Ti SUPER')?.gpu.id, requireGpu('rtx-4070-ti-super').id);
    assert.equal(match('NVIDIA GeForce RTX 4090')?.gpu.id, requireGpu('rtx-4090').id);
  });

  it('never takes a card for its smaller sibling: 4070 is not 4070 Ti SUPER, and the reverse', () => {
    const rtx4070 = requireGpu('rtx-4070');
    assert.equal(match('NVIDIA GeForce RTX 4070')?.gpu.id, rtx4070.id);
    assert.notEqual(match('NVIDIA GeForce RTX 4070 Ti')?.gpu.id, rtx4070.id);
    assert.notEqual(match('NVIDIA GeForce RTX 4080 SUPER')?.gpu.id, requireGpu('rtx-4080').id);
  });

  it('tells the H100 SXM from the PCIe card by what nvidia-smi prints', () => {
    assert.equal(match('NVIDIA H100 80GB HBM3', 81559)?.gpu.id, requireGpu('h100-sxm5-80gb').id);
    assert.equal(match('NVIDIA H100 PCIe', 81559)?.gpu.id, requireGpu('h100-pcie-80gb').id);
  });

  it('does not take a card of another memory size for the one the name states', () => {
    assert.equal(match('NVIDIA A100-SXM4-80GB')?.gpu.id, requireGpu('a100-sxm4-80gb').id);
    assert.equal(match('NVIDIA A100-SXM4-40GB')?.gpu.id, requireGpu('a100-sxm4-40gb').id);
    assert.equal(match('NVIDIA A100-SXM4-64GB'), undefined);
  });

  it('splits lspci alternatives and decides by VRAM when the driver gives it', () => {
    const xt = requireGpu('rx-7900-xt');
    const xtx = requireGpu('rx-7900-xtx');
    assert.deepEqual(reportedNames('Navi 31 [Radeon RX 7900 XT/7900 XTX]'), ['Radeon RX 7900 XT', 'Radeon RX 7900 XTX']);
    const bySize = match('Navi 31 [Radeon RX 7900 XT/7900 XTX]', xtx.memoryGiB * 1024 - 16);
    assert.equal(bySize?.gpu.id, xtx.id);
    assert.equal(bySize?.ambiguous, false);
    const unknown = match('Navi 31 [Radeon RX 7900 XT/7900 XTX]');
    assert.equal(unknown?.gpu.id, xt.memoryGiB < xtx.memoryGiB ? xt.id : xtx.id);
    assert.equal(unknown?.ambiguous, true);
  });

  it('reads Windows and OpenCL names for AMD and Intel', () => {
    assert.equal(match('AMD Radeon RX 7900 XTX')?.gpu.id, requireGpu('rx-7900-xtx').id);
    assert.equal(match('AMD Radeon RX 7900 XT')?.gpu.id, requireGpu('rx-7900-xt').id);
    assert.equal(match('Intel(R) Arc(TM) A770 Graphics', 16256)?.gpu.id, requireGpu('arc-a770-16gb').id);
    assert.equal(match('DG2 [Arc A770]')?.gpu.id, requireGpu('arc-a770-8gb').id);
    assert.equal(match('DG2 [Arc A770]')?.sizeAssumed, true);
  });

  it('matches Apple chips by tier: M3 Max is not M3', () => {
    // Without RAM the smaller bin; with a 64 GB Mac's RAM, the bin sold with 64 GB.
    assert.equal(match('Apple M3 Max')?.gpu.id, requireGpu('apple-m3-max-30c').id);
    assert.equal(match('Apple M3 Max', 64 * 1024)?.gpu.id, requireGpu('apple-m3-max').id);
    assert.equal(match('Apple M2 Pro')?.gpu.id, requireGpu('apple-m2-pro').id);
    assert.equal(match('Apple M7 Ultra'), undefined);
  });

  it('keeps laptop and desktop parts apart', () => {
    const laptop4090 = requireGpu('rtx-4090-laptop');
    assert.equal(isLaptopName('AD107M [GeForce RTX 4060 Max-Q / Mobile]'), true);
    assert.equal(isLaptopName('NVIDIA GeForce RTX 4060 Laptop GPU'), true);
    assert.equal(isLaptopName('NVIDIA GeForce RTX 4060'), false);
    assert.equal(match('NVIDIA GeForce RTX 4090 Laptop GPU')?.gpu.id, laptop4090.id);
    assert.equal(match('NVIDIA GeForce RTX 4090')?.gpu.id, requireGpu('rtx-4090').id);
    const mobile = match('AD107M [GeForce RTX 4060 Max-Q / Mobile]');
    assert.notEqual(mobile?.gpu.id, requireGpu('rtx-4060').id);
  });

  it('finds nothing for chips that are no card and for unknown cards', () => {
    assert.equal(match('AMD Radeon(TM) Graphics'), undefined);
    assert.equal(match('ASPEED Graphics Family'), undefined);
    assert.equal(match(''), undefined);
  });

  it('takes what people type in settings', () => {
    assert.equal(looseMatchGpu('4090', gpuCatalog())?.gpu.id, requireGpu('rtx-4090').id);
    assert.equal(looseMatchGpu('rx 7900 xtx', gpuCatalog())?.gpu.id, requireGpu('rx-7900-xtx').id);
    assert.equal(looseMatchGpu('rtx-3090', gpuCatalog())?.gpu.id, requireGpu('rtx-3090').id);
    assert.equal(looseMatchGpu('M3 Max', gpuCatalog())?.gpu.id, requireGpu('apple-m3-max-30c').id);
    assert.equal(looseMatchGpu('M3 Max 128GB', gpuCatalog())?.gpu.id, requireGpu('apple-m3-max').id);
    assert.notEqual(looseMatchGpu('4070', gpuCatalog())?.gpu.id, requireGpu('rtx-4070-ti-super').id);
  });
});

describe('Apple GPU working set', () => {
  it('matches what Metal reported on 8, 16, 32 and 64 GiB Macs', () => {
    // Values printed by llama.cpp's ggml_metal_init, cited in appleWorkingSet.ts.
    assert.equal(Math.round(appleGpuWorkingSetBytes(8 * GiB) / MiB), 5461);
    assert.equal(Math.round(appleGpuWorkingSetBytes(16 * GiB) / MiB), 10922);
    assert.equal(Math.round(appleGpuWorkingSetBytes(32 * GiB) / MiB), 21845);
    assert.equal(appleGpuWorkingSetBytes(64 * GiB), 49152 * MiB);
    assert.equal(appleGpuWorkingSetBytes(0), 0);
  });
});
