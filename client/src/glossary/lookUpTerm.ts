import * as vscode from 'vscode';
import type { TermChoice } from '../../../server/src/catalogRequests';
import type { CatalogClient } from './catalogClient';

interface TermItem extends vscode.QuickPickItem {
  choice: TermChoice;
}

/**
 * RunLocalAI: Look up a term. A QuickPick over every term and alias with its one-line definition;
 * the pick opens the full entry. With a string argument (tests, other extensions) it opens that
 * term directly and returns its title.
 */
export function lookUpTerm(catalog: CatalogClient) {
  return async (query?: string): Promise<string | undefined> => {
    const index = await catalog.getIndex();
    if (!index) return undefined;
    if (typeof query === 'string' && query.trim()) {
      const q = query.trim().toLowerCase();
      const hit = index.terms.find((t) => t.name.toLowerCase() === q || t.id === q);
      return hit ? catalog.show('term', hit.id) : undefined;
    }
    const items: TermItem[] = index.terms.map((t) => ({
      label: t.name,
      description: t.name === t.term ? t.category : `→ ${t.term}`,
      detail: t.summary,
      choice: t,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'RunLocalAI: Look up a term',
      placeHolder: 'Type a term, alias or acronym (KV cache, GGUF, num_ctx, MoE...)',
      matchOnDescription: true,
      matchOnDetail: false,
    });
    return picked ? catalog.show('term', picked.choice.id) : undefined;
  };
}

/** runlocalai.showTerm: opens one term's full entry (hover and entry links call it with `{ id }`). */
export function showTerm(catalog: CatalogClient) {
  return async (arg?: { id?: string } | string): Promise<string | undefined> => {
    const id = typeof arg === 'string' ? arg : arg?.id;
    if (!id) return undefined;
    const title = await catalog.show('term', id);
    if (!title) void vscode.window.showWarningMessage(`RunLocalAI: no glossary term "${id}".`);
    return title;
  };
}
