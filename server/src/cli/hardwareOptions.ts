import * as os from 'node:os';
import type { Catalog } from '../engine/catalog/schema';
import type { Hardware } from '../engine/hardware/types';
import { hardwareForSettings } from '../lsp/hardwareState';
import { noHardwareYet } from '../engine/hardware/types';
import { numberOption, UsageError } from './args';

export const hardwareFlags = {
  gpu: { type: 'string' },
  vram: { type: 'string' },
  gpus: { type: 'string' },
} as const;

/** Hardware from --gpu/--vram/--gpus, or undefined when the CLI should detect it. */
export function hardwareFromFlags(values: { gpu?: string; vram?: string; gpus?: string }, catalog: Catalog): Hardware | undefined {
  const vramGB = numberOption('vram', values.vram, { min: 0.1 }) ?? null;
  const gpuCount = numberOption('gpus', values.gpus, { integer: true, min: 1 }) ?? 1;
  if (!values.gpu && vramGB === null) return undefined;
  const gpu = values.gpu ?? (vramGB !== null ? `${vramGB} GiB GPU` : 'auto');
  const hw = hardwareForSettings({ gpu, gpuCount, vramGB }, catalog, { ...noHardwareYet, ramBytes: os.totalmem() });
  if (values.gpu && hw.devices.length === 0 && values.gpu.toLowerCase() !== 'none') {
    throw new UsageError(`unknown GPU "${values.gpu}": use a catalog name (e.g. "RTX 4090") or give --vram GB`);
  }
  return hw;
}
