import type { Catalog, Gpu } from '../catalog/schema';
import { GiB } from '../types';
import { collapseSpaces, reportedNames, tokenize, type NameTokens } from './gpuTokens';

export { MAX_GPU_NAME_CHARS, reportedNames } from './gpuTokens';

/** The catalog GPU a reported name means, and the others it could also mean. */
export interface GpuMatch {
  gpu: Gpu;
  /** Other catalog GPUs equally consistent with the name (chosen between by VRAM when known). */
  alternatives: Gpu[];
  /** True when the name fits several GPUs of different memory and no VRAM figure decided. */
  ambiguous: boolean;
  /**
   * True when the name left the memory size open between variants (RTX 4060 Ti 8 or 16 GB) and
   * the smallest was taken, because overstating memory is the costly mistake.
   */
  sizeAssumed: boolean;
  /** A sentence callers show when the size was assumed, naming the variants. */
  note?: string;
  /** For unified-memory parts (Apple, Strix Halo, GB10): the configuration the name stated. */
  unifiedMemoryGiB?: number;
}

// Words that may trail a reported name without changing which card it is.
const IGNORABLE = new Set([
  'generation',
  'edition',
  'founders',
  'oc',
  'lhr',
  'lite',
  'hash',
  'rate',
  'workstation',
  'oam',
  'gddr6',
  'gddr6x',
  'gddr7',
]);
// Words that make a different card of the same number ("RTX 4070 Ti" is not "RTX 4070"); exported for tests.
export const VARIANT = new Set(['ti', 'super', 'xt', 'xtx', 'gre', 'max', 'pro', 'ultra', 'plus', 'd', 'se', 'ada', 'nvl', 's', 'x', 'a']);

function catalogNames(gpu: Gpu): string[] {
  return [gpu.name, ...gpu.aliases, ...(gpu.driverNames ?? [])];
}

// Catalog names are tokenized once per catalog array.
const tokenCache = new WeakMap<Gpu, NameTokens[]>();
function catalogTokens(gpu: Gpu): NameTokens[] {
  let t = tokenCache.get(gpu);
  if (!t) tokenCache.set(gpu, (t = catalogNames(gpu).map(tokenize)));
  return t;
}

// Each GPU's names in lower case, once per catalog array: a cheap look before tokenizing them.
const textCache = new WeakMap<Gpu, string>();
function catalogText(gpu: Gpu): string {
  let t = textCache.get(gpu);
  if (t === undefined) textCache.set(gpu, (t = catalogNames(gpu).join('\n').toLowerCase()));
  return t;
}

/**
 * Whether any of the GPU's names could hold one of `words`. A name's core words are runs of ASCII
 * letters or digits from its lower-cased text, so a name whose core shares none of `words` cannot
 * mention any of them; a GPU without such a mention is skipped untokenized (a run asks about one
 * name, and tokenizing the whole catalog was most of the first answer's cost).
 */
function mentionsAny(gpu: Gpu, words: Iterable<string>): boolean {
  const text = catalogText(gpu);
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

/**
 * Whether a name of the GPU could score against reported name `r`, looked at in its text without
 * tokenizing it. A name scores only when each of its core words is reported, and it holds every
 * number and variant word reported (a leftover one means another card): so it mentions all of
 * those, or, where none was reported, one of the reported words.
 */
export function mayScore(gpu: Gpu, r: NameTokens): boolean {
  const text = catalogText(gpu);
  let decisive = false;
  for (const t of r.core) {
    if (!isNumeric(t) && !VARIANT.has(t)) continue;
    decisive = true;
    if (!text.includes(t)) return false;
  }
  return decisive || mentionsAny(gpu, r.core);
}

const isNumeric = (t: string) => t.length > 0 && t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;

/** How well catalog name `n` matches reported name `r`; 0 when it does not. */
function score(r: NameTokens, n: NameTokens): number {
  if (n.core.size === 0) return 0;
  for (const t of n.core) if (!r.core.has(t)) return 0;
  let extra = 0;
  for (const t of r.core) {
    if (n.core.has(t)) continue;
    // A leftover number or variant word means a different card.
    if (isNumeric(t) || VARIANT.has(t)) return 0;
    if (!IGNORABLE.has(t)) extra++;
  }
  let soft = 0;
  for (const t of n.soft) soft += r.soft.has(t) ? 1 : -1;
  // Exact core sets beat subsets; shared form-factor words break ties.
  return n.core.size * 10 + soft - extra * 2 + (extra === 0 ? 5 : 0);
}

function gpusOf(catalog: Pick<Catalog, 'gpus'> | readonly Gpu[]): readonly Gpu[] {
  return Array.isArray(catalog) ? catalog : (catalog as Pick<Catalog, 'gpus'>).gpus;
}

const isUnified = (g: Gpu) => g.unified || g.vendor === 'apple';
const memoryOptions = (g: Gpu) => (isUnified(g) && g.unifiedMemoryOptionsGiB?.length ? g.unifiedMemoryOptionsGiB : [g.memoryGiB]);
const smallestMemory = (g: Gpu) => Math.min(...memoryOptions(g));

/** Whether the card was sold with `giB` of memory (within rounding: "A100 40GB" is 40 GiB, nvidia-smi's 81559 MiB is 80). */
function soldWith(g: Gpu, giB: number): boolean {
  return memoryOptions(g).some((m) => Math.abs(m - giB) <= Math.max(0.5, 0.03 * m));
}

const formatSizes = (sizes: number[]) => {
  const list = [...new Set(sizes)].sort((a, b) => a - b).map((s) => `${s}`);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]} GB` : `${list[0]} GB`;
};

/**
 * Chooses among cards that fit the name equally: the size written in the name first (never
 * another size), then the size the driver reported, else the smallest, saying so.
 */
function choose(typed: string, candidates: Gpu[], named: number | undefined, vramBytes: number | undefined): GpuMatch | undefined {
  let pool = candidates;
  if (named !== undefined) pool = pool.filter((g) => soldWith(g, named));
  if (pool.length === 0) return undefined;
  const unifiedStated = named !== undefined && pool.every(isUnified) ? named : undefined;
  const byBandwidth = (a: Gpu, b: Gpu) => (b.bandwidthGBs < a.bandwidthGBs ? b : a);
  const vram = vramBytes !== undefined && vramBytes > 0 ? vramBytes / GiB : undefined;
  const sizes = new Set(pool.map(smallestMemory));
  let chosen: Gpu;
  let sizeAssumed = false;
  if (vram !== undefined) {
    const distance = (g: Gpu) => Math.min(...memoryOptions(g).map((m) => Math.abs(m - vram)));
    chosen = pool.reduce((a, b) => (distance(b) < distance(a) ? b : distance(b) === distance(a) ? byBandwidth(a, b) : a));
  } else {
    const least = Math.min(...sizes);
    chosen = pool.filter((g) => smallestMemory(g) === least).reduce(byBandwidth);
    sizeAssumed = sizes.size > 1;
  }
  const match: GpuMatch = {
    gpu: chosen,
    alternatives: pool.filter((g) => g !== chosen),
    ambiguous: vram === undefined && sizes.size > 1,
    sizeAssumed,
  };
  if (sizeAssumed) {
    const shown = collapseSpaces(typed, 40) ?? `${typed.slice(0, 37).trim()}…`;
    match.note = `"${shown}" comes with ${formatSizes([...sizes])}; assuming the smallest, ${chosen.name} (write the size, e.g. "${shown} ${Math.max(...sizes)}GB", to choose)`;
  }
  if (unifiedStated !== undefined) match.unifiedMemoryGiB = unifiedStated;
  return match;
}

/**
 * Finds the catalog GPU a driver-reported name means. `vramBytes` is the memory the driver
 * reported, when it is trustworthy (nvidia-smi, OpenCL, Windows' registry; not lspci's aperture);
 * it decides between cards that share a name ("7900 XT/7900 XTX", an 8 and a 16 GB "Arc A770").
 * A size written in the name decides first and is never overridden. Without either, the
 * smallest candidate wins and the match says so. Laptop and desktop parts never match each other.
 */
export function matchGpu(
  name: string,
  vramBytes: number | undefined,
  catalog: Pick<Catalog, 'gpus'> | readonly Gpu[],
  vendor?: Gpu['vendor'] | 'unknown',
): GpuMatch | undefined {
  const trimmed = collapseSpaces(name);
  if (!trimmed) return undefined;
  const gpus = gpusOf(catalog).filter((g) => !vendor || vendor === 'unknown' || g.vendor === vendor);
  const byId = gpus.find((g) => g.id === trimmed.toLowerCase());
  if (byId) return { gpu: byId, alternatives: [], ambiguous: false, sizeAssumed: false };

  const reported = reportedNames(trimmed).map(tokenize);
  const laptop = isLaptopName(trimmed);
  let best = 0;
  let candidates: Gpu[] = [];
  for (const gpu of gpus) {
    if (!reported.some((r) => mayScore(gpu, r))) continue;
    let s = 0;
    for (const n of catalogTokens(gpu)) {
      if ((gpu.laptop || n.laptop) !== laptop) continue;
      for (const r of reported) s = Math.max(s, score(r, n));
    }
    if (s === 0) continue;
    if (s > best) {
      best = s;
      candidates = [gpu];
    } else if (s === best) candidates.push(gpu);
  }
  if (candidates.length === 0) return undefined;
  return choose(trimmed, candidates, memoryHintGiB(trimmed), vramBytes);
}

function memoryHintGiB(name: string): number | undefined {
  return tokenize(name).memoryGiB;
}

/** Whether a reported name says it is a laptop part. */
export function isLaptopName(reported: string): boolean {
  const text = collapseSpaces(reported);
  if (!text) return false;
  return tokenize(text).laptop || reportedNames(text).some((n) => tokenize(n).laptop);
}

/** The memory size a name states ("NVIDIA H100 80GB HBM3" → 80 GiB), in bytes, if any. */
export function memoryHintFromName(reported: string): number | undefined {
  const text = collapseSpaces(reported);
  const giB = text ? memoryHintGiB(text) : undefined;
  return giB === undefined ? undefined : giB * GiB;
}

/**
 * For names people type into settings ("4090", "rx 7900 xtx", "M3 Max", "RTX 3060 8GB"): the
 * catalog GPU whose name contains every word typed. A size typed is honoured or nothing matches.
 */
export function looseMatchGpu(
  typed: string,
  catalog: Pick<Catalog, 'gpus'> | readonly Gpu[],
  /** This machine's RAM when it is the unified-memory machine named (a Mac asking about "M3 Max"). */
  unifiedRamBytes?: number,
): GpuMatch | undefined {
  const text = collapseSpaces(typed);
  if (!text) return undefined;
  const exact = matchGpu(text, undefined, catalog);
  if (exact) return rechoose(text, exact, unifiedRamBytes);
  const want = tokenize(text);
  if (want.core.size === 0) return undefined;
  // Every word typed must be a core word of the name, so the name mentions the first of them.
  const first = [...want.core].slice(0, 1);
  const candidates = gpusOf(catalog).filter(
    (gpu) =>
      mentionsAny(gpu, first) &&
      catalogTokens(gpu).some((n) => {
        if ((gpu.laptop || n.laptop) !== want.laptop) return false;
        for (const t of want.core) if (!n.core.has(t)) return false;
        // "4070" alone should not pick the 4070 Ti: leftover variant words rule a name out.
        for (const t of n.core) if (!want.core.has(t) && VARIANT.has(t)) return false;
        return true;
      }),
  );
  if (candidates.length === 0) return undefined;
  const unifiedOnly = candidates.every(isUnified);
  return choose(text, candidates, want.memoryGiB, unifiedOnly ? unifiedRamBytes : undefined);
}

/** Lets the RAM of the Mac asking choose among the bins of the chip it names. */
function rechoose(text: string, match: GpuMatch, unifiedRamBytes: number | undefined): GpuMatch {
  const all = [match.gpu, ...match.alternatives];
  if (!unifiedRamBytes || match.unifiedMemoryGiB !== undefined || !all.every(isUnified) || all.length < 2) return match;
  return choose(text, all, undefined, unifiedRamBytes) ?? match;
}
