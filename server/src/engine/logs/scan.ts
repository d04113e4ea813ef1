/** Small linear scanners for log lines: no regular expressions over document text. */

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
};

// A figure longer than this is not a memory size any runtime prints; it also bounds the parse.
const MAX_NUMBER_CHARS = 24;

export interface Scanned<T> {
  value: T;
  end: number;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isThousandsGroup(s: string, i: number): boolean {
  return isDigit(s[i] ?? '') && isDigit(s[i + 1] ?? '') && isDigit(s[i + 2] ?? '') && !isDigit(s[i + 3] ?? '');
}

/** A decimal number at `i` (optional sign, digits, comma thousands separators, one dot), skipping leading spaces. */
export function numberAt(s: string, i: number): Scanned<number> | undefined {
  let j = i;
  while (j < s.length && s[j] === ' ') j++;
  const start = j;
  if (s[j] === '-' || s[j] === '+') j++;
  let digits = 0;
  let dot = false;
  while (j < s.length && j - start <= MAX_NUMBER_CHARS) {
    const c = s[j];
    if (isDigit(c)) digits++;
    else if (c === '.' && !dot && j + 1 < s.length && isDigit(s[j + 1])) dot = true;
    else if (c === ',' && digits > 0 && !dot && isThousandsGroup(s, j + 1)) {
      // a thousands separator, as in "23,648 tokens"
    } else break;
    j++;
  }
  if (digits === 0) return undefined;
  const value = Number(s.slice(start, j).replace(/,/g, ''));
  return Number.isFinite(value) ? { value, end: j } : undefined;
}

/** A size such as "4403.49 MiB", "16.2 GiB", "2.89GiB" at `i`; `defaultUnit` applies when no unit follows. */
export function bytesAt(s: string, i: number, defaultUnit?: string): Scanned<number> | undefined {
  const n = numberAt(s, i);
  if (!n) return undefined;
  let j = n.end;
  while (j < s.length && s[j] === ' ') j++;
  let k = j;
  while (k < s.length && k - j < 3 && /[a-zA-Z]/.test(s[k])) k++;
  const unit = s.slice(j, k).toLowerCase();
  const mult = UNIT_BYTES[unit] ?? (defaultUnit ? UNIT_BYTES[defaultUnit] : undefined);
  if (mult === undefined) return undefined;
  return { value: n.value * mult, end: UNIT_BYTES[unit] ? k : n.end };
}

/** The value after `key` up to the next space (or inside quotes when it starts with one). */
export function valueAfter(s: string, key: string, from = 0): Scanned<string> | undefined {
  const at = s.indexOf(key, from);
  if (at < 0) return undefined;
  const j = at + key.length;
  if (s[j] === '"' || s[j] === "'") {
    const q = s[j];
    const close = s.indexOf(q, j + 1);
    if (close < 0) return undefined;
    return { value: s.slice(j + 1, close), end: close + 1 };
  }
  let k = j;
  while (k < s.length && s[k] !== ' ' && s[k] !== ',') k++;
  return k > j ? { value: s.slice(j, k), end: k } : undefined;
}

/** Every number in a stretch of text, in order (a table row such as "32606 = 1057 + (29365 = ...)"). */
export function numbersIn(s: string, maxCount: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < s.length && out.length < maxCount) {
    const c = s[i];
    if (isDigit(c) || ((c === '-' || c === '+') && isDigit(s[i + 1] ?? ''))) {
      const n = numberAt(s, i);
      if (!n) break;
      out.push(n.value);
      i = n.end;
    } else i++;
  }
  return out;
}
