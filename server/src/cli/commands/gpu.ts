import type { Catalog } from '../../engine/catalog/schema';
import { summarizeHardware } from '../../engine/hardware/describe';
import type { RawHardware } from '../../engine/hardware/raw';
import type { GpuDevice, Hardware } from '../../engine/hardware/types';
import { formatBytes } from '../../engine/render/format';
import { parse, UsageError } from '../args';
import type { CliIO } from '../io';
import type { CliCommand } from '../cli';

export const gpuCommand: CliCommand = {
  name: 'gpu',
  summary: 'What hardware detection finds on this machine (GPUs, memory, RAM, CPU).',
  usage: 'runlocalai gpu [--json]',
  examples: ['runlocalai gpu', 'runlocalai gpu --json > hardware.json'],
  run: (argv, deps) => runGpu(argv, deps.catalog, deps.io, deps.detect, deps.detectedRaw),
};

function deviceLine(d: GpuDevice): string {
  const parts = [`${d.name}: ${formatBytes(d.totalBytes)}`];
  if (d.freeBytes !== undefined) parts.push(`${formatBytes(d.freeBytes)} free`);
  if (d.memorySource && d.memorySource !== 'driver')
    parts.push(`memory ${d.memorySource === 'pci-aperture' ? 'unknown (PCI aperture only)' : `from ${d.memorySource}`}`);
  if (d.bandwidthGBs) parts.push(`${d.bandwidthGBs} GB/s`);
  if (d.integrated) parts.push('integrated');
  if (d.laptop) parts.push('laptop');
  if (!d.catalogId) parts.push('not in the catalog');
  if (d.alsoPossible?.length) parts.push(`could also be ${d.alsoPossible.join(', ')}`);
  if (d.reportedName && d.reportedName !== d.name) parts.push(`reported as "${d.reportedName}"`);
  return parts.join(', ');
}

/**
 * `runlocalai gpu`: what hardware detection found on this machine. `--json` prints the hardware
 * verdicts use and the systeminformation answers it came from (`raw`), which is the shape of the
 * test fixtures in test/fixtures/hardware. Exit code 1 when detection failed or timed out.
 */
export async function runGpu(
  argv: string[],
  _catalog: Catalog,
  io: CliIO,
  detect: () => Promise<Hardware>,
  detectedRaw?: () => RawHardware | undefined,
): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError('gpu takes no arguments');
  const hw = await detect();
  if (values.json) {
    io.out(JSON.stringify({ summary: summarizeHardware(hw), hardware: hw, raw: detectedRaw?.() ?? null }, null, 2));
  } else {
    io.out(summarizeHardware(hw));
    for (const d of hw.devices) io.out(`  ${deviceLine(d)}`);
    for (const i of hw.ignoredDevices ?? []) io.out(`  not used: ${i.device.name} (${i.reason})`);
    if (hw.ramBytes)
      io.out(`  RAM: ${formatBytes(hw.ramBytes)}${hw.freeRamBytes !== undefined ? `, ${formatBytes(hw.freeRamBytes)} available` : ''}`);
    if (hw.cpu) io.out(`  CPU: ${hw.cpu.brand}${hw.cpu.cores ? `, ${hw.cpu.cores} cores` : ''}`);
    if (hw.note) io.out(`  ${hw.note}`);
  }
  return hw.source === 'failed' ? 1 : 0;
}
