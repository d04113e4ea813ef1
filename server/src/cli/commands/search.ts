import type { Gpu, Model } from '../../engine/catalog/schema';
import { formatParams } from '../../engine/render/format';
import { nearNames } from '../../engine/text/nearNames';
import { parse, SuggestingError } from '../args';
import type { CliCommand, CliDeps } from '../cli';

/** Every word of the query appears in one of the entry's names (case and punctuation ignored). */
function matches(names: readonly string[], query: string): boolean {
  const flat = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const hay = names.map(flat).join(' ');
  return query
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .every((w) => hay.includes(flat(w)));
}

async function search<T>(
  argv: string[],
  { io }: CliDeps,
  all: readonly T[],
  names: (x: T) => string[],
  row: (x: T) => string,
  json: (x: T) => unknown,
): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  const query = positionals.join(' ');
  const found = query ? all.filter((x) => matches(names(x), query)) : [...all];
  if (found.length === 0) {
    throw new SuggestingError(
      `nothing in the catalog matches "${query}"`,
      nearNames(
        query,
        all.flatMap((x) => names(x)),
      ),
    );
  }
  if (values.json) io.out(JSON.stringify(found.map(json), null, 2));
  else for (const x of found) io.out(row(x));
  return 0;
}

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'Search the catalog’s models by name, tag or id.',
  usage: 'runlocalai models [query] [--json]',
  examples: ['runlocalai models llama 3.1', 'runlocalai models qwen coder --json'],
  run: (argv, deps) =>
    search<Model>(
      argv,
      deps,
      deps.catalog.models,
      (m) => [m.id, m.name, ...m.ollama, ...m.huggingface, ...m.aliases],
      (m) =>
        `${m.name.padEnd(28)} ${formatParams(m.params).padStart(6)}${m.activeParams ? ` (${formatParams(m.activeParams)} active)` : ''}  ${m.ollama[0] ?? m.huggingface[0] ?? m.id}`,
      (m) => ({
        id: m.id,
        name: m.name,
        params: m.params,
        activeParams: m.activeParams ?? null,
        ollama: m.ollama,
        huggingface: m.huggingface,
      }),
    ),
};

export const gpusCommand: CliCommand = {
  name: 'gpus',
  summary: 'Search the catalog’s GPUs by name: memory and bandwidth.',
  usage: 'runlocalai gpus [query] [--json]',
  examples: ['runlocalai gpus 3090', 'runlocalai gpus radeon --json'],
  run: (argv, deps) =>
    search<Gpu>(
      argv,
      deps,
      deps.catalog.gpus,
      (g) => [g.id, g.name, ...g.aliases],
      (g) =>
        `${g.name.padEnd(32)} ${`${g.memoryGiB} GB`.padStart(7)}  ${`${g.bandwidthGBs} GB/s`.padStart(10)}${g.laptop ? '  laptop' : ''}`,
      (g) => ({ id: g.id, name: g.name, vendor: g.vendor, memoryGiB: g.memoryGiB, bandwidthGBs: g.bandwidthGBs, laptop: g.laptop }),
    ),
};
