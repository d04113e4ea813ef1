// The part of systeminformation's answers that hardware matching reads. The detection worker
// copies these fields out of `graphics()`, `mem()`, `cpu()` and `osInfo()` unchanged, so the
// fixtures under test/fixtures/hardware are plain systeminformation output.

/** One entry of `graphics().controllers` (systeminformation 5.x, lib/graphics.js). */
export interface RawGraphicsController {
  vendor?: string;
  /** lspci's device text ("AD104 [GeForce RTX 4070 Ti]"), Windows' adapter name, macOS' sppci_model. */
  model?: string;
  /** nvidia-smi's `name`, merged in when nvidia-smi answered. */
  name?: string;
  /** "PCIe", "Onboard", "Built-In" (macOS), "PCI" (Windows). */
  bus?: string;
  busAddress?: string;
  /** MiB. From lspci it is the largest PCI memory region, which is an aperture, not the VRAM. */
  vram?: number | null;
  vramDynamic?: boolean;
  /** MiB, from nvidia-smi `memory.total`. */
  memoryTotal?: number;
  /** MiB, from nvidia-smi `memory.free`. */
  memoryFree?: number;
  memoryUsed?: number;
  pciBus?: string;
  subDeviceId?: string | null;
  driverVersion?: string;
  vendorId?: string;
  deviceId?: string;
  /** macOS: GPU cores. */
  cores?: number | string | null;
  metalVersion?: string;
  external?: boolean;
}

export interface RawHardware {
  graphics: { controllers: RawGraphicsController[] };
  /** `mem()`: bytes. */
  mem?: { total: number; free?: number; available?: number };
  /** `cpu()`. */
  cpu?: { manufacturer?: string; brand?: string; cores?: number; physicalCores?: number };
  /** `osInfo()`: platform is "linux", "darwin" or "Windows". */
  osInfo?: { platform?: string; arch?: string; distro?: string; release?: string };
}
