import type { Catalog } from '../../engine/catalog/schema';
import { renderGlossaryEntry } from '../../engine/render/glossaryHover';
import { findTerm } from '../../engine/terms/lookup';
import { createTermIndex } from '../../engine/terms/termIndex';
import { parse, UsageError } from '../args';
import type { CliCommand } from '../cli';
import type { CliIO } from '../io';

export const defineUsage = 'runlocalai define <term> [--json]';

export const defineCommand: CliCommand = {
  name: 'define',
  summary: 'What a local-AI term means: the glossary entry for a term, alias or acronym.',
  usage: defineUsage,
  examples: ['runlocalai define kv cache', 'runlocalai define MoE', 'runlocalai define num_ctx --json'],
  run: (argv, deps) => Promise.resolve(runDefine(argv, deps.catalog, deps.io)),
};

/**
 * `runlocalai define <term>`: the glossary entry for a term, alias or acronym, as Markdown
 * (or the catalog entry as JSON). Exit 1 when no term or several match.
 */
export function runDefine(argv: string[], catalog: Catalog, io: CliIO): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(`define needs a term.\nusage: ${defineUsage}`);
  const query = positionals.join(' ');
  const { entry, candidates } = findTerm(catalog.glossary, query);
  if (!entry) {
    io.err(
      candidates.length
        ? `runlocalai: "${query}" matches several terms: ${candidates.map((c) => c.term).join(', ')}`
        : `runlocalai: no glossary term "${query}"`,
    );
    return 1;
  }
  if (values.json) io.out(JSON.stringify(entry, null, 2));
  else io.out(renderGlossaryEntry(entry, createTermIndex(catalog.glossary), catalog).trimEnd());
  return 0;
}
