import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCatalogSources } from '../../../scripts/catalog-files';
import { formatProblem, loadCatalogFiles } from '../../../server/src/engine/catalog/load';
import type { Catalog, Gpu } from '../../../server/src/engine/catalog/schema';
import type { RawHardware } from '../../../server/src/engine/hardware/raw';

let cached: Pick<Catalog, 'gpus'> | undefined;

/** catalog/gpus/*.yaml alone, so these tests do not depend on the glossary or model files. */
export function gpuCatalog(): Pick<Catalog, 'gpus'> {
  if (cached) return cached;
  const sources = readCatalogSources(process.cwd()).filter((f) => /^catalog[\\/]gpus[\\/]/.test(f.path));
  if (sources.length === 0) throw new Error('catalog/gpus/*.yaml is missing: these tests match against the real GPU catalog');
  const result = loadCatalogFiles(sources);
  if (!result.ok) throw new Error(`catalog/gpus is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  cached = { gpus: result.catalog.gpus };
  return cached;
}

/** The catalog GPU a test relies on, or a failure that says which one is missing. */
export function requireGpu(id: string): Gpu {
  const gpu = gpuCatalog().gpus.find((g) => g.id === id);
  if (!gpu) throw new Error(`catalog/gpus has no GPU with id "${id}", which this test needs`);
  return gpu;
}

/** A systeminformation fixture from test/fixtures/hardware. */
export function fixture(name: string): RawHardware {
  const file = path.join(process.cwd(), 'test', 'fixtures', 'hardware', `${name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RawHardware;
}
