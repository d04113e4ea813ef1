import type { GlossaryEntry } from '../catalog/schema';
import type { TermIndex } from '../terms/termIndex';
import type { Catalog } from '../catalog/schema';
import { actionLink, type ActionLinkStyle } from './actionLink';
import { openKbAction } from '../types';

/** Hover text for a glossary term: definition first, then a practical example and where to go next. */
export function renderGlossaryHover(
  entry: GlossaryEntry,
  terms: TermIndex,
  catalog: Pick<Catalog, 'errors'>,
  links: ActionLinkStyle = 'web',
): string {
  const parts: string[] = [];
  const aka = [...entry.acronyms, ...entry.aliases].filter((a) => a.toLowerCase() !== entry.term.toLowerCase());
  parts.push(`### ${entry.term}\n*${entry.category}*${aka.length ? ` · also: ${aka.slice(0, 4).join(', ')}` : ''}`);
  parts.push(entry.definition.trim());
  parts.push(`**Practical example.** ${entry.example.trim()}`);
  const related = entry.related.map((id) => terms.byId(id)?.term).filter((t): t is string => !!t);
  if (related.length) parts.push(`**Related:** ${related.join(' · ')}`);
  const kb = entry.kb
    .map((id) => catalog.errors.find((e) => e.id === id))
    .filter((e) => !!e)
    .map((e) => actionLink(e.title, openKbAction(e.id), links, catalog.errors));
  if (kb.length) parts.push(`**When it doesn't work:** ${kb.join(' · ')}`);
  parts.push(`Sources: ${entry.sources.map((s) => `[${s.title}](${s.url})`).join(' · ')}`);
  return parts.join('\n\n');
}
