// The catalog as it will be once it has grown: real entries cloned under new ids until it has
// `terms` glossary terms, `models` models and `gpus` GPUs. Written to a temporary file for the
// server's RUNLOCALAI_CATALOG; never into catalog/.
import type { Catalog } from '../../server/src/engine/catalog/schema';

export interface CatalogSize {
  terms: number;
  models: number;
  gpus: number;
}

function grow<T extends { id: string }>(items: T[], count: number, clone: (item: T, copy: number) => T): T[] {
  const out = items.slice(0, count);
  for (let i = 0; out.length < count; i++) out.push(clone(items[i % items.length], Math.floor(i / items.length) + 1));
  return out;
}

export function scaleCatalog(catalog: Catalog, size: CatalogSize): Catalog {
  return {
    ...catalog,
    // A clone's term gets a new name so that it is a distinct thing to match, not a duplicate.
    glossary: grow(catalog.glossary, size.terms, (g, n) => ({
      ...g,
      id: `${g.id}-clone-${n}`,
      term: `${g.term} variant ${n}`,
      aliases: [],
      acronyms: [],
    })),
    models: grow(catalog.models, size.models, (m, n) => ({
      ...m,
      id: `${m.id}-clone-${n}`,
      name: `${m.name} clone ${n}`,
      ollama: [],
      aliases: [],
    })),
    gpus: grow(catalog.gpus, size.gpus, (g, n) => ({ ...g, id: `${g.id}-clone-${n}`, name: `${g.name} Clone ${n}`, aliases: [] })),
  };
}
