import type { ErrorEntry } from '../catalog/schema';
import { commandLink } from './markdown';

/** Hover on a known error line: what it means, the first things to try, and the whole entry a click away. */
export function renderKbHover(entry: ErrorEntry): string {
  const steps = entry.solutions.slice(0, 3).map((s, i) => `${i + 1}. **${s.title}.** ${s.detail}`);
  return [
    `### ${entry.title}`,
    `*${entry.category}* · ${entry.runtimes.join(', ')}`,
    entry.cause,
    steps.join('\n'),
    `${commandLink('Open the KB entry', 'runlocalai.openKbEntry', [{ id: entry.id }])} · [runlocalai.co](${entry.url})`,
  ].join('\n\n');
}
