import type { Catalog, GlossaryEntry } from '../catalog/schema';
import type { TermIndex } from '../terms/termIndex';
import { openKbAction } from '../types';
import { actionLink, type ActionLinkStyle } from './actionLink';
import { escapeProse, fenced } from './catalogText';

const SHOW_TERM = 'runlocalai.showTerm';

/** A link that opens a term's full entry where the client runs our commands; plain text elsewhere. */
function termLink(label: string, id: string, style: ActionLinkStyle): string {
  return style === 'command' ? `[${label}](command:${SHOW_TERM}?${encodeURIComponent(JSON.stringify([{ id }]))})` : label;
}

/** Hover text for a glossary term: definition first, then a practical example, the workflow and where to go next. */
export function renderGlossaryHover(
  entry: GlossaryEntry,
  terms: TermIndex,
  catalog: Pick<Catalog, 'errors'>,
  style: ActionLinkStyle = 'web',
): string {
  const parts: string[] = [heading(entry, '###')];
  parts.push(escapeProse(entry.definition.trim()));
  parts.push(`**Practical example.** ${escapeProse(entry.example.trim())}`);
  parts.push(workflowText(entry));
  parts.push(...links(entry, terms, catalog, style));
  const sources = entry.sources.slice(0, 2).map((s) => `[${s.title}](${s.url})`);
  const open = style === 'command' ? `${termLink('Open the full entry', entry.id, style)} · ` : '';
  parts.push(`${open}Sources: ${sources.join(' · ')}`);
  return parts.join('\n\n');
}

/** The whole entry as a Markdown document, for the read-only view and `runlocalai define`. */
export function renderGlossaryEntry(
  entry: GlossaryEntry,
  terms: TermIndex,
  catalog: Pick<Catalog, 'errors'>,
  style: ActionLinkStyle = 'web',
): string {
  const parts: string[] = [heading(entry, '#')];
  parts.push(escapeProse(entry.definition.trim()));
  parts.push(`## Deeper dive\n\n${escapeProse(entry.deeperDive.trim())}`);
  parts.push(`## Practical example\n\n${escapeProse(entry.example.trim())}`);
  parts.push(`## Workflow example\n\n${workflowText(entry)}`);
  if (entry.matching) parts.push(`## Matching\n\n${escapeProse(entry.matching.note)}`);
  parts.push(...links(entry, terms, catalog, style));
  parts.push(`## Sources\n\n${entry.sources.map((s) => `- [${s.title}](${s.url})`).join('\n')}`);
  return parts.join('\n\n') + '\n';
}

function heading(entry: GlossaryEntry, level: string): string {
  const aka = [...entry.acronyms, ...entry.aliases].filter((a) => a.toLowerCase() !== entry.term.toLowerCase());
  return `${level} ${escapeProse(entry.term)}\n*${entry.category}*${aka.length ? ` · also: ${escapeProse(aka.slice(0, 4).join(', '))}` : ''}`;
}

function workflowText(entry: GlossaryEntry): string {
  const w = entry.workflow;
  const text = `**In ${escapeProse(w.tool)}.** ${escapeProse(w.text)}`;
  return w.code ? `${text}\n\n${fenced(w.code, w.language ?? 'text')}` : text;
}

function links(entry: GlossaryEntry, terms: TermIndex, catalog: Pick<Catalog, 'errors'>, style: ActionLinkStyle): string[] {
  const out: string[] = [];
  const related = entry.related.map((id) => terms.byId(id)).filter((t): t is GlossaryEntry => !!t);
  if (related.length) out.push(`**Related:** ${related.map((t) => termLink(escapeProse(t.term), t.id, style)).join(' · ')}`);
  const kb = entry.kb
    .map((id) => catalog.errors.find((e) => e.id === id))
    .filter((e) => !!e)
    .map((e) => actionLink(e.title, openKbAction(e.id), style, catalog.errors));
  if (kb.length) out.push(`**When it doesn't work:** ${kb.join(' · ')}`);
  return out;
}
