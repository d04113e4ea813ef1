import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { caret, closeAll, hoverText, openFile, waitFor } from './helpers';

/** The read-only entry documents the extension opened (same view as KB entries). */
function entryDocument(prefix: string): vscode.TextDocument | undefined {
  // The view names documents "Term: KV cache" with the colon made safe for a path ("Term- KV cache.md").
  const path = `/${prefix.replace(/:/g, '-')}`;
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'runlocalai' && d.uri.path.startsWith(path));
}

describe('glossary: Look up a term and the catalog tree', () => {
  afterEach(closeAll);

  it('Look up a term opens a QuickPick of terms; accepting one opens its full entry', async () => {
    let settled = false;
    const pending = Promise.resolve(vscode.commands.executeCommand<string | undefined>('runlocalai.lookUpTerm')).finally(
      () => (settled = true),
    );
    // The QuickPick appears once the server has sent the index; accept its first item.
    await waitFor('the QuickPick to take the first term', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    });
    const title = await pending;
    assert.ok(title, 'no term was opened from the QuickPick');
    const doc = await waitFor('the entry document', () => entryDocument(`Term: ${title}`));
    assert.match(doc.getText(), /## Deeper dive/);
    assert.match(doc.getText(), /## Workflow example/);
  });

  it('Look up a term with a name opens that entry directly', async () => {
    const title = await vscode.commands.executeCommand<string | undefined>('runlocalai.lookUpTerm', 'KV cache');
    assert.equal(title, 'KV cache');
    const doc = await waitFor('the KV cache entry', () => entryDocument('Term: KV cache'));
    assert.match(doc.getText(), /^# KV cache/m);
  });

  it('the catalog tree lists the glossary by category, models, GPUs and KB entries, and opens items', async () => {
    await vscode.commands.executeCommand('runlocalai.catalog.focus');
    const roots = await waitFor('the tree roots', async () => {
      const labels = await vscode.commands.executeCommand<string[]>('runlocalai.catalogTreeLabels');
      return labels?.length ? labels : undefined;
    });
    assert.match(roots.join(' | '), /^Glossary \(\d{3}\) \| Models \(\d+\) \| GPUs \(\d+\) \| Error KB \(\d+\)$/);
    const categories = await vscode.commands.executeCommand<string[]>('runlocalai.catalogTreeLabels', 'glossary');
    assert.equal(categories[0], 'Generative AI');
    assert.ok(categories.includes('Sampling') && categories.includes('Runtimes and tools'), categories.join(', '));
    await vscode.commands.executeCommand('runlocalai.openCatalogItem', { kind: 'gpu', id: 'rtx-3090' });
    const gpu = await waitFor('the GPU entry', () => entryDocument('GPU: '));
    assert.match(gpu.getText(), /RTX 3090/);
  });

  it('a term hover links to the full entry, and runlocalai.hover.enabled switches hovers off per language', async () => {
    const { text, position } = caret('The K|V cache grows with context.\n');
    const editor = await openFile('glossary-hover.md', text);
    const hovers = await waitFor('a hover on KV cache', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      return hoverText(h).includes('KV cache') ? h : undefined;
    });
    assert.match(hoverText(hovers), /Open the full entry/);
    const config = vscode.workspace.getConfiguration('runlocalai.hover', { languageId: 'markdown' });
    await config.update('enabled', false, vscode.ConfigurationTarget.Global, true);
    try {
      await waitFor('hovers to stop in Markdown', async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
        return !hoverText(h).includes('Open the full entry');
      });
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });
});
