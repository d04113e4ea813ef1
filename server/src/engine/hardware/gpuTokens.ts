/**
 * Splits GPU names into the words that say which card they are. Names come from drivers and from
 * settings, which a user (or a hostile workspace) may fill with anything: every function here is a
 * single pass over text capped at MAX_GPU_NAME_CHARS, with no regular expression over the text.
 */

/** Longer names (after runs of spaces are collapsed) are no GPU name: nothing is matched. */
export const MAX_GPU_NAME_CHARS = 160;

// Words that say who made the card or what kind of thing it is, not which card it is.
const NOISE = new Set([
  'nvidia',
  'amd',
  'ati',
  'intel',
  'apple',
  'corporation',
  'advanced',
  'micro',
  'devices',
  'inc',
  'geforce',
  'radeon',
  'graphics',
  'gpu',
  'technologies',
  'tesla',
  'instinct',
  'r',
  'tm',
  'card',
  'series',
  'chipset',
  'model',
]);
const LAPTOP = new Set(['laptop', 'mobile', 'maxq', 'notebook']);

export interface NameTokens {
  /** Words that must agree: model numbers, tiers, variant words ("rtx", "4060", "ti"). */
  core: Set<string>;
  /** Form-factor and bin words that help choose but are never required ("sxm", "pcie", "40core"). */
  soft: Set<string>;
  laptop: boolean;
  /** A memory size written in the name ("A100-SXM4-40GB", "RTX 3060 8 GB"), in GiB. */
  memoryGiB?: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;
const allDigits = (s: string) => s.length > 0 && [...s].every((ch) => isDigit(ch.charCodeAt(0)));

/**
 * Collapses runs of whitespace to one space and trims, in one pass; undefined when the result
 * would be longer than `max` (the scan stops there, so a 200 KB value costs no more than its read).
 */
export function collapseSpaces(text: string, max = MAX_GPU_NAME_CHARS): string | undefined {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 160 || c === 0x3000 || c === 0xfeff) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += text[i];
    if (out.length > max) return undefined;
  }
  return out;
}

/** Lower-case runs of letters and digits; everything else separates. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isLower(c)) cur += text[i];
    else if (c >= 65 && c <= 90) cur += String.fromCharCode(c + 32);
    else if (cur) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** "rtx3090" → rtx, 3090; "mi300x" → mi, 300, x; "4060ti" → 4060, ti. */
function splitLettersAndDigits(chunk: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= chunk.length; i++) {
    if (i === chunk.length || isDigit(chunk.charCodeAt(i)) !== isDigit(chunk.charCodeAt(i - 1))) {
      out.push(chunk.slice(start, i));
      start = i;
    }
  }
  return out;
}

/** The trailing digits-and-letters of a chunk that starts with `prefix` ("sxm4" with "sxm" → true). */
const startsWithThen = (chunk: string, prefix: string, rest: (tail: string) => boolean) =>
  chunk.startsWith(prefix) && rest(chunk.slice(prefix.length));

function memoryChunk(chunk: string): number | undefined {
  for (const unit of ['gib', 'gb', 'g']) {
    if (chunk.endsWith(unit) && allDigits(chunk.slice(0, -unit.length))) return Number(chunk.slice(0, -unit.length));
  }
  return undefined;
}

/** Splits a name (already capped) into core and soft words. Linear in the name's length. */
export function tokenize(name: string): NameTokens {
  const parts = chunks(name.length > MAX_GPU_NAME_CHARS * 4 ? name.slice(0, MAX_GPU_NAME_CHARS * 4) : name);
  const core = new Set<string>();
  const soft = new Set<string>();
  let laptop = false;
  let memoryGiB: number | undefined;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const next = parts[i + 1];
    if (p === 'rev' && next !== undefined) {
      i++; // lspci's "(rev a1)" is a chip revision, not a card
      continue;
    }
    if (NOISE.has(p)) continue;
    if (LAPTOP.has(p)) {
      laptop = true;
      continue;
    }
    if (p === 'max' && next === 'q') {
      laptop = true;
      i++;
      continue;
    }
    const size = memoryChunk(p);
    if (size !== undefined && size > 0 && size <= 4096) {
      memoryGiB = size;
      continue;
    }
    if (allDigits(p) && (next === 'gb' || next === 'gib') && Number(p) > 0 && Number(p) <= 4096) {
      memoryGiB = Number(p);
      i++;
      continue;
    }
    if (allDigits(p) && next === 'core') {
      soft.add(`${p}core`);
      i++;
      continue;
    }
    if (startsWithThen(p, 'sxm', allDigitsOrEmpty)) soft.add('sxm');
    else if (startsWithThen(p, 'pcie', allDigitsOrEmpty)) soft.add('pcie');
    else if (startsWithThen(p, 'hbm', (t) => allDigitsOrEmpty(t.endsWith('e') ? t.slice(0, -1) : t))) soft.add('hbm');
    else for (const t of splitLettersAndDigits(p)) if (!NOISE.has(t)) core.add(t);
  }
  // nvidia-smi calls the H100 SXM "NVIDIA H100 80GB HBM3" and the PCIe card "NVIDIA H100 PCIe":
  // HBM without "pcie" points at the SXM board.
  if (soft.has('hbm') && !soft.has('pcie')) soft.add('sxm');
  return memoryGiB === undefined ? { core, soft, laptop } : { core, soft, laptop, memoryGiB };
}

function allDigitsOrEmpty(s: string): boolean {
  return s === '' || allDigits(s);
}

/**
 * The names one reported string stands for. lspci writes "codename [marketing name]" and lists
 * cards sharing a chip with slashes: "Navi 31 [Radeon RX 7900 XT/7900 XTX]" stands for both the
 * RX 7900 XT and the RX 7900 XTX; the codename alone names no card.
 */
export function reportedNames(reported: string): string[] {
  let text = collapseSpaces(reported) ?? '';
  // A trailing "(rev a1)".
  const rev = text.toLowerCase().lastIndexOf('(rev ');
  if (rev >= 0 && text.endsWith(')')) text = text.slice(0, rev).trimEnd();
  if (!text.endsWith(']')) return [text];
  const open = text.lastIndexOf('[');
  if (open < 0) return [text];
  const inner = text.slice(open + 1, -1);
  // Vendor tags such as "[AMD/ATI]" are not device names.
  if (['amd/ati', 'ali', 'msi'].includes(inner.toLowerCase()) || inner.includes('[')) return [text];
  const parts = inner
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return [text];
  const first = parts[0];
  // The words before the first word holding a digit ("Radeon RX") prefix alternatives that start with a number.
  const words = first.split(' ');
  const firstNumbered = words.findIndex((w) => [...w].some((ch) => isDigit(ch.charCodeAt(0))));
  const prefix = firstNumbered > 0 ? `${words.slice(0, firstNumbered).join(' ')} ` : '';
  const laptopWords = parts.filter((p) => {
    const t = tokenize(p);
    return t.core.size === 0 && t.laptop;
  });
  const names = parts.filter((p) => !laptopWords.includes(p)).map((p, i) => (i > 0 && isDigit(p.charCodeAt(0)) ? `${prefix}${p}` : p));
  // "GeForce RTX 4060 Max-Q / Mobile": "Mobile" is not a card, it says the card is a laptop one.
  return laptopWords.length > 0 ? names.map((n) => `${n} Laptop`) : names;
}
