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

// Integers, the only token counts there are, are grouped by hand: an Intl.NumberFormat (or
// toLocaleString) maps the ICU number-formatting data, 7-8 MiB more resident memory for the
// language server, and builds slower. Anything else goes to one formatter, made when first needed.
let fractional: Intl.NumberFormat | undefined;

/** A count as en-US writes it: "131,072". */
export function formatTokens(n: number): string {
  if (!Number.isSafeInteger(n)) return (fractional ??= new Intl.NumberFormat('en-US')).format(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += ',' + digits.slice(i, i + 3);
  return n < 0 || Object.is(n, -0) ? '-' + out : out;
}
