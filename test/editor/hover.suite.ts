import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { glossaryEntry } from './catalogData';
import { caret, closeAll, hoverText, openFile, plainWords, waitFor } from './helpers';

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hoverText(hovers ?? []);
}

describe('hover on a glossary term', () => {
  after(closeAll);

  it('defines "KV cache" in a Markdown file with the glossary text', async () => {
    const entry = glossaryEntry('KV cache');
    // The first words of the definition as the catalog states them; the hover must carry them.
    const opening = plainWords(entry.definition).split(' ').slice(0, 6).join(' ');
    const { text, position } = caret('# Memory\n\nLong prompts make the |KV cache grow.\n');
    const { document } = await openFile('hover/memory.md', text);
    const shown = await waitFor('a hover that mentions "KV cache" (is the language server running?)', async () => {
      const t = await hoverAt(document.uri, position);
      return /KV cache/i.test(t) ? t : undefined;
    });
    assert.match(shown, /(^|\n)\s*(#+\s*|\*\*)KV cache/i, `the hover has no "KV cache" heading:\n${shown}`);
    assert.ok(plainWords(shown).includes(opening), `the hover lacks the definition's opening "${opening}":\n${shown}`);
  });

  it('finds the term from any character inside it, and not from a word next to it', async () => {
    const { text, position } = caret('The KV ca|che is kept per sequence.\n');
    const { document } = await openFile('hover/inside.md', text);
    await waitFor('a hover from the middle of "KV cache"', async () => /KV cache/i.test(await hoverAt(document.uri, position)));
    const opening = plainWords(glossaryEntry('KV cache').definition).split(' ').slice(0, 6).join(' ');
    const beside = await hoverAt(document.uri, new vscode.Position(0, 'The KV cache is ke'.length));
    assert.ok(!plainWords(beside).includes(opening), `"kept" shows the KV cache definition:\n${beside}`);
  });
});
