import type { KindCheck } from './types';

export const glossaryCheck: KindCheck = {
  kind: 'glossary',
  check(catalog) {
    const problems: string[] = [];
    for (const entry of catalog.glossary) if (!entry.sources.length) problems.push(`${'id' in entry ? entry.id : '?'}: no source`);
    return { problems, counts: { entries: catalog.glossary.length } };
  },
};
