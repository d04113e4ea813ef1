import type { Range } from '../types';
import type { Deployment } from './types';

/** A key or flag a deployment sets that the estimate does not model, and why: said, never silently ignored. */
export interface Unmodelled {
  key: string;
  value: string;
  range: Range;
  why: string;
}

/** How the flags that move weights between devices change the estimate. */
export interface PlacementReading {
  /** Every layer's routed experts in system RAM (`--cpu-moe`, `-ot exps=CPU`). */
  moeOffload?: 'cpu';
  /** `--n-cpu-moe N`: the experts of the first N layers in system RAM. */
  cpuMoeLayers?: number;
  /** `-sm none`: the model on this one device (`-mg`, default 0). */
  onlyDevice?: number;
  unmodelled: Unmodelled[];
}

/** Flags the estimate does not model but that change memory; each is named in an information finding. */
const UNMODELLED_FLAGS: Record<string, string> = {
  '-nkvo': 'the KV cache stays in system RAM; the estimate places it with its layers on the GPU',
  '--no-kv-offload': 'the KV cache stays in system RAM; the estimate places it with its layers on the GPU',
  low_vram: 'LocalAI passes it to its llama.cpp backend; the estimate places everything as usual',
  no_kv_offloading: 'the KV cache stays in system RAM; the estimate places it with its layers on the GPU',
};

/**
 * Reads the placement flags of a llama.cpp deployment: `--cpu-moe`, `--n-cpu-moe N` and the
 * `-ot` pattern they stand for (llama.cpp's `common/arg.cpp` turns them into
 * `\.ffn_(up|down|gate)_exps=CPU` overrides), `-sm none` with `-mg`, and names what it cannot model.
 */
export function readPlacement(d: Deployment): PlacementReading {
  const out: PlacementReading = { unmodelled: [] };
  if (d.runtime !== 'llama.cpp') return out;
  const s = d.settings;
  const note = (setting: { key: string; value: string; range: Range } | undefined, why: string) => {
    if (setting) out.unmodelled.push({ key: setting.key, value: setting.value, range: setting.range, why });
  };
  const moe = s.cpuMoe?.value.trim().toLowerCase();
  if (moe === 'all') out.moeOffload = 'cpu';
  else if (moe !== undefined && /^\d{1,4}$/.test(moe)) out.cpuMoeLayers = Number(moe);
  else if (s.cpuMoe) note(s.cpuMoe, 'not a number of layers');

  if (s.overrideTensor) {
    const rules = s.overrideTensor.value.split(',').filter((r) => r.trim());
    if (rules.length > 0 && rules.every(allExpertsToCpu)) out.moeOffload = 'cpu';
    else
      note(
        s.overrideTensor,
        'only overrides that put every layer’s expert tensors on the CPU (exps=CPU, the same as --cpu-moe) are modelled; the estimate places the other tensors as usual',
      );
  }

  const mode = s.splitMode?.value.trim().toLowerCase();
  if (mode === 'none') {
    const main = s.mainGpu ? Number(s.mainGpu.value.trim()) : 0;
    if (Number.isInteger(main) && main >= 0) out.onlyDevice = main;
    else note(s.mainGpu, 'not a device index');
  } else if (mode === 'row') note(s.splitMode, 'row split is estimated as layer split (whole layers per GPU)');
  else if (mode !== undefined && mode !== 'layer') note(s.splitMode, 'the estimate splits by layer');

  if (s.tensorSplit) note(s.tensorSplit, 'the estimate fills the GPUs in order as far as each has room, not in these proportions');

  for (const k of d.otherKeys ?? []) {
    const why = UNMODELLED_FLAGS[k.key];
    if (why && !/^(false|0|no)$/i.test(k.value)) out.unmodelled.push({ key: k.key, value: k.value, range: k.keyRange, why });
  }
  return out;
}

/**
 * `exps=CPU`, `.ffn_.*_exps.=CPU`, `\.ffn_(up|down|gate)_exps=CPU`: every layer's routed experts
 * (all three projections) in system RAM. A pattern naming layers (`blk\.1[0-9]`) or only some
 * projections (`ffn_(up|down)_exps`) is not this.
 */
export function allExpertsToCpu(rule: string): boolean {
  const eq = rule.lastIndexOf('=');
  if (eq < 0) return false;
  const pattern = rule.slice(0, eq).trim();
  const buffer = rule
    .slice(eq + 1)
    .trim()
    .toUpperCase();
  if (buffer !== 'CPU' || !pattern.includes('exps')) return false;
  if (/\d/.test(pattern) || pattern.includes('blk')) return false;
  const open = pattern.indexOf('(');
  if (open < 0) return true;
  const group = pattern.slice(open + 1, pattern.indexOf(')', open));
  const parts = group.split('|');
  return ['up', 'down', 'gate'].every((p) => parts.includes(p));
}
