import { parseArgs, type ParseArgsConfig } from 'node:util';
import { excerpt } from '../engine/text/excerpt';

export class UsageError extends Error {}

/** A usage or input error that carries near names ("did you mean"). */
export class SuggestingError extends UsageError {
  constructor(
    message: string,
    readonly suggestions: string[],
  ) {
    super(message);
  }
}

/** node:util parseArgs with errors turned into usage errors the CLI prints without a stack. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The largest value any numeric flag takes unless it names its own: beyond it nothing is exact. */
const DEFAULT_MAX = Number.MAX_SAFE_INTEGER;

/**
 * A numeric flag written as people write numbers: decimal digits, for fractions a point
 * (no hex, exponents, signs, blanks or `Infinity`, all of which `Number()` would accept),
 * between `min` and `max`.
 */
export function numberOption(
  name: string,
  raw: string | undefined,
  { integer = false, min = 0, max = DEFAULT_MAX }: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (raw === undefined) return undefined;
  const n = isDecimal(raw, integer) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    const range = max === DEFAULT_MAX ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} ${range}, got "${excerpt(raw, 30)}"`);
  }
  return n;
}

/** Digits, optionally (for fractions) a point and more digits; at most 20 characters. */
function isDecimal(raw: string, integer: boolean): boolean {
  if (raw.length === 0 || raw.length > 20) return false;
  let point = false;
  let digits = 0;
  for (const ch of raw) {
    if (ch >= '0' && ch <= '9') digits++;
    else if (ch === '.' && !integer && !point && digits > 0) point = true;
    else return false;
  }
  return !raw.endsWith('.');
}

/** A flag whose value is one of a list (case-insensitive); a usage error names the list. */
export function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase() as T;
  if (!allowed.includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return v;
}
