// What the memo tests (fit answers, whole deployment outcomes) judge against: the test catalog and
// hardware that gives different answers for the same question.
import type { Catalog } from '../../server/src/engine/catalog/schema';
import type { Hardware } from '../../server/src/engine/hardware/types';
import { testCatalog } from './catalog';
import { gpuHardware } from './documents';

export const memoCatalog = testCatalog();

/** One big GPU, one small one, two big ones, none: a question's answer differs on each. */
export const MEMO_HARDWARE: Hardware[] = [
  gpuHardware(memoCatalog, 'RTX 4090', 1, 64),
  gpuHardware(memoCatalog, 'RTX 4070', 1, 32),
  gpuHardware(memoCatalog, 'RTX 4090', 2, 128),
  { devices: [], ramBytes: 32 * 2 ** 30, source: 'setting' },
];

/** A catalog with the same facts and none of the memos of `memoCatalog` (they are kept per catalog). */
export const freshCatalog = (): Catalog => ({
  ...memoCatalog,
  models: [...memoCatalog.models],
  quantizations: [...memoCatalog.quantizations],
});
