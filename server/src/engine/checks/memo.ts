import type { Hardware } from '../hardware/types';

/**
 * A map that keeps at most `limit` entries, dropping the least recently used: answers worth
 * remembering across documents (the same model on the same card) without growing with every question.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();
  /** The most recently used key: asked again (every file of a `check` run asking the same question), it is already last. */
  private newest: string | undefined;
  constructor(readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined || key === this.newest) return value;
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
    this.newest = undefined;
  }
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/**
 * A number for an object, the same for as long as the object lives: catalog models and
 * quantizations are shared objects, so a key holds their identity rather than their contents; a
 * model read from a file is a new object and never matches another one's answer.
 */
export function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return id;
}

const hardwareKeys = new WeakMap<Hardware, string>();
/** Each distinct hardware's contents, numbered: keys carry the number, not the whole description. */
const hardwareNumbers = new Map<string, string>();
const MAX_HARDWARE_NUMBERS = 256;

/**
 * Hardware by what it holds: a deployment's own view of the hardware (its CUDA_VISIBLE_DEVICES,
 * `-ngl 0`) is a new object each check, with the same contents each time. Written once per object.
 */
export function hardwareKey(hardware: Hardware): string {
  let key = hardwareKeys.get(hardware);
  if (key !== undefined) return key;
  const contents = JSON.stringify(hardware);
  key = hardwareNumbers.get(contents);
  if (key === undefined) {
    // Numbers are never reused: a cleared table only means a known hardware gets a new one.
    if (hardwareNumbers.size >= MAX_HARDWARE_NUMBERS) hardwareNumbers.clear();
    hardwareNumbers.set(contents, (key = `h${nextHardware++}`));
  }
  hardwareKeys.set(hardware, key);
  return key;
}
let nextHardware = 1;

/**
 * An object's fields as a key: numbers and booleans as written, strings with their length (so that
 * no value can pass for another field), objects and functions by identity, `expand`ed fields (an
 * environment) by their entries. Undefined fields are left out: a question with
 * `gpuLayers: undefined` is the same question as one without it.
 */
export function fieldsKey(value: object, expand: ReadonlySet<string> = NO_EXPANSION): string {
  let key = '';
  for (const name in value) {
    const v = (value as Record<string, unknown>)[name];
    if (v === undefined) continue;
    key += `${name.length}:${name}`;
    if (typeof v === 'string') key += `'${v.length}:${v}`;
    else if (typeof v === 'object' && v !== null) key += expand.has(name) ? `{${fieldsKey(v)}}` : `#${identityOf(v)};`;
    else if (typeof v === 'function') key += `#${identityOf(v)};`;
    else key += `=${String(v)};`;
  }
  return key;
}

const NO_EXPANSION: ReadonlySet<string> = new Set();
