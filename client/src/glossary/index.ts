import * as vscode from 'vscode';
import type { CatalogItemKind } from '../../../server/src/catalogRequests';
import type { Ctx } from '../context';
import { CatalogClient } from './catalogClient';
import { CatalogTree } from './catalogTree';
import { lookUpTerm, showTerm } from './lookUpTerm';

/** Look up a term, the catalog tree view and the commands that open entries from them. */
export function registerGlossary(ctx: Ctx): void {
  const catalog = new CatalogClient(ctx);
  const tree = new CatalogTree(catalog);
  ctx.push(tree, vscode.window.registerTreeDataProvider(CatalogTree.viewId, tree));
  ctx.push(ctx.onDidStart(() => tree.refresh()));
  const commands: Record<string, (...args: never[]) => unknown> = {
    'runlocalai.lookUpTerm': lookUpTerm(catalog),
    'runlocalai.showTerm': showTerm(catalog),
    'runlocalai.openCatalogItem': (arg?: { kind?: CatalogItemKind; id?: string }) =>
      arg?.kind && arg.id ? catalog.show(arg.kind, arg.id) : undefined,
    // For tests and other extensions: the tree's top level and one section, as labels.
    'runlocalai.catalogTreeLabels': async (section?: string) => {
      const roots = await tree.getChildren();
      const root = section ? roots.find((r) => r.kind === 'section' && r.section === section) : undefined;
      const nodes = root ? await tree.getChildren(root) : roots;
      return nodes.map((n) => tree.getTreeItem(n).label);
    },
  };
  for (const [name, fn] of Object.entries(commands)) ctx.push(vscode.commands.registerCommand(name, fn));
}
