import type { Catalog, Gpu } from '../catalog/schema';
import { GiB } from '../types';
import { appleGpuWorkingSetBytes } from './appleWorkingSet';
import { excerpt, MAX_GPU_COUNT, parseGpuSetting } from './gpuSetting';
import { looseMatchGpu } from './matchGpu';
import type { GpuDevice, Hardware } from './types';

/** The hardware settings (`runlocalai.gpu`, `.gpuCount`, `.vramGB`); RunLocalAISettings fits it. */
export interface HardwareSettings {
  /** `auto`, a catalog GPU name or id, or `none`. */
  gpu: string;
  gpuCount: number;
  /** GiB, or null. */
  vramGB: number | null;
  /** System RAM in GiB, or null to keep the detected RAM. */
  ramGB?: number | null;
  /** Count total RAM (default) or what is available now. */
  ramBasis?: 'total' | 'available';
}

const word = (gpu: string) => excerpt(gpu, 12).toLowerCase();
const isAuto = (gpu: string) => word(gpu) === '' || word(gpu) === 'auto';
const isNone = (gpu: string) => ['none', 'cpu', 'cpu only'].includes(word(gpu));
const vramOf = (s: HardwareSettings) => (typeof s.vramGB === 'number' && s.vramGB > 0 ? s.vramGB * GiB : undefined);
/** The setting's count, at least 1 and at most MAX_GPU_COUNT. */
const countOf = (s: HardwareSettings) => Math.min(MAX_GPU_COUNT, Math.max(1, Math.floor(Number.isFinite(s.gpuCount) ? s.gpuCount : 1)));

function keepMachine(detected: Hardware | undefined): Pick<Hardware, 'ramBytes' | 'freeRamBytes' | 'cpu' | 'platform'> {
  if (!detected) return {};
  const { ramBytes, freeRamBytes, cpu, platform } = detected;
  return Object.fromEntries(Object.entries({ ramBytes, freeRamBytes, cpu, platform }).filter(([, v]) => v !== undefined));
}

/**
 * Unified memory of a set chip (Apple, Strix Halo, GB10): runlocalai.ramGB when given, else the
 * configuration the name stated ("M4 Max 128GB"), this Mac's RAM if detection ran on one, else
 * the smallest configuration.
 */
function unifiedRam(
  gpu: Gpu,
  stated: number | undefined,
  settings: HardwareSettings,
  detected: Hardware | undefined,
): { bytes: number; assumed: boolean } {
  if (typeof settings.ramGB === 'number' && settings.ramGB > 0) return { bytes: settings.ramGB * GiB, assumed: false };
  if (stated !== undefined) return { bytes: stated * GiB, assumed: false };
  if (gpu.vendor === 'apple' && detected?.platform === 'darwin' && detected.ramBytes) return { bytes: detected.ramBytes, assumed: false };
  const options = gpu.unifiedMemoryOptionsGiB ?? [gpu.memoryGiB];
  return { bytes: Math.min(...options) * GiB, assumed: true };
}

/**
 * Hardware as the settings describe it, or undefined when they leave it to detection
 * (`runlocalai.gpu` is `auto`, or names no catalog GPU and gives no `runlocalai.vramGB`).
 * `detected` lends RAM and CPU, which settings do not describe.
 */
export function hardwareFromSettings(
  settings: HardwareSettings,
  catalog: Pick<Catalog, 'gpus'>,
  detected?: Hardware,
): Hardware | undefined {
  const typed = settings.gpu ?? 'auto';
  if (isAuto(typed)) return undefined;
  const machine = keepMachine(detected);
  if (isNone(typed)) return { devices: [], source: 'setting', note: 'runlocalai.gpu is "none": CPU only', ...machine };

  const parsed = parseGpuSetting(typed);
  const count = Math.min(MAX_GPU_COUNT, parsed.count ?? countOf(settings));
  const vram = vramOf(settings);
  const macRam =
    detected?.platform === 'darwin' && !(typeof settings.ramGB === 'number' && settings.ramGB > 0) ? detected.ramBytes : undefined;
  const match = parsed.name ? looseMatchGpu(parsed.name, catalog, macRam) : undefined;
  const times = count > 1 ? ` × ${count}` : '';
  const shown = excerpt(typed);
  const capped =
    (parsed.count ?? (Number.isFinite(settings.gpuCount) ? settings.gpuCount : 1)) > MAX_GPU_COUNT
      ? ` (at most ${MAX_GPU_COUNT} GPUs are counted)`
      : '';
  if (match) {
    const gpu = match.gpu;
    const apple = gpu.vendor === 'apple';
    const unified = gpu.unified || apple;
    let totalBytes = vram ?? gpu.memoryGiB * GiB;
    let memoryNote = vram ? ', VRAM from runlocalai.vramGB' : '';
    // A Mac named in settings is that Mac: its RAM is the unified memory, not this machine's RAM,
    // and nothing of this machine (free RAM, CPU, platform) describes it unless this is that Mac.
    let mac: Partial<Hardware> = {};
    if (unified) {
      const ram = unifiedRam(gpu, match.unifiedMemoryGiB, settings, detected);
      // Apple's GPU gets Metal's working-set share; other unified parts get what the OS grants, at most all of it.
      if (!vram) totalBytes = apple ? appleGpuWorkingSetBytes(ram.bytes) : ram.bytes;
      const thisMac = apple && detected?.platform === 'darwin' && !ram.assumed && match.unifiedMemoryGiB === undefined;
      mac = thisMac ? { ramBytes: ram.bytes } : { ramBytes: ram.bytes, freeRamBytes: undefined, cpu: undefined, platform: undefined };
      if (ram.assumed) memoryNote += `, assuming ${ram.bytes / GiB} GiB of unified memory (set runlocalai.ramGB for yours)`;
      if (!apple && !vram) memoryNote += ', all of it counted as GPU memory (set runlocalai.vramGB to the share your OS grants)';
    }
    const device: GpuDevice = {
      name: gpu.name,
      vendor: gpu.vendor,
      catalogId: gpu.id,
      totalBytes,
      bandwidthGBs: gpu.bandwidthGBs,
      unified,
      memorySource: vram ? 'setting' : apple ? 'unified-limit' : 'catalog',
    };
    if (gpu.laptop) device.laptop = true;
    if (match.ambiguous) device.alsoPossible = match.alternatives.map((g) => g.name);
    if (match.note) memoryNote += `; ${match.note}`;
    return {
      devices: Array.from({ length: count }, () => ({ ...device })),
      source: 'setting',
      note: `set by runlocalai.gpu ("${shown}" = ${gpu.name}${times})${capped}${memoryNote}`,
      ...machine,
      ...mac,
    };
  }
  if (vram) {
    const device: GpuDevice = { name: parsed.name || shown, vendor: 'unknown', totalBytes: vram, unified: false, memorySource: 'setting' };
    return {
      devices: Array.from({ length: count }, () => ({ ...device })),
      source: 'setting',
      note: `set by runlocalai.gpu ("${shown}"${times}, not in the catalog) with runlocalai.vramGB${capped}`,
      ...machine,
    };
  }
  return undefined;
}

/**
 * The hardware verdicts use: settings where they say enough, else detection, with
 * `runlocalai.vramGB` applied to detected devices when `runlocalai.gpu` is `auto`.
 */
export function resolveHardware(settings: HardwareSettings, catalog: Pick<Catalog, 'gpus'>, detected: Hardware): Hardware {
  const devices = resolveDevices(settings, catalog, detected);
  // Total RAM is what verdicts count unless runlocalai.ramBasis says otherwise (undefined means total).
  const hw = settings.ramBasis === 'available' ? { ...devices, ramBasis: 'available' as const } : devices;
  const ram = typeof settings.ramGB === 'number' && settings.ramGB > 0 ? settings.ramGB * GiB : undefined;
  return ram === undefined ? hw : { ...hw, ramBytes: ram, freeRamBytes: undefined };
}

function resolveDevices(settings: HardwareSettings, catalog: Pick<Catalog, 'gpus'>, detected: Hardware): Hardware {
  const set = hardwareFromSettings(settings, catalog, detected);
  if (set) return set;
  const typed = settings.gpu ?? 'auto';
  if (!isAuto(typed)) {
    const why = `runlocalai.gpu "${excerpt(typed)}" is not a catalog GPU (add runlocalai.vramGB to use it anyway); using detection`;
    return { ...detected, note: detected.note ? `${why}: ${detected.note}` : why };
  }
  const vram = vramOf(settings);
  if (!vram) return detected;
  const count = countOf(settings);
  const devices: GpuDevice[] =
    detected.devices.length > 0
      ? detected.devices.map((d) => {
          const { freeBytes: _free, ...rest } = d;
          return { ...rest, totalBytes: vram, memorySource: 'setting' as const };
        })
      : Array.from({ length: count }, () => ({
          name: 'GPU',
          vendor: 'unknown' as const,
          totalBytes: vram,
          unified: false,
          memorySource: 'setting' as const,
        }));
  return { ...detected, devices, source: 'setting', note: `VRAM set by runlocalai.vramGB (${settings.vramGB} GiB per GPU)` };
}
