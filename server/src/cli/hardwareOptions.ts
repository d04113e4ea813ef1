import * as os from 'node:os';
import type { Catalog } from '../engine/catalog/schema';
import { hardwareFromSettings } from '../engine/hardware';
import type { Hardware } from '../engine/hardware/types';
import { GiB } from '../engine/types';
import { numberOption, UsageError } from './args';

export const hardwareFlags = {
  gpu: { type: 'string' },
  vram: { type: 'string' },
  gpus: { type: 'string' },
  ram: { type: 'string' },
} as const;

/** Hardware from the flags, else detected, with --ram applied to either. */
export async function cliHardware(
  values: { gpu?: string; vram?: string; gpus?: string; ram?: string },
  catalog: Catalog,
  detect: () => Promise<Hardware>,
): Promise<Hardware> {
  const hw = hardwareFromFlags(values, catalog) ?? (await detect());
  const ramGB = numberOption('ram', values.ram, { min: 0.1 });
  return ramGB === undefined ? hw : { ...hw, ramBytes: ramGB * GiB, freeRamBytes: undefined };
}

/** Hardware from --gpu/--vram/--gpus/--ram, or undefined when the CLI should detect it. */
export function hardwareFromFlags(values: { gpu?: string; vram?: string; gpus?: string; ram?: string }, catalog: Catalog): Hardware | undefined {
  const vramGB = numberOption('vram', values.vram, { min: 0.1 }) ?? null;
  const gpuCount = numberOption('gpus', values.gpus, { integer: true, min: 1 }) ?? 1;
  const ramGB = numberOption('ram', values.ram, { min: 0.1 });
  if (!values.gpu && vramGB === null) return undefined;
  const machine: Hardware = { devices: [], source: 'setting', ramBytes: ramGB !== undefined ? ramGB * GiB : os.totalmem() };
  const hw = hardwareFromSettings({ gpu: values.gpu ?? 'custom GPU', gpuCount, vramGB }, catalog, machine);
  if (!hw) throw new UsageError(`unknown GPU "${values.gpu}": use a catalog name (e.g. "RTX 4090") or give --vram GB`);
  return hw;
}
