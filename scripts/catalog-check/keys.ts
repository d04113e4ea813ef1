import { configRuntimes } from '../../server/src/engine/catalog/schema';
import type { KindCheck } from './types';

/** Config keys: each name (key or alias) belongs to one entry per runtime; counts by runtime. */
export const keysCheck: KindCheck = {
  kind: 'keys',
  check(catalog) {
    const keys = catalog.keys ?? [];
    const problems: string[] = [];
    const owner = new Map<string, string>();
    for (const k of keys) {
      for (const name of [k.key, ...k.aliases]) {
        const id = `${k.runtime}:${name}`;
        const other = owner.get(id);
        if (other && other !== k.id) problems.push(`${k.id}: "${name}" is also a name of ${other}`);
        owner.set(id, k.id);
      }
    }
    const counts: Record<string, number> = { entries: keys.length };
    for (const r of configRuntimes) counts[r] = keys.filter((k) => k.runtime === r).length;
    return { problems, counts };
  },
};
