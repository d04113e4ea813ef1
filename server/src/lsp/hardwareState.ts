import * as os from 'node:os';
import type { Catalog } from '../engine/catalog/schema';
import type { Hardware } from '../engine/hardware/types';
import { GiB } from '../engine/types';
import type { RunLocalAISettings } from '../protocol';

// TEMPORARY until server/src/hardware lands: settings-based hardware only.
export function hardwareForSettings(settings: RunLocalAISettings, catalog: Catalog, detected: Hardware): Hardware {
  const ramBytes = os.totalmem();
  if (settings.gpu === 'auto') return settings.vramGB ? { ...detected, devices: detected.devices.map((d) => ({ ...d, totalBytes: settings.vramGB! * GiB, freeBytes: undefined })) } : detected;
  if (settings.gpu.toLowerCase() === 'none') return { devices: [], ramBytes, source: 'setting', note: 'runlocalai.gpu is "none"' };
  const key = settings.gpu.toLowerCase();
  const gpu = catalog.gpus.find((g) => g.name.toLowerCase() === key || g.id === key || g.aliases.some((a) => a.toLowerCase() === key));
  const totalBytes = (settings.vramGB ?? gpu?.memoryGiB ?? 0) * GiB;
  const devices = Array.from({ length: settings.gpuCount }, () => ({
    name: gpu?.name ?? settings.gpu,
    vendor: gpu?.vendor ?? ('unknown' as const),
    catalogId: gpu?.id,
    totalBytes,
    bandwidthGBs: gpu?.bandwidthGBs,
    unified: gpu?.unified ?? false,
  }));
  return { devices: totalBytes > 0 ? devices : [], ramBytes, source: 'setting', note: gpu ? `set by runlocalai.gpu` : `unknown GPU "${settings.gpu}" in runlocalai.gpu` };
}
