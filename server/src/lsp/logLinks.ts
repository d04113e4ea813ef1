import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { DocumentLike, LogConfigLink } from '../engine/languageService';
import { nodeFiles } from '../cli/nodeIO';
import { projectConfigs } from '../cli/projectConfigs';
import { escapeMarkdown } from '../engine/render/markdown';

// A workspace is walked for configs at most this often (a hover or code action on a log asks).
const RESCAN_MS = 30_000;

/** Documents a log may come from: open configs first, then the workspace's (bounded walk, trusted only). */
export class LogConfigs {
  private scanned?: { at: number; docs: DocumentLike[] };
  private walks = 0;

  constructor(
    private readonly roots: () => readonly string[],
    private readonly trusted: () => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  candidates(open: readonly DocumentLike[]): DocumentLike[] {
    if (!this.trusted()) return [...open];
    if (!this.scanned || this.now() - this.scanned.at > RESCAN_MS)
      this.scanned = { at: this.now(), docs: this.roots().flatMap((r) => projectConfigs(r, nodeFiles, ++this.walks)) };
    const openUris = new Set(open.map((d) => d.uri));
    // An open document's text wins over what is on disk.
    return [...open, ...this.scanned.docs.filter((d) => !openUris.has(d.uri))];
  }
}

function fileLabel(uri: string): string {
  try {
    return path.basename(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

/**
 * "Open the config" as a link that editors open at the line, and the config's own best fix. Names and
 * titles carry text from the files (model names, values), so they are escaped.
 */
export function logLinkMarkdown(link: LogConfigLink): string {
  const where = escapeMarkdown(`${fileLabel(link.uri)}:${link.line + 1}`);
  // Parentheses and spaces would end a Markdown link target; encodeURIComponent leaves parentheses alone.
  const target = `${link.uri}#L${link.line + 1}`.replace(
    /[()\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  const lines = ['---', `**Open the config:** [${where}](${target}) (${escapeMarkdown(link.reasons.join(', '))})`];
  if (link.fix) lines.push('', `Its fix: ${escapeMarkdown(link.fix.title)}`);
  if (link.figureFix) lines.push('', `The runtime's own figure: ${escapeMarkdown(link.figureFix.title)}`);
  return lines.join('\n');
}

/** Quick fixes on a log line that edit the linked config: its best fix, and the value the runtime printed. */
export function logLinkActions(link: LogConfigLink | undefined): CodeAction[] {
  if (!link) return [];
  const name = fileLabel(link.uri);
  const actions: CodeAction[] = [];
  if (link.figureFix)
    actions.push({
      title: `${link.figureFix.title} (${name})`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      edit: { changes: { [link.uri]: link.figureFix.edits } },
    });
  if (link.fix)
    actions.push({
      title: `${link.fix.title} (${name})`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [link.uri]: link.fix.edits } },
    });
  return actions;
}
