import type { ErrorEntry } from '../catalog/schema';
import { actionLink, type ActionLinkStyle } from './actionLink';
import { openKbAction } from '../types';

/** Hover on a known error line: what it means, the first things to try, and the whole entry a click away. */
export function renderKbHover(entry: ErrorEntry, links: ActionLinkStyle): string {
  const steps = entry.solutions.slice(0, 3).map((s, i) => `${i + 1}. **${s.title}.** ${s.detail}`);
  return [
    `### ${entry.title}`,
    `*${entry.category}* · ${entry.runtimes.join(', ')}`,
    entry.cause,
    steps.join('\n'),
    links === 'command'
      ? `${actionLink('Open the KB entry', openKbAction(entry.id), links, [entry])} · [runlocalai.co](${entry.url})`
      : `[Open the KB entry on runlocalai.co](${entry.url})`,
  ].join('\n\n');
}
