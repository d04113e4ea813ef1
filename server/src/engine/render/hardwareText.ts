import type { Hardware } from '../hardware/types';
import { formatBytes } from './format';

/** "RTX 4070 (12.0 GiB)", "2 × RTX 3090 (24.0 GiB each)", "no GPU". */
export function devicesLine(hw: Hardware): string {
  if (hw.devices.length === 0) return hw.source === 'pending' ? 'hardware not detected yet' : 'no GPU';
  const groups = new Map<string, number>();
  for (const d of hw.devices) {
    const key = `${d.name} (${formatBytes(d.freeBytes ?? d.totalBytes)}${d.freeBytes !== undefined ? ' free' : ''})`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([k, n]) => (n > 1 ? `${n} × ${k}` : k)).join(' + ');
}
