import { parseArgs, type ParseArgsConfig } from 'node:util';

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

export function numberOption(
  name: string,
  raw: string | undefined,
  { integer = false, min = 0, max = Number.MAX_SAFE_INTEGER } = {},
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const range = max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `of at least ${min}`;
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} ${range}, got "${raw}"`);
  }
  return n;
}

/** A flag whose value is one of a list (case-insensitive); a usage error names the list. */
export function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase() as T;
  if (!allowed.includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return v;
}
