import type { Catalog } from '../catalog/schema';
import { GiB, MiB } from '../types';
import { appleGpuWorkingSetBytes } from './appleWorkingSet';
import { isLaptopName, matchGpu, reportedNames } from './matchGpu';
import type { RawGraphicsController, RawHardware } from './raw';
import type { GpuDevice, Hardware, MemorySource } from './types';

type Vendor = GpuDevice['vendor'];

function vendorOf(c: RawGraphicsController): Vendor {
  const vendor = (c.vendor ?? '').toLowerCase();
  const text = `${vendor} ${c.name ?? ''} ${c.model ?? ''}`.toLowerCase();
  const id = (c.vendorId ?? '').toLowerCase();
  if (text.includes('nvidia') || id.endsWith('10de')) return 'nvidia';
  if (/advanced micro devices|\bamd\b|\bati\b|radeon/.test(text) || id.endsWith('1002')) return 'amd';
  if (text.includes('intel') || id.endsWith('8086')) return 'intel';
  if (vendor.includes('apple') || /^apple m\d/i.test(c.model ?? '')) return 'apple';
  return 'unknown';
}

// Server management chips, virtual machines' adapters and software renderers: they drive a
// screen but no runtime will put a model on them.
const DISPLAY_ONLY =
  /aspeed|matrox|microsoft basic|hyper-v|vmware|virtualbox|qxl|virtio|cirrus|bochs|parallels|citrix|llvmpipe|videocore|broadcom/i;

/** Intel's discrete cards are the Arc A/B series (DG2, Battlemage); every other Intel GPU is integrated. */
function isIntegrated(vendor: Vendor, name: string, c: RawGraphicsController, platform: string): boolean {
  if (vendor === 'intel') return !/\barc\s+(pro\s+)?[ab]\d{2,3}|\bdg2\b|battlemage/i.test(name.replace(/\((r|tm)\)/gi, ''));
  if (vendor === 'amd') {
    return /radeon\s+graphics|radeon\s+\d{3}m\b|vega\s+\d+\s+graphics|\b(renoir|cezanne|rembrandt|phoenix\d?|raphael|barcelo|lucienne|picasso|raven|strix|hawk point|granite ridge|van gogh|mendocino|krackan)\b/i.test(
      name.replace(/\((r|tm)\)/gi, ''),
    );
  }
  // Intel Macs list their Intel GPU as built in beside the discrete AMD one.
  return platform === 'darwin' && vendor !== 'apple' && c.bus === 'Built-In';
}

const isPowerOfTwo = (n: number) => n > 0 && Number.isInteger(Math.log2(n));

/**
 * The VRAM the driver reported, and whether it is the VRAM at all. nvidia-smi's memory.total is;
 * OpenCL's global memory (clinfo, merged by systeminformation on Linux) is; Windows' registry
 * size is, except the old 32-bit AdapterRAM which stops at 4 GiB; macOS' dedicated VRAM is.
 * On Linux without those, systeminformation takes the largest PCI memory region from lspci: a
 * BAR aperture of 256 MiB, or with resizable BAR a power of two at least as large as the VRAM,
 * never the VRAM itself. Those are always powers of two, which OpenCL's figures are not.
 */
function reportedVram(c: RawGraphicsController, platform: string): { bytes: number; source: MemorySource } | undefined {
  if (c.memoryTotal && c.memoryTotal > 0) return { bytes: c.memoryTotal * MiB, source: 'driver' };
  const v = c.vram ?? 0;
  if (!(v > 0)) return undefined;
  if (platform === 'linux' && isPowerOfTwo(v)) return { bytes: v * MiB, source: 'pci-aperture' };
  if (platform === 'Windows' && (v === 4095 || v === 4096)) return { bytes: v * MiB, source: 'pci-aperture' };
  return { bytes: v * MiB, source: 'driver' };
}

/** A readable name when the catalog does not know the card: lspci's bracketed marketing name. */
function displayName(reported: string): string {
  const names = reportedNames(reported);
  return names.length === 1 ? names[0].trim() : withoutRevision(reported).trim();
}

interface Classified {
  device: GpuDevice;
  ignoredBecause?: string;
}

function classify(c: RawGraphicsController, raw: RawHardware, catalog: Pick<Catalog, 'gpus'>): Classified {
  const platform = raw.osInfo?.platform ?? '';
  const reported = (c.name || c.model || '').trim();
  const vendor = vendorOf(c);
  const vram = reportedVram(c, platform);
  const laptop = isLaptopName(reported) || isLaptopName(c.model ?? '');

  if (vendor === 'apple') {
    const ram = raw.mem?.total ?? 0;
    // The Mac's RAM tells its chip's bins apart (an M3 Max with 64 GB is the 40-core one).
    const match = matchGpu(reported, ram > 0 ? ram : undefined, catalog, 'apple');
    return {
      device: {
        name: match?.gpu.name ?? reported,
        reportedName: reported,
        vendor,
        catalogId: match?.gpu.id,
        totalBytes: appleGpuWorkingSetBytes(ram),
        bandwidthGBs: match?.gpu.bandwidthGBs,
        unified: true,
        memorySource: ram > 0 ? 'unified-limit' : 'unknown',
      },
    };
  }

  if (isIntegrated(vendor, reported, c, platform)) {
    return {
      device: {
        name: displayName(reported),
        reportedName: reported,
        vendor,
        // What the firmware set aside (Windows, macOS) or the aperture (Linux): the GPU can borrow
        // more system RAM than this, but nothing reports how much.
        totalBytes: vram?.bytes ?? 0,
        unified: true,
        integrated: true,
        memorySource: vram?.source ?? 'unknown',
      },
    };
  }

  const trusted = vram?.source === 'driver' ? vram.bytes : undefined;
  const match =
    matchGpu(reported, trusted, catalog, vendor) ?? (c.name && c.model ? matchGpu(c.model, trusted, catalog, vendor) : undefined);
  const displayOnly = DISPLAY_ONLY.test(`${c.vendor ?? ''} ${reported}`);
  if (vendor === 'unknown' && (displayOnly || (!match && !(trusted !== undefined && trusted >= GiB)))) {
    return {
      device: {
        name: displayName(reported) || 'unknown display adapter',
        reportedName: reported,
        vendor,
        totalBytes: trusted ?? 0,
        unified: false,
        memorySource: vram?.source ?? 'unknown',
      },
      ignoredBecause: 'a display adapter that runtimes do not compute on',
    };
  }

  let totalBytes: number;
  let memorySource: MemorySource;
  if (trusted !== undefined) {
    // The driver's figure beats the catalog's: it is what the runtime will see (a 24 GiB card
    // reports 24564 MiB), and it is right for variants the catalog lumps together.
    totalBytes = trusted;
    memorySource = 'driver';
  } else if (match) {
    totalBytes = match.gpu.memoryGiB * GiB;
    memorySource = 'catalog';
  } else {
    totalBytes = vram?.bytes ?? 0;
    memorySource = vram?.source ?? 'unknown';
  }

  const device: GpuDevice = {
    name: match?.gpu.name ?? displayName(reported),
    reportedName: reported,
    vendor: match?.gpu.vendor ?? vendor,
    catalogId: match?.gpu.id,
    totalBytes,
    bandwidthGBs: match?.gpu.bandwidthGBs,
    unified: false,
    memorySource,
  };
  if (c.memoryFree !== undefined && c.memoryFree >= 0 && c.memoryTotal) device.freeBytes = c.memoryFree * MiB;
  if (laptop || match?.gpu.laptop) device.laptop = true;
  if (match && match.alternatives.length > 0 && memorySource !== 'driver') device.alsoPossible = match.alternatives.map((g) => g.name);
  return { device };
}

function describeDetection(devices: GpuDevice[], ignored: number, platform: string, ramBytes: number | undefined): string {
  if (devices.length === 0) return ignored > 0 ? 'no GPU that runtimes use was detected: CPU only' : 'no GPU detected: CPU only';
  const guessed = devices.filter((d) => d.memorySource === 'pci-aperture' || d.memorySource === 'unknown' || d.alsoPossible);
  const parts = [`detected ${devices.length === 1 ? '1 GPU' : `${devices.length} GPUs`}${platform ? ` on ${platform}` : ''}`];
  const apple = devices.find((d) => d.vendor === 'apple' && d.memorySource === 'unified-limit');
  if (apple && ramBytes) {
    parts.push(
      `the GPU may use ${Math.round(apple.totalBytes / GiB)} of ${Math.round(ramBytes / GiB)} GiB unified memory (Metal's default limit; set runlocalai.vramGB if you raised iogpu.wired_limit_mb)`,
    );
  }
  if (guessed.length > 0)
    parts.push('VRAM not reported by the driver for some devices: set runlocalai.gpu or runlocalai.vramGB if it is wrong');
  return parts.join('; ');
}

/** Hardware from what systeminformation reported, matched to the catalog. */
export function hardwareFromSystemInformation(raw: RawHardware, catalog: Pick<Catalog, 'gpus'>): Hardware {
  const platform = raw.osInfo?.platform ?? '';
  const classified = (raw.graphics?.controllers ?? []).map((c) => classify(c, raw, catalog));
  const ignoredDevices = classified.filter((c) => c.ignoredBecause).map((c) => ({ device: c.device, reason: c.ignoredBecause! }));
  const usable = classified.filter((c) => !c.ignoredBecause).map((c) => c.device);
  const discrete = usable.filter((d) => !d.integrated);
  let devices = usable;
  if (discrete.length > 0 && discrete.length < usable.length) {
    // Runtimes put models on the discrete card; an integrated GPU beside it only drives the screen.
    devices = discrete;
    for (const d of usable.filter((u) => u.integrated)) {
      ignoredDevices.push({ device: d, reason: 'an integrated GPU beside a discrete one: runtimes use the discrete GPU' });
    }
  }
  const hw: Hardware = {
    devices,
    source: 'detected',
    note: describeDetection(devices, ignoredDevices.length, platform, raw.mem?.total),
  };
  if (ignoredDevices.length > 0) hw.ignoredDevices = ignoredDevices;
  if (platform) hw.platform = platform;
  if (raw.mem?.total) hw.ramBytes = raw.mem.total;
  if (raw.mem?.available !== undefined) hw.freeRamBytes = raw.mem.available;
  if (raw.cpu?.brand) {
    hw.cpu = {
      brand: [raw.cpu.manufacturer, raw.cpu.brand].filter(Boolean).join(' '),
      cores: raw.cpu.physicalCores || raw.cpu.cores || 0,
    };
  }
  return hw;
}

/** `Navi 31 (rev c8)` → `Navi 31`: lspci's revision suffix is not part of the name. */
function withoutRevision(reported: string): string {
  const trimmed = reported.trimEnd();
  const open = trimmed.lastIndexOf('(');
  if (open < 0 || !trimmed.endsWith(')')) return reported;
  return /^\(rev [0-9a-f]+\)$/i.test(trimmed.slice(open)) ? trimmed.slice(0, open) : reported;
}
