import * as assert from 'node:assert/strict';
import { hardwareFromSettings } from '../../../server/src/engine/hardware/fromSettings';
import { looseMatchGpu, matchGpu } from '../../../server/src/engine/hardware/matchGpu';
import { MiB } from '../../../server/src/engine/types';
import { gpuCatalog, requireGpu } from './gpuCatalog';

/**
 * Names as drivers report them (nvidia-smi, rocm-smi, lspci, Windows, macOS system_profiler) and as
 * people write them, with the catalog GPU each must resolve to, or null for "no GPU of the catalog".
 * `vram` is what the driver reported, in MiB, where the driver reports it.
 */
const DRIVER_NAMES: [name: string, id: string | null, vram?: number][] = [
  // nvidia-smi --query-gpu=name (and Windows' adapter name): GeForce desktop
  ['NVIDIA GeForce RTX 2060', 'rtx-2060'],
  ['NVIDIA GeForce RTX 2060', 'rtx-2060-12gb', 12288],
  ['NVIDIA GeForce RTX 2060 SUPER', 'rtx-2060-super'],
  ['NVIDIA GeForce RTX 2080', 'rtx-2080'],
  ['NVIDIA GeForce RTX 2080 Ti', 'rtx-2080-ti'],
  ['NVIDIA GeForce RTX 3050', 'rtx-3050-6gb'],
  ['NVIDIA GeForce RTX 3050', 'rtx-3050-8gb', 8192],
  ['NVIDIA GeForce RTX 3060', 'rtx-3060-8gb'],
  ['NVIDIA GeForce RTX 3060', 'rtx-3060-12gb', 12288],
  ['NVIDIA GeForce RTX 3060', 'rtx-3060-8gb', 8192],
  ['NVIDIA GeForce RTX 3060 Ti', 'rtx-3060-ti'],
  ['NVIDIA GeForce RTX 3070', 'rtx-3070'],
  ['NVIDIA GeForce RTX 3070 Ti', 'rtx-3070-ti'],
  ['NVIDIA GeForce RTX 3080', 'rtx-3080'],
  ['NVIDIA GeForce RTX 3080', 'rtx-3080-12gb', 12288],
  ['NVIDIA GeForce RTX 3080 Ti', 'rtx-3080-ti'],
  ['NVIDIA GeForce RTX 3090', 'rtx-3090', 24576],
  ['NVIDIA GeForce RTX 3090 Ti', 'rtx-3090-ti'],
  ['NVIDIA GeForce RTX 4060', 'rtx-4060'],
  ['NVIDIA GeForce RTX 4060 Ti', 'rtx-4060-ti-8gb'],
  ['NVIDIA GeForce RTX 4060 Ti', 'rtx-4060-ti-16gb', 16380],
  ['NVIDIA GeForce RTX 4070', 'rtx-4070'],
  ['NVIDIA GeForce RTX 4070 SUPER', 'rtx-4070-super'],
  ['NVIDIA GeForce RTX 4070 Ti', 'rtx-4070-ti'],
  ['NVIDIA GeForce RTX 4070 Ti SUPER', 'rtx-4070-ti-super'],
  ['NVIDIA GeForce RTX 4080', 'rtx-4080'],
  ['NVIDIA GeForce RTX 4080 SUPER', 'rtx-4080-super'],
  ['NVIDIA GeForce RTX 4090', 'rtx-4090', 24564],
  ['NVIDIA GeForce RTX 5050', 'rtx-5050'],
  ['NVIDIA GeForce RTX 5060', 'rtx-5060'],
  ['NVIDIA GeForce RTX 5060 Ti', 'rtx-5060-ti-8gb'],
  ['NVIDIA GeForce RTX 5060 Ti', 'rtx-5060-ti-16gb', 16311],
  ['NVIDIA GeForce RTX 5070', 'rtx-5070'],
  ['NVIDIA GeForce RTX 5070 Ti', 'rtx-5070-ti'],
  ['NVIDIA GeForce RTX 5080', 'rtx-5080'],
  ['NVIDIA GeForce RTX 5090', 'rtx-5090', 32607],
  // laptops: nvidia-smi says "Laptop GPU", lspci "Max-Q / Mobile"
  ['NVIDIA GeForce RTX 3050 Laptop GPU', 'rtx-3050-laptop'],
  ['NVIDIA GeForce RTX 3050 Ti Laptop GPU', 'rtx-3050-ti-laptop'],
  ['NVIDIA GeForce RTX 3060 Laptop GPU', 'rtx-3060-laptop'],
  ['NVIDIA GeForce RTX 3070 Laptop GPU', 'rtx-3070-laptop'],
  ['NVIDIA GeForce RTX 3070 Ti Laptop GPU', 'rtx-3070-ti-laptop'],
  ['NVIDIA GeForce RTX 3080 Laptop GPU', 'rtx-3080-laptop-8gb'],
  ['NVIDIA GeForce RTX 3080 Laptop GPU', 'rtx-3080-laptop-16gb', 16384],
  ['NVIDIA GeForce RTX 3080 Ti Laptop GPU', 'rtx-3080-ti-laptop'],
  ['NVIDIA GeForce RTX 4050 Laptop GPU', 'rtx-4050-laptop'],
  ['NVIDIA GeForce RTX 4060 Laptop GPU', 'rtx-4060-laptop'],
  ['AD107M [GeForce RTX 4060 Max-Q / Mobile]', 'rtx-4060-laptop'],
  ['NVIDIA GeForce RTX 4070 Laptop GPU', 'rtx-4070-laptop'],
  ['NVIDIA GeForce RTX 4080 Laptop GPU', 'rtx-4080-laptop'],
  ['NVIDIA GeForce RTX 4090 Laptop GPU', 'rtx-4090-laptop'],
  ['NVIDIA GeForce RTX 5050 Laptop GPU', 'rtx-5050-laptop'],
  ['NVIDIA GeForce RTX 5060 Laptop GPU', 'rtx-5060-laptop'],
  ['NVIDIA GeForce RTX 5070 Laptop GPU', 'rtx-5070-laptop'],
  ['NVIDIA GeForce RTX 5070 Ti Laptop GPU', 'rtx-5070-ti-laptop'],
  ['NVIDIA GeForce RTX 5080 Laptop GPU', 'rtx-5080-laptop'],
  ['NVIDIA GeForce RTX 5090 Laptop GPU', 'rtx-5090-laptop'],
  // lspci
  ['TU102 [GeForce RTX 2080 Ti] (rev a1)', 'rtx-2080-ti'],
  ['GA102 [GeForce RTX 3090] (rev a1)', 'rtx-3090'],
  ['AD102 [GeForce RTX 4090]', 'rtx-4090'],
  ['Navi 31 [Radeon RX 7900 XT/7900 XTX]', 'rx-7900-xt'],
  ['Navi 31 [Radeon RX 7900 XT/7900 XTX] (rev c8)', 'rx-7900-xtx', 24560],
  ['Navi 48 [Radeon RX 9070 XT]', 'rx-9070-xt'],
  ['DG2 [Arc A770]', 'arc-a770-8gb'],
  ['Aldebaran/MI200 [Instinct MI250X/MI250]', 'mi250x'],
  // workstation
  ['NVIDIA RTX A2000', 'rtx-a2000'],
  ['NVIDIA RTX A4000', 'rtx-a4000'],
  ['NVIDIA RTX A4500', 'rtx-a4500'],
  ['NVIDIA RTX A6000', 'rtx-a6000', 49140],
  ['NVIDIA RTX 2000 Ada Generation', 'rtx-2000-ada'],
  ['NVIDIA RTX 4000 Ada Generation', 'rtx-4000-ada'],
  ['NVIDIA RTX 5000 Ada Generation', 'rtx-5000-ada'],
  ['NVIDIA RTX 6000 Ada Generation', 'rtx-6000-ada'],
  ['NVIDIA RTX PRO 6000 Blackwell Workstation Edition', 'rtx-pro-6000-blackwell'],
  ['Quadro RTX 6000', null],
  // datacenter, as nvidia-smi names them
  ['Tesla T4', 't4'],
  ['Tesla V100-PCIE-16GB', 'v100-pcie-16gb'],
  ['Tesla V100-PCIE-32GB', 'v100-pcie-32gb'],
  ['Tesla V100-SXM2-16GB', 'v100-sxm2-16gb'],
  ['Tesla V100-SXM2-32GB', 'v100-sxm2-32gb'],
  ['NVIDIA A10', 'a10'],
  ['NVIDIA A40', 'a40'],
  ['NVIDIA L4', 'l4'],
  ['NVIDIA L40S', 'l40s'],
  ['NVIDIA A100-PCIE-40GB', 'a100-pcie-40gb'],
  ['NVIDIA A100 80GB PCIe', 'a100-pcie-80gb'],
  ['NVIDIA A100-SXM4-40GB', 'a100-sxm4-40gb'],
  ['NVIDIA A100-SXM4-80GB', 'a100-sxm4-80gb'],
  ['NVIDIA H100 PCIe', 'h100-pcie-80gb'],
  ['NVIDIA H100 80GB HBM3', 'h100-sxm5-80gb'],
  ['NVIDIA H100 NVL', 'h100-nvl'],
  ['NVIDIA H200', 'h200'],
  ['NVIDIA B200', 'b200'],
  ['NVIDIA GB10', 'gb10'],
  // AMD: rocm-smi --showproductname "Card series", Windows adapter names
  ['AMD Radeon RX 6600 XT', 'rx-6600-xt'],
  ['AMD Radeon RX 6700 XT', 'rx-6700-xt'],
  ['AMD Radeon RX 6800', 'rx-6800'],
  ['AMD Radeon RX 6800 XT', 'rx-6800-xt'],
  ['AMD Radeon RX 6900 XT', 'rx-6900-xt'],
  ['AMD Radeon RX 6950 XT', 'rx-6950-xt'],
  ['AMD Radeon RX 7600', 'rx-7600'],
  ['AMD Radeon RX 7600 XT', 'rx-7600-xt'],
  ['AMD Radeon RX 7700 XT', 'rx-7700-xt'],
  ['AMD Radeon RX 7800 XT', 'rx-7800-xt'],
  ['AMD Radeon RX 9060 XT', 'rx-9060-xt-8gb'],
  ['AMD Radeon RX 9060 XT', 'rx-9060-xt-16gb', 16304],
  ['AMD Radeon RX 9070', 'rx-9070'],
  ['AMD Radeon RX 9070 XT', 'rx-9070-xt'],
  ['AMD Radeon PRO W7900', 'radeon-pro-w7900'],
  ['AMD Instinct MI250X', 'mi250x'],
  ['AMD Instinct MI300A', 'mi300a'],
  ['AMD Instinct MI300X', 'mi300x'],
  ['AMD Instinct MI325X', 'mi325x'],
  ['AMD Instinct MI350X', 'mi350x'],
  ['AMD Instinct MI355X', 'mi355x'],
  ['AMD Radeon(TM) 8060S Graphics', 'ryzen-ai-max-plus-395'],
  ['AMD Radeon(TM) Graphics', null],
  // Intel
  ['Intel(R) Arc(TM) A310 Graphics', 'arc-a310'],
  ['Intel(R) Arc(TM) A380 Graphics', 'arc-a380'],
  ['Intel(R) Arc(TM) A580 Graphics', 'arc-a580'],
  ['Intel(R) Arc(TM) A750 Graphics', 'arc-a750'],
  ['Intel(R) Arc(TM) A770 Graphics', 'arc-a770-8gb'],
  ['Intel(R) Arc(TM) A770 Graphics', 'arc-a770-16gb', 16256],
  ['Intel(R) Arc(TM) B570 Graphics', 'arc-b570'],
  ['Intel(R) Arc(TM) B580 Graphics', 'arc-b580'],
  ['Intel(R) Arc(TM) Pro B60 Graphics', 'arc-pro-b60'],
  // macOS system_profiler "Chipset Model" (the RAM, in MiB, picks the bin where there are two)
  ['Apple M1', 'apple-m1'],
  ['Apple M1 Pro', 'apple-m1-pro'],
  ['Apple M1 Max', 'apple-m1-max'],
  ['Apple M2', 'apple-m2'],
  ['Apple M2 Pro', 'apple-m2-pro'],
  ['Apple M2 Max', 'apple-m2-max'],
  ['Apple M3', 'apple-m3'],
  ['Apple M3 Pro', 'apple-m3-pro'],
  ['Apple M3 Max', 'apple-m3-max-30c'],
  ['Apple M3 Max', 'apple-m3-max', 64 * 1024],
  ['Apple M3 Max', 'apple-m3-max-30c', 96 * 1024],
  ['Apple M3 Ultra', 'apple-m3-ultra'],
  ['Apple M4', 'apple-m4'],
  ['Apple M4 Pro', 'apple-m4-pro'],
  ['Apple M4 Max', 'apple-m4-max-32c'],
  ['Apple M4 Max', 'apple-m4-max', 128 * 1024],
  ['Apple M5', 'apple-m5'],
  ['Apple M7 Ultra', null],
  ['ASPEED Graphics Family', null],
  ['Microsoft Basic Display Adapter', null],
];

/** As people type them into runlocalai.gpu or write them in prose. */
const TYPED_NAMES: [name: string, id: string | null][] = [
  ['rtx3090', 'rtx-3090'],
  ['3090', 'rtx-3090'],
  ['RTX 3090', 'rtx-3090'],
  ['4090', 'rtx-4090'],
  ['4070', 'rtx-4070'],
  ['RTX 4060 Ti 8GB', 'rtx-4060-ti-8gb'],
  ['RTX 4060 Ti 16GB', 'rtx-4060-ti-16gb'],
  ['RTX 4060 Ti 16 GB', 'rtx-4060-ti-16gb'],
  ['RTX 4060 Ti', 'rtx-4060-ti-8gb'],
  ['RTX 4060 Ti 12GB', null],
  ['RTX 3060 8GB', 'rtx-3060-8gb'],
  ['RTX 3060 12GB', 'rtx-3060-12gb'],
  ['rtx 3060', 'rtx-3060-8gb'],
  ['RTX 3080 12GB', 'rtx-3080-12gb'],
  ['RTX 3080 10GB', 'rtx-3080'],
  ['RTX 2060 12GB', 'rtx-2060-12gb'],
  ['RTX 5060 Ti 16GB', 'rtx-5060-ti-16gb'],
  ['RTX 3050 6GB', 'rtx-3050-6gb'],
  ['RTX 4060 Laptop GPU', 'rtx-4060-laptop'],
  ['RTX 4060 laptop', 'rtx-4060-laptop'],
  ['RTX 4060', 'rtx-4060'],
  ['RTX 3080 Laptop 16GB', 'rtx-3080-laptop-16gb'],
  ['2080 Ti', 'rtx-2080-ti'],
  ['A100 40GB', 'a100-pcie-40gb'],
  ['A100 80GB', 'a100-pcie-80gb'],
  ['A100', 'a100-pcie-40gb'],
  ['A100 SXM 80GB', 'a100-sxm4-80gb'],
  ['A100 64GB', null],
  ['V100 16GB', 'v100-pcie-16gb'],
  ['V100 32GB', 'v100-pcie-32gb'],
  ['V100', 'v100-pcie-16gb'],
  ['H100', 'h100-pcie-80gb'],
  ['H100 SXM', 'h100-sxm5-80gb'],
  ['H100 NVL', 'h100-nvl'],
  ['DGX Spark', 'gb10'],
  ['RTX A6000', 'rtx-a6000'],
  ['RTX 6000 Ada', 'rtx-6000-ada'],
  ['RTX PRO 6000', 'rtx-pro-6000-blackwell'],
  ['rx 7900 xtx', 'rx-7900-xtx'],
  ['RX 9070 XT', 'rx-9070-xt'],
  ['RX 9060 XT 16GB', 'rx-9060-xt-16gb'],
  ['W7900', 'radeon-pro-w7900'],
  ['MI300X', 'mi300x'],
  ['Strix Halo', 'ryzen-ai-max-plus-395'],
  ['Ryzen AI Max+ 395', 'ryzen-ai-max-plus-395'],
  ['Arc A770 16GB', 'arc-a770-16gb'],
  ['Arc B580', 'arc-b580'],
  ['M3 Max', 'apple-m3-max-30c'],
  ['M3 Max 128GB', 'apple-m3-max'],
  ['M3 Max 36GB', 'apple-m3-max-30c'],
  ['M4 Max 128GB', 'apple-m4-max'],
  ['M4 Max 36GB', 'apple-m4-max-32c'],
  ['M2 Max 64GB', 'apple-m2-max'],
  ['M2 Max 48GB', null],
  ['M2 Ultra', null],
  ['Voodoo 5 6000', null],
];

describe('GPU names as drivers and people write them', () => {
  const catalog = gpuCatalog();

  it(`resolves ${DRIVER_NAMES.length} driver-reported names to the card named, or to nothing`, () => {
    const wrong: string[] = [];
    for (const [name, id, vram] of DRIVER_NAMES) {
      if (id) requireGpu(id);
      const got = matchGpu(name, vram === undefined ? undefined : vram * MiB, catalog)?.gpu.id ?? null;
      if (got !== id) wrong.push(`"${name}"${vram ? ` with ${vram} MiB` : ''} → ${got}, expected ${id}`);
    }
    assert.deepEqual(wrong, []);
  });

  it(`resolves ${TYPED_NAMES.length} typed names, a stated size to that size or to nothing`, () => {
    const wrong: string[] = [];
    for (const [name, id] of TYPED_NAMES) {
      if (id) requireGpu(id);
      const got = looseMatchGpu(name, catalog)?.gpu.id ?? null;
      if (got !== id) wrong.push(`"${name}" → ${got}, expected ${id}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('covers every memory variant of the catalog with a name that states its size', () => {
    const sized = new Set(TYPED_NAMES.map(([, id]) => id).concat(DRIVER_NAMES.filter(([, , vram]) => vram).map(([, id]) => id)));
    const variants = catalog.gpus.filter((g) => g.family && !g.unified && g.vendor !== 'apple');
    const missing = variants.filter(
      (g) => !sized.has(g.id) && !g.aliases.some((a) => looseMatchGpu(a, catalog)?.gpu.id === g.id && /\d\s*GB/i.test(a)),
    );
    assert.deepEqual(
      missing.map((g) => g.id),
      [],
    );
  });

  it('says when it assumed the smallest size, and names the sizes', () => {
    const m = looseMatchGpu('RTX 4060 Ti', catalog)!;
    assert.equal(m.sizeAssumed, true);
    assert.match(m.note ?? '', /8 and 16 GB/);
    assert.match(m.note ?? '', /RTX 4060 Ti 16GB/);
    const stated = looseMatchGpu('RTX 4060 Ti 16GB', catalog)!;
    assert.equal(stated.sizeAssumed, false);
    assert.equal(stated.note, undefined);
    assert.equal(looseMatchGpu('RTX 4090', catalog)?.sizeAssumed, false);
  });

  it('reads a count written with the name into the GPU count', () => {
    for (const typed of ['2x RTX 3090', '2 x RTX 3090', 'RTX 3090 x2', 'RTX 3090 x 2', '2× RTX 3090', '2x rtx3090']) {
      const hw = hardwareFromSettings({ gpu: typed, gpuCount: 1, vramGB: null }, catalog);
      assert.equal(hw?.devices.length, 2, typed);
      assert.equal(hw?.devices[0].catalogId, 'rtx-3090', typed);
    }
    const one = hardwareFromSettings({ gpu: 'RTX 3090', gpuCount: 3, vramGB: null }, catalog);
    assert.equal(one?.devices.length, 3);
    const capped = hardwareFromSettings({ gpu: 'RTX 3090', gpuCount: 1e7, vramGB: null }, catalog);
    assert.equal(capped?.devices.length, 64);
    assert.match(capped?.note ?? '', /at most 64/);
  });

  it('a named Mac with its size uses that configuration as its memory', () => {
    const hw = hardwareFromSettings({ gpu: 'M4 Max 128GB', gpuCount: 1, vramGB: null }, catalog);
    assert.equal(hw?.devices[0].catalogId, 'apple-m4-max');
    assert.equal(hw?.ramBytes, 128 * 1024 * MiB);
    assert.doesNotMatch(hw?.note ?? '', /assuming/);
  });
});
