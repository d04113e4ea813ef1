/** One GPU (or unified-memory accelerator) a model can be placed on. */
export interface GpuDevice {
  /** Name as reported or as set, e.g. "NVIDIA GeForce RTX 4090". */
  name: string;
  vendor: 'nvidia' | 'amd' | 'intel' | 'apple' | 'unknown';
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
}

export type HardwareSource = 'detected' | 'setting' | 'pending' | 'failed';

/** What verdicts are computed against. Built by the hardware shell or from settings. */
export interface Hardware {
  devices: GpuDevice[];
  /** System RAM, for partial offload; undefined when unknown. */
  ramBytes?: number;
  freeRamBytes?: number;
  cpu?: { brand: string; cores: number };
  source: HardwareSource;
  /** Why the devices are what they are ("set by runlocalai.gpu", "detection timed out after 10 s"). */
  note?: string;
}

export const noHardwareYet: Hardware = { devices: [], source: 'pending', note: 'hardware not detected yet' };
