import * as vscode from 'vscode';
import type { CatalogIndex, CatalogItemKind } from '../../../server/src/catalogRequests';
import type { CatalogClient } from './catalogClient';

type Node =
  | { kind: 'section'; section: 'glossary' | 'models' | 'gpus' | 'errors'; label: string }
  | { kind: 'category'; category: string }
  | { kind: 'item'; item: CatalogItemKind; id: string; label: string; tooltip?: string };

/**
 * The catalog tree: glossary by category (terms in the order users meet them), models, GPUs
 * and KB entries. Selecting an item opens its full entry in the read-only view.
 */
export class CatalogTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly viewId = 'runlocalai.catalog';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly catalog: CatalogClient) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'section')
      return withId(new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed), `s:${node.section}`);
    if (node.kind === 'category')
      return withId(new vscode.TreeItem(node.category, vscode.TreeItemCollapsibleState.Collapsed), `c:${node.category}`);
    const item = withId(new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None), `${node.item}:${node.id}`);
    item.tooltip = node.tooltip;
    item.command = { command: 'runlocalai.openCatalogItem', title: 'Open', arguments: [{ kind: node.item, id: node.id }] };
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const index = await this.catalog.getIndex();
    if (!index) return [];
    if (!node)
      return [
        { kind: 'section', section: 'glossary', label: `Glossary (${new Set(index.terms.map((t) => t.id)).size})` },
        { kind: 'section', section: 'models', label: `Models (${index.models.length})` },
        { kind: 'section', section: 'gpus', label: `GPUs (${index.gpus.length})` },
        { kind: 'section', section: 'errors', label: `Error KB (${index.errors.length})` },
      ];
    if (node.kind === 'section') return sectionChildren(index, node.section);
    if (node.kind === 'category')
      return index.terms
        .filter((t) => t.category === node.category && t.name === t.term)
        .map((t) => ({ kind: 'item', item: 'term', id: t.id, label: t.term, tooltip: t.summary }));
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function sectionChildren(index: CatalogIndex, section: 'glossary' | 'models' | 'gpus' | 'errors'): Node[] {
  switch (section) {
    case 'glossary':
      return index.categories.filter((c) => index.terms.some((t) => t.category === c)).map((category) => ({ kind: 'category', category }));
    case 'models':
      return index.models.map((m) => ({ kind: 'item', item: 'model', id: m.id, label: m.name }));
    case 'gpus':
      return index.gpus.map((g) => ({ kind: 'item', item: 'gpu', id: g.id, label: g.name }));
    case 'errors':
      return index.errors.map((e) => ({ kind: 'item', item: 'error', id: e.id, label: e.title }));
  }
}

function withId(item: vscode.TreeItem, id: string): vscode.TreeItem {
  item.id = id;
  return item;
}
