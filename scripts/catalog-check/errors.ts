import type { KindCheck } from './types';

export const errorsCheck: KindCheck = {
  kind: 'errors',
  check(catalog) {
    const problems: string[] = [];
    for (const entry of catalog.errors) if (!entry.sources.length) problems.push(`${'id' in entry ? entry.id : '?'}: no source`);
    return { problems, counts: { entries: catalog.errors.length } };
  },
};
