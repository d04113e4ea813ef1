import type { KindCheck } from './types';

export const quantizationsCheck: KindCheck = {
  kind: 'quantizations',
  check(catalog) {
    const problems: string[] = [];
    for (const entry of catalog.quantizations) if (!entry.sources.length) problems.push(`${'id' in entry ? entry.id : '?'}: no source`);
    return { problems, counts: { entries: catalog.quantizations.length } };
  },
};
