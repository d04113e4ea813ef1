import * as os from 'node:os';
import type { Catalog } from '../engine/catalog/schema';
import { hardwareFromSettings, resolveHardware, type HardwareSettings } from '../engine/hardware';
import type { Hardware } from '../engine/hardware/types';
import { numberOption, UsageError } from './args';

export const hardwareFlags = {
  gpu: { type: 'string' },
  vram: { type: 'string' },
  gpus: { type: 'string' },
  ram: { type: 'string' },
} as const;

/**
 * The hardware a CLI command judges against: the flags read as the editor reads its settings
 * (`--gpu` = runlocalai.gpu, `--gpus` = gpuCount, `--vram` = vramGB, `--ram` = ramGB), with
 * detection only when no GPU is named.
 */
export async function cliHardware(
  values: { gpu?: string; vram?: string; gpus?: string; ram?: string },
  catalog: Catalog,
  detect: () => Promise<Hardware>,
): Promise<Hardware> {
  const settings: HardwareSettings = {
    gpu: values.gpu ?? 'auto',
    gpuCount: numberOption('gpus', values.gpus, { integer: true, min: 1 }) ?? 1,
    vramGB: numberOption('vram', values.vram, { min: 0.1 }) ?? null,
    ramGB: numberOption('ram', values.ram, { min: 0.1 }) ?? null,
  };
  // A named GPU needs no detection; the machine still lends its RAM (and, on a Mac, says so).
  const named = values.gpu !== undefined && values.gpu.trim().toLowerCase() !== 'auto';
  const base: Hardware = named ? { devices: [], source: 'setting', ramBytes: os.totalmem(), platform: process.platform } : await detect();
  if (named && !hardwareFromSettings(settings, catalog, base)) {
    throw new UsageError(`unknown GPU "${values.gpu}": use a catalog name (e.g. "RTX 4090") or give --vram GB`);
  }
  return resolveHardware(settings, catalog, base);
}
