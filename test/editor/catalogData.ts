// Facts the suites need from the catalog's YAML sources, read at test time so that the tests follow the data.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './helpers';

function readEntries<T>(folder: string): T[] {
  const dir = path.join(repoRoot, 'catalog', folder);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => {
      const doc = parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
      if (Array.isArray(doc)) return doc as T[];
      const list = Object.values(doc as Record<string, unknown>).find(Array.isArray);
      return (list ?? [doc]) as T[];
    });
}

export interface GlossaryYamlEntry {
  id: string;
  term: string;
  definition: string;
}

export function glossaryEntry(term: string): GlossaryYamlEntry {
  const hit = readEntries<GlossaryYamlEntry>('glossary').find((e) => e?.term?.toLowerCase() === term.toLowerCase());
  if (!hit) throw new Error(`catalog/glossary has no entry with term "${term}"`);
  return hit;
}

export interface GpuYamlEntry {
  name: string;
  vendor: string;
  memoryGiB: number;
  unified?: boolean;
}

/** The discrete GPU with the most memory: a 70B model at 4 bits fits there if it fits anywhere. */
export function biggestDiscreteGpu(): GpuYamlEntry {
  const gpus = readEntries<GpuYamlEntry>('gpus').filter((g) => g && !g.unified && g.vendor !== 'apple');
  if (gpus.length === 0) throw new Error('catalog/gpus lists no discrete GPU');
  return gpus.reduce((a, b) => (b.memoryGiB > a.memoryGiB ? b : a));
}

export function gpuNamed(fragment: string): GpuYamlEntry {
  const hit = readEntries<GpuYamlEntry>('gpus').find((g) => g?.name?.endsWith(fragment));
  if (!hit) throw new Error(`catalog/gpus has no GPU whose name ends with "${fragment}"`);
  return hit;
}
