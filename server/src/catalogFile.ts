import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from './engine/catalog/schema';

// The shipped catalog is about 1 MB and the benchmark's scaled one about 2 MB; anything far
// beyond is not a catalog this build wrote.
const MAX_CATALOG_BYTES = 64 * 1024 * 1024;

/** The catalog compiled at build time, shipped beside the bundles in dist/. */
export function loadBundledCatalog(dir: string = __dirname): Catalog {
  return loadCatalogFile(path.join(dir, 'catalog.json'));
}

/** A compiled catalog.json (the bundled one, or the benchmark's scaled one through RUNLOCALAI_CATALOG). */
export function loadCatalogFile(file: string): Catalog {
  try {
    return JSON.parse(readAtMost(file, MAX_CATALOG_BYTES)) as Catalog;
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
