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

// toLocaleString builds a new formatter on every call (the slowest step of a fit check in a
// profile of `runlocalai check`); one formatter built once gives the same text. Built on first
// use, not when the module loads: the first one loads ICU's locale data (about 12 ms), which
// the language server's start (initialize) does not need.
let tokens: Intl.NumberFormat | undefined;

export function formatTokens(n: number): string {
  // Whole counts (every context is one) grouped by hand: the same text, without the formatter's cost.
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return (tokens ??= new Intl.NumberFormat('en-US')).format(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
