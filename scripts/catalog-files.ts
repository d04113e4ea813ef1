import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogSourceFile } from '../server/src/engine/catalog/load';

/** Every `*.yaml` under `<root>/catalog`, in a stable order, with paths relative to root. */
export function readCatalogSources(root: string): CatalogSourceFile[] {
  const dir = path.join(root, 'catalog');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  return files.map((p) => ({ path: path.relative(root, p), text: fs.readFileSync(p, 'utf8') }));
}
