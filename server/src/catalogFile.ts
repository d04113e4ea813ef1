import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog, GlossaryEntry } from './engine/catalog/schema';

// The shipped catalog is about 1 MB and the benchmark's scaled one about 2 MB; anything far
// beyond is not a catalog this build wrote.
const MAX_CATALOG_BYTES = 64 * 1024 * 1024;

/**
 * When a catalog without its glossary reads the glossary file beside it: at once (the language
 * server, whose hovers need it), or on the first use of `catalog.glossary` (the CLI, whose `check`
 * never uses it).
 */
export type GlossaryLoading = 'eager' | 'on-first-use';

/** The catalog compiled at build time, shipped beside the bundles in dist/. */
export function loadBundledCatalog(dir: string = __dirname, glossary: GlossaryLoading = 'eager'): Catalog {
  return loadCatalogFile(path.join(dir, 'catalog.json'), glossary);
}

/** The glossary the build writes beside a compiled catalog.json. */
export function glossaryFileFor(catalogFile: string): string {
  return path.join(path.dirname(catalogFile), 'glossary.json');
}

/**
 * A compiled catalog.json (the bundled one, or the benchmark's scaled one through
 * RUNLOCALAI_CATALOG). One without a glossary gets the glossary file beside it; one that holds its
 * glossary (as the scaled one does) is read whole.
 */
export function loadCatalogFile(file: string, glossary: GlossaryLoading = 'eager'): Catalog {
  const catalog = readJson(file) as Omit<Catalog, 'glossary'> & { glossary?: GlossaryEntry[] };
  if (Array.isArray(catalog.glossary)) return catalog as Catalog;
  const glossaryFile = glossaryFileFor(file);
  if (glossary === 'eager') return Object.assign(catalog, { glossary: readJson(glossaryFile) as GlossaryEntry[] });
  let entries: GlossaryEntry[] | undefined;
  return Object.defineProperty(catalog, 'glossary', {
    enumerable: true,
    get: () => (entries ??= readJson(glossaryFile) as GlossaryEntry[]),
  }) as Catalog;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readAtMost(file, MAX_CATALOG_BYTES));
  } catch (err) {
    throw new Error(`cannot read the RunLocalAI catalog at ${file}: ${(err as Error).message}. Run "npm run build".`, { cause: err });
  }
}

/**
 * Reads until the end of the file, refusing more than `maxBytes`. Sized by fstat for a plain file
 * (one read, as fast as readFileSync); grown as it goes for a pipe, whose size is unknown.
 */
function readAtMost(file: string, maxBytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(Math.min(fs.fstatSync(fd).size || 64 * 1024, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw new Error(`larger than ${maxBytes / 1024 / 1024} MiB`);
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw new Error(`larger than ${maxBytes / 1024 / 1024} MiB`);
    return buffer.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** What a shell asks for the catalog through: it is read on the first call, not before. */
export type CatalogSource = () => Catalog;

const EMPTY_CATALOG: Catalog = { glossary: [], models: [], gpus: [], quantizations: [], errors: [] };

/**
 * The language server's catalog, read when a request first needs it rather than while the client
 * waits for initialize. A catalog that cannot be read is reported once through `onError` and
 * replaced by an empty one: the server keeps answering (with nothing to say) instead of dying.
 */
export function lazyCatalog(load: () => Catalog, onError: (message: string) => void): CatalogSource {
  let catalog: Catalog | undefined;
  return () => {
    if (catalog) return catalog;
    try {
      catalog = load();
    } catch (err) {
      onError((err as Error).message);
      catalog = EMPTY_CATALOG;
    }
    return catalog;
  };
}
