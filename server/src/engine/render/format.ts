import { GiB, MiB } from '../types';

/** Memory as runtimes print it: GiB with one decimal above 1 GiB, else MiB. */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  return `${Math.round(bytes / MiB)} MiB`;
}

export function formatParams(params: number): string {
  if (params >= 1e9) return `${(params / 1e9).toFixed(params >= 1e11 ? 0 : 1).replace(/\.0$/, '')}B`;
  return `${Math.round(params / 1e6)}M`;
}

export function formatTokens(n: number): string {
  return n.toLocaleString('en-US');
}
