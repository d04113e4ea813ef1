import type { GpuVendor } from '../enums';

/** One GPU (or unified-memory accelerator) a model can be placed on. */
export interface GpuDevice {
  /** Name as reported or as set, e.g. "NVIDIA GeForce RTX 4090". */
  name: string;
  vendor: GpuVendor | 'unknown';
  /** Catalog GPU id when the name matched one. */
  catalogId?: string;
  /** Memory the device has (for unified memory: the share the GPU may use). */
  totalBytes: number;
  /** Free memory the driver reports, when it does. */
  freeBytes?: number;
  /** Memory bandwidth in GB/s, from the catalog when known. */
  bandwidthGBs?: number;
  /** Shares system RAM (Apple Silicon, integrated GPUs). */
  unified: boolean;
  integrated?: boolean;
  /** A laptop part (the name said "Laptop GPU", "Mobile" or "Max-Q"). */
  laptop?: boolean;
  /** Where totalBytes came from, so reports can say how far to trust it. */
  memorySource?: MemorySource;
  /** The name exactly as the driver reported it, when `name` is the catalog's. */
  reportedName?: string;
  /** Other catalog GPUs the reported name could also be (e.g. lspci's "7900 XT/7900 XTX"). */
  alsoPossible?: string[];
}

/**
 * driver: the driver reported it (nvidia-smi, OpenCL, Windows registry, macOS dedicated VRAM);
 * catalog: taken from the matched catalog GPU because the driver said nothing usable;
 * unified-limit: Apple working-set share of RAM; setting: runlocalai.vramGB or a set GPU;
 * pci-aperture: only the PCI BAR size was known, which is not the VRAM size.
 */
export type MemorySource = 'driver' | 'catalog' | 'unified-limit' | 'setting' | 'pci-aperture' | 'unknown';

export type HardwareSource = 'detected' | 'setting' | 'pending' | 'failed';

/** What verdicts are computed against. Built by the hardware shell or from settings. */
export interface Hardware {
  devices: GpuDevice[];
  /** System RAM, for partial offload; undefined when unknown. */
  ramBytes?: number;
  freeRamBytes?: number;
  /**
   * Which RAM figure verdicts count (runlocalai.ramBasis): the total, so a verdict does not flip
   * with what else happens to be running (the default), or what is available now.
   */
  ramBasis?: 'total' | 'available';
  cpu?: { brand: string; cores: number };
  source: HardwareSource;
  /** Why the devices are what they are ("set by runlocalai.gpu", "detection timed out after 10 s"). */
  note?: string;
  /** Detected but left out of verdicts (an integrated GPU beside a discrete one, a BMC display chip). */
  ignoredDevices?: { device: GpuDevice; reason: string }[];
  /** OS as detection saw it ("linux", "darwin", "Windows"). */
  platform?: string;
}

export const noHardwareYet: Hardware = { devices: [], source: 'pending', note: 'hardware not detected yet' };
