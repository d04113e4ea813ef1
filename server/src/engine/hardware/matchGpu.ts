import type { Catalog, Gpu } from '../catalog/schema';
import { GiB } from '../types';

/** The catalog GPU a reported name means, and the others it could also mean. */
export interface GpuMatch {
  gpu: Gpu;
  /** Other catalog GPUs equally consistent with the name (chosen between by VRAM when known). */
  alternatives: Gpu[];
  /** True when the name fits several GPUs of different memory and no VRAM figure decided. */
  ambiguous: boolean;
}

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
  'r',
  'tm',
  'card',
]);
// Words that may trail a reported name without changing which card it is.
const IGNORABLE = new Set(['generation', 'edition', 'founders', 'oc', 'lhr', 'lite', 'hash', 'rate']);
// Words that make a different card of the same number ("RTX 4070 Ti" is not "RTX 4070").
const VARIANT = new Set(['ti', 'super', 'xt', 'xtx', 'gre', 'max', 'pro', 'ultra', 'plus', 'd', 'se', 'ada', 'nvl']);
const LAPTOP = new Set(['laptop', 'mobile', 'maxq']);
// Form factor and memory words: help choose between H100 SXM and PCIe, never required.
const SOFT = /^(sxm\d?|pcie|hbm\d?e?|\d+gb)$/;

interface NameTokens {
  core: Set<string>;
  soft: Set<string>;
  laptop: boolean;
  /** A memory size written in the name ("H100 80GB HBM3"), in bytes. */
  memoryHintBytes?: number;
}

function tokenize(name: string): NameTokens {
  const text = name
    .toLowerCase()
    .replace(/\((r|tm)\)|[®™]/g, ' ')
    .replace(/max-q/g, 'maxq')
    .replace(/(\d+)\s*gb\b/g, '$1gb');
  const core = new Set<string>();
  const soft = new Set<string>();
  let laptop = false;
  let memoryHintBytes: number | undefined;
  for (let t of text.split(/[\s\-_/,()[\]]+/)) {
    t = t.replace(/^\.+|\.+$/g, '');
    if (!t || NOISE.has(t)) continue;
    if (LAPTOP.has(t)) laptop = true;
    else if (SOFT.test(t)) {
      soft.add(t.replace(/^sxm\d$/, 'sxm'));
      const gb = /^(\d+)gb$/.exec(t);
      if (gb) memoryHintBytes = Number(gb[1]) * GiB;
    } else core.add(t);
  }
  // nvidia-smi calls the H100 SXM "NVIDIA H100 80GB HBM3" and the PCIe card "NVIDIA H100 PCIe":
  // HBM3 without "pcie" points at the SXM board.
  if ([...soft].some((t) => t.startsWith('hbm3')) && !soft.has('pcie')) soft.add('sxm');
  return { core, soft, laptop, memoryHintBytes };
}

/**
 * The names one reported string stands for. lspci writes "codename [marketing name]" and lists
 * cards sharing a chip with slashes: "Navi 31 [Radeon RX 7900 XT/7900 XTX]" stands for both the
 * RX 7900 XT and the RX 7900 XTX; the codename alone names no card.
 */
export function reportedNames(reported: string): string[] {
  const bracket = /\[([^\]]+)\]\s*$/.exec(reported.replace(/\s*\(rev [0-9a-f]+\)\s*$/i, '').trim());
  if (!bracket) return [reported];
  const inner = bracket[1];
  // Vendor tags such as "[AMD/ATI]" are not device names.
  if (/^(amd\/ati|ali|msi)$/i.test(inner)) return [reported];
  const parts = inner
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
  const first = parts[0];
  // The words before the first number ("Radeon RX") prefix alternatives that start with a number.
  const prefix = /^(.*?)(?=\S*\d)/.exec(first)?.[1] ?? '';
  const laptopWords = parts.filter((p) => tokenize(p).core.size === 0 && tokenize(p).laptop);
  const names = parts.filter((p) => !laptopWords.includes(p)).map((p, i) => (i > 0 && /^\d/.test(p) ? `${prefix}${p}` : p));
  // "GeForce RTX 4060 Max-Q / Mobile": "Mobile" is not a card, it says the card is a laptop one.
  return laptopWords.length > 0 ? names.map((n) => `${n} Laptop`) : names;
}

/** Whether a reported name says it is a laptop part. */
export function isLaptopName(reported: string): boolean {
  return reportedNames(reported).some((n) => tokenize(n).laptop) || tokenize(reported).laptop;
}

/** The memory size a name states ("NVIDIA H100 80GB HBM3" → 80 GiB), if any. */
export function memoryHintFromName(reported: string): number | undefined {
  return tokenize(reported).memoryHintBytes;
}

function catalogNames(gpu: Gpu): string[] {
  return [gpu.name, ...gpu.aliases];
}

/** How well catalog name `n` matches reported name `r`; 0 when it does not. */
function score(r: NameTokens, n: NameTokens): number {
  if (n.core.size === 0) return 0;
  for (const t of n.core) if (!r.core.has(t)) return 0;
  let extra = 0;
  for (const t of r.core) {
    if (n.core.has(t)) continue;
    // A leftover number or variant word means a different card.
    if (/\d/.test(t) || VARIANT.has(t)) return 0;
    if (!IGNORABLE.has(t)) extra++;
  }
  let soft = 0;
  for (const t of n.soft) soft += r.soft.has(t) ? 1 : /^\d+gb$/.test(t) ? 0 : -1;
  // Exact core sets beat subsets; shared form-factor words break ties.
  return n.core.size * 10 + soft - extra * 2 + (extra === 0 ? 5 : 0);
}

function gpusOf(catalog: Pick<Catalog, 'gpus'> | Gpu[]): Gpu[] {
  return Array.isArray(catalog) ? catalog : catalog.gpus;
}

/**
 * Finds the catalog GPU a driver-reported name means. `vramBytes` is the memory the driver
 * reported, when it is trustworthy (nvidia-smi, OpenCL, Windows' registry; not lspci's aperture);
 * it decides between cards that share a name ("7900 XT/7900 XTX", an 8 and a 16 GB "Arc A770").
 * Without it the smallest candidate wins, because overstating memory is the costly mistake.
 * Laptop and desktop parts never match each other: they share names but not bandwidth or power.
 */
export function matchGpu(
  name: string,
  vramBytes: number | undefined,
  catalog: Pick<Catalog, 'gpus'> | Gpu[],
  vendor?: Gpu['vendor'] | 'unknown',
): GpuMatch | undefined {
  const gpus = gpusOf(catalog).filter((g) => !vendor || vendor === 'unknown' || g.vendor === vendor);
  const trimmed = name.trim();
  if (!trimmed) return undefined;
  const byId = gpus.find((g) => g.id === trimmed.toLowerCase());
  if (byId) return { gpu: byId, alternatives: [], ambiguous: false };

  const reported = reportedNames(trimmed).map(tokenize);
  const laptop = isLaptopName(trimmed);
  let best = 0;
  let candidates: Gpu[] = [];
  for (const gpu of gpus) {
    let s = 0;
    for (const n of catalogNames(gpu).map(tokenize)) {
      if ((gpu.laptop || n.laptop) !== laptop) continue;
      for (const r of reported) s = Math.max(s, score(r, n));
    }
    if (s === 0) continue;
    if (s > best) {
      best = s;
      candidates = [gpu];
    } else if (s === best) candidates.push(gpu);
  }
  // A size in the name ("A100-SXM4-40GB") rules out catalog cards of another size: same chip, other card.
  const named = memoryHintFromName(trimmed);
  if (named !== undefined) candidates = candidates.filter((g) => Math.abs(g.memoryGiB * GiB - named) <= 0.1 * named);
  if (candidates.length === 0) return undefined;
  const hint = vramBytes ?? memoryHintFromName(trimmed);
  const sizes = new Set(candidates.map((g) => g.memoryGiB));
  let chosen: Gpu;
  if (hint !== undefined && hint > 0) {
    chosen = candidates.reduce((a, b) => (Math.abs(b.memoryGiB * GiB - hint) < Math.abs(a.memoryGiB * GiB - hint) ? b : a));
  } else {
    chosen = candidates.reduce((a, b) => (b.memoryGiB < a.memoryGiB ? b : a));
  }
  return {
    gpu: chosen,
    alternatives: candidates.filter((g) => g !== chosen),
    ambiguous: (hint === undefined || !(hint > 0)) && sizes.size > 1,
  };
}

/**
 * For names people type into settings ("4090", "rx 7900 xtx", "M3 Max"): the catalog GPU whose
 * name contains every word typed, when that leaves one card (or cards of one memory size).
 */
export function looseMatchGpu(typed: string, catalog: Pick<Catalog, 'gpus'> | Gpu[]): GpuMatch | undefined {
  const exact = matchGpu(typed, undefined, catalog);
  if (exact) return exact;
  const want = tokenize(typed);
  if (want.core.size === 0) return undefined;
  const candidates = gpusOf(catalog).filter((gpu) =>
    catalogNames(gpu).some((name) => {
      const n = tokenize(name);
      if ((gpu.laptop || n.laptop) !== want.laptop) return false;
      for (const t of want.core) if (!n.core.has(t)) return false;
      // "4070" alone should not pick the 4070 Ti: leftover variant words rule a name out.
      for (const t of n.core) if (!want.core.has(t) && VARIANT.has(t)) return false;
      return true;
    }),
  );
  if (candidates.length === 0) return undefined;
  const chosen = candidates.reduce((a, b) => (b.memoryGiB < a.memoryGiB ? b : a));
  return {
    gpu: chosen,
    alternatives: candidates.filter((g) => g !== chosen),
    ambiguous: new Set(candidates.map((g) => g.memoryGiB)).size > 1,
  };
}
