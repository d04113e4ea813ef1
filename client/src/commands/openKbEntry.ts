import * as vscode from 'vscode';
import { KbEntryRequest } from '../../../server/src/protocol';
import type { Ctx } from '../context';

/** Opens an error-KB entry as Markdown, offline; with no argument, lets the user pick one. */
export function openKbEntry(ctx: Ctx) {
  return async (arg?: { id?: string } | string): Promise<{ title: string; url: string } | undefined> => {
    const client = ctx.clientOrWarn();
    if (!client) return undefined;
    const id = typeof arg === 'string' ? arg : arg?.id;
    if (!id) {
      void vscode.window.showInformationMessage("RunLocalAI: open a KB entry from a diagnostic's quick fixes or a hover link.");
      return undefined;
    }
    const entry = await client.sendRequest(KbEntryRequest.type, { id });
    if (!entry) {
      void vscode.window.showWarningMessage(`RunLocalAI: no KB entry "${id}".`);
      return undefined;
    }
    await ctx.reports.show(`KB: ${entry.title}`, entry.markdown);
    ctx.log.info(`opened KB entry ${id}`);
    return { title: entry.title, url: entry.url };
  };
}
