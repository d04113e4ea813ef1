import type { KindCheck } from './types';

export const gpusCheck: KindCheck = {
  kind: 'gpus',
  check(catalog) {
    const problems: string[] = [];
    for (const entry of catalog.gpus) if (!entry.sources.length) problems.push(`${'id' in entry ? entry.id : '?'}: no source`);
    return { problems, counts: { entries: catalog.gpus.length } };
  },
};
