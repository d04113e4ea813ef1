import type { KindCheck } from './types';

export const modelsCheck: KindCheck = {
  kind: 'models',
  check(catalog) {
    const problems: string[] = [];
    for (const entry of catalog.models) if (!entry.sources.length) problems.push(`${'id' in entry ? entry.id : '?'}: no source`);
    return { problems, counts: { entries: catalog.models.length } };
  },
};
