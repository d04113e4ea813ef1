import * as os from 'node:os';
import type { Catalog } from '../engine/catalog/schema';
import { hardwareFromSettings, resolveHardware, type HardwareSettings } from '../engine/hardware';
import type { Hardware } from '../engine/hardware/types';
import { settingSpec, type NumberSetting, type StringSetting } from '../protocol/settings';
import { nearNames } from '../engine/text/nearNames';
import { numberOption, oneOf, SuggestingError } from './args';

export const hardwareFlags = {
  gpu: { type: 'string' },
  vram: { type: 'string' },
  gpus: { type: 'string' },
  ram: { type: 'string' },
  'ram-basis': { type: 'string' },
} as const;

/** A flag read with the bounds of the setting it stands for (`--gpus` = runlocalai.gpuCount). */
function settingFlag(key: 'gpuCount' | 'vramGB' | 'ramGB', raw: string | undefined): number | undefined {
  const spec = settingSpec(key) as NumberSetting;
  const n = numberOption(spec.cliFlag!, raw, { integer: spec.type === 'integer', min: spec.minimum, max: spec.maximum });
  // 0 GiB of memory says nothing; the settings treat it as unset, and so does the flag.
  return n === 0 ? undefined : n;
}

/**
 * The hardware a CLI command judges against: the flags read as the editor reads its settings
 * (`--gpu` = runlocalai.gpu, `--gpus` = gpuCount, `--vram` = vramGB, `--ram` = ramGB), with
 * detection only when no GPU is named.
 */
export async function cliHardware(
  values: { gpu?: string; vram?: string; gpus?: string; ram?: string; 'ram-basis'?: string },
  catalog: Catalog,
  detect: () => Promise<Hardware>,
): Promise<Hardware> {
  const settings: HardwareSettings = {
    gpu: values.gpu ?? 'auto',
    gpuCount: settingFlag('gpuCount', values.gpus) ?? 1,
    vramGB: settingFlag('vramGB', values.vram) ?? null,
    ramGB: settingFlag('ramGB', values.ram) ?? null,
    ramBasis: oneOf(
      'ram-basis',
      values['ram-basis'],
      (settingSpec('ramBasis') as StringSetting).enum as readonly ('total' | 'available')[],
    ),
  };
  // A named GPU needs no detection; the machine still lends its RAM (and, on a Mac, says so).
  const named = values.gpu !== undefined && values.gpu.trim().toLowerCase() !== 'auto';
  const base: Hardware = named
    ? { devices: [], source: 'setting', ramBytes: os.totalmem(), freeRamBytes: os.freemem(), platform: process.platform }
    : await detect();
  if (named && !hardwareFromSettings(settings, catalog, base)) {
    const typed = values.gpu!;
    const count = /^\s*(\d{1,2})\s*[x×]\s*(\S.*)$/i.exec(typed);
    if (count) throw new SuggestingError(`"${typed}" names a count: give --gpu "${count[2].trim()}" --gpus ${count[1]}`, []);
    const names = catalog.gpus.flatMap((g) => [g.name, ...g.aliases]);
    throw new SuggestingError(
      `unknown GPU "${typed}": use a catalog name (runlocalai gpus lists them) or give --vram GB`,
      nearNames(typed, names),
    );
  }
  return resolveHardware(settings, catalog, base);
}
