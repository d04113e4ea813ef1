import type { RawGraphicsController, RawHardware } from '../engine/hardware/raw';

const CONTROLLER_FIELDS = [
  'vendor',
  'model',
  'name',
  'bus',
  'busAddress',
  'vram',
  'vramDynamic',
  'memoryTotal',
  'memoryFree',
  'memoryUsed',
  'pciBus',
  'subDeviceId',
  'driverVersion',
  'vendorId',
  'deviceId',
  'cores',
  'metalVersion',
  'external',
] as const;

function pick<T extends object>(from: unknown, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  if (from && typeof from === 'object') {
    for (const k of keys) {
      const v = (from as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = v;
    }
  }
  return out as T;
}

/**
 * Keeps what matching reads from systeminformation's answers and drops the rest (displays,
 * temperatures, serial numbers), so what crosses the process boundary and what users paste
 * from `runlocalai gpu --json` stays small and free of identifiers.
 */
export function pickRaw(all: { graphics: unknown; mem: unknown; cpu: unknown; osInfo: unknown }): RawHardware {
  const controllers = (all.graphics as { controllers?: unknown[] } | undefined)?.controllers ?? [];
  const raw: RawHardware = {
    graphics: { controllers: controllers.map((c) => pick<RawGraphicsController>(c, CONTROLLER_FIELDS)) },
    cpu: pick(all.cpu, ['manufacturer', 'brand', 'cores', 'physicalCores']),
    osInfo: pick(all.osInfo, ['platform', 'arch', 'distro', 'release']),
  };
  const mem = pick<{ total?: number; free?: number; available?: number }>(all.mem, ['total', 'free', 'available']);
  if (typeof mem.total === 'number') raw.mem = { ...mem, total: mem.total };
  return raw;
}
