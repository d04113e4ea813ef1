import type { ErrorEntry } from '../catalog/schema';

/** An error-KB entry as a Markdown page, readable offline in the editor. */
export function renderKbEntry(entry: ErrorEntry, all: readonly ErrorEntry[]): string {
  const out: string[] = [`# ${entry.title}`, `*${entry.category}* · ${entry.runtimes.join(', ')} · last verified ${entry.lastVerified}`];
  out.push('## What you see', entry.printed.map((p) => '```text\n' + p + '\n```').join('\n'));
  out.push('## Cause', entry.cause);
  out.push('## What to do');
  entry.solutions.forEach((s, i) => {
    out.push(`${i + 1}. **${s.title}.** ${s.detail}`);
    for (const c of s.commands) out.push(`   - ${c.runtime}:\n\n     \`\`\`sh\n     ${c.command.split('\n').join('\n     ')}\n     \`\`\``);
  });
  const related = entry.related.map((id) => all.find((e) => e.id === id)).filter((e) => !!e);
  if (related.length) out.push('## Related', related.map((e) => `- ${e.title}`).join('\n'));
  // Which runtime and version printed each line, so a reader can tell whether it applies to theirs.
  out.push(
    '## Seen in',
    entry.samples.map((s) => `- ${s.runtime} ${s.version}: [${s.source.replace(/^https:\/\//, '')}](${s.source})`).join('\n'),
  );
  out.push('## Sources', entry.sources.map((s) => `- [${s.title}](${s.url})`).join('\n'));
  out.push(`[Open on runlocalai.co](${entry.url})`);
  return out.join('\n\n') + '\n';
}
