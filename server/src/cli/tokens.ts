import { MAX_CONTEXT } from '../engine/answer/answerWillItRun';
import { UsageError } from './args';

/**
 * A token count as people write it: `32768`, `8k`, `128K`, `1M` (k = 1,024, M = 1,048,576, as
 * runtimes mean them). Digits only: no signs, hex, exponents or fractions, and at most MAX_CONTEXT.
 * Read by hand, one character at a time, so no input can make it slow.
 */
export function parseTokenCount(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  let digits = 0;
  let value = 0;
  let i = 0;
  for (; i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    value = value * 10 + (s.charCodeAt(i) - 48);
    digits++;
    if (value > MAX_CONTEXT) break;
  }
  const unit = s.slice(i).toLowerCase();
  const scale = unit === '' ? 1 : unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 0;
  const n = value * scale;
  if (digits === 0 || digits > 9 || scale === 0 || n > MAX_CONTEXT) {
    throw new UsageError(`--${flag} must be a whole number of tokens (32768, 8k, 128k) from 0 to ${MAX_CONTEXT}, got "${raw}"`);
  }
  return n;
}
