import { GiB, MiB } from '../types';

export interface ByteFormat {
  /** Decimals of GiB figures (default 1, as runtimes print them; formulas use 2). */
  decimals?: number;
  /** Whole GiB from this many GiB up, and "12 GiB" rather than "12.0 GiB" (the narrow status bar). */
  wholeFromGiB?: number;
}

/** Memory as runtimes print it: GiB with one decimal above 1 GiB, else MiB. The one byte formatter. */
export function formatBytes(bytes: number, { decimals = 1, wholeFromGiB }: ByteFormat = {}): string {
  const gib = bytes / GiB;
  if (wholeFromGiB !== undefined) {
    if (Math.abs(gib) >= wholeFromGiB) return `${Math.round(gib)} GiB`;
    if (Math.abs(bytes) >= GiB) return `${gib.toFixed(decimals).replace(/\.0+$/, '')} GiB`;
  }
  if (Math.abs(bytes) >= GiB) return `${gib.toFixed(decimals)} GiB`;
  return `${Math.round(bytes / MiB)} MiB`;
}

export function formatParams(params: number): string {
  if (params >= 1e9) return `${(params / 1e9).toFixed(params >= 1e11 ? 0 : 1).replace(/\.0$/, '')}B`;
  return `${Math.round(params / 1e6)}M`;
}

export function formatTokens(n: number): string {
  return n.toLocaleString('en-US');
}
