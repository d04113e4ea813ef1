import type { KvCacheType } from '../estimate/types';
import type { Setting } from './types';

/** Reads a setting's value as the runtimes do; undefined when absent, null when it cannot be read. */
export function intValue(s: Setting | undefined): number | undefined | null {
  if (!s || s.unresolved) return undefined;
  const t = s.value.trim();
  if (!/^-?\d+$/.test(t)) return null;
  return Number(t);
}

export function floatValue(s: Setting | undefined): number | undefined | null {
  if (!s || s.unresolved) return undefined;
  const n = Number(s.value.trim());
  return s.value.trim() !== '' && Number.isFinite(n) ? n : null;
}

/** on/off/auto switches: true, false, or undefined for auto. */
export function switchValue(s: Setting | undefined): boolean | undefined {
  if (!s || s.unresolved) return undefined;
  const t = s.value.trim().toLowerCase();
  if (t === '' || t === 'on' || t === 'true' || t === '1' || t === 'yes' || t === 'enabled') return true;
  if (t === 'off' || t === 'false' || t === '0' || t === 'no' || t === 'disabled') return false;
  return undefined;
}

/** KV cache types the estimator models; vLLM's fp8 variants count as fp8. */
export function kvValue(s: Setting | undefined): KvCacheType | undefined {
  if (!s || s.unresolved) return undefined;
  const t = s.value.trim().toLowerCase();
  if (t === 'f16' || t === 'q8_0' || t === 'q4_0') return t;
  if (t.startsWith('fp8')) return 'fp8';
  return undefined;
}

export function isQuantizedKv(s: Setting | undefined): boolean {
  const t = s?.value.trim().toLowerCase() ?? '';
  return t.startsWith('q') || t.startsWith('iq');
}

/** llama.cpp -ngl: a count, or auto / all / a large number meaning every layer. */
export function gpuLayersValue(s: Setting | undefined, totalLayers: number): number | undefined | null {
  if (!s || s.unresolved) return undefined;
  const t = s.value.trim().toLowerCase();
  if (t === 'auto' || t === '-1') return undefined;
  if (t === 'all') return totalLayers + 1;
  const n = intValue(s);
  if (n === null || n === undefined) return n;
  return n < 0 ? undefined : Math.min(n, totalLayers + 1);
}
