import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { moe, writeGguf, writeOllamaStore } from '../helpers/gguf';
import { caret, closeAll, hoverText, openFile, waitFor } from './helpers';

describe('a model name resolved from a local Ollama store', () => {
  let store: string;
  before(async () => {
    store = fs.mkdtempSync(path.join(os.tmpdir(), 'rlai-ollama-'));
    writeOllamaStore(store, 'fixture-moe', '3b', writeGguf(moe().spec), { params: { num_ctx: 4096 } });
    await vscode.workspace.getConfiguration('runlocalai').update('sources.ollamaModels', store, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('runlocalai').update('sources.ollamaModels', undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('hovers the pulled tag with the facts of its GGUF blob and says where they came from', async () => {
    const { text, position } = caret('Run `ollama run fixture-|moe:3b` for the tiny MoE.\n');
    const { document } = await openFile('sources/store.md', text);
    const shown = await waitFor(
      'a hover on fixture-moe:3b that names the Ollama store (does the server read runlocalai.sources.ollamaModels?)',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const t = hoverText(hovers ?? []);
        return /Ollama store/.test(t) ? t : undefined;
      },
      40_000,
    );
    assert.match(shown, /fixture-moe:3b/);
    assert.match(shown, /sha256-[0-9a-f]{64}/, `the hover does not name the blob it read:\n${shown}`);
    assert.match(shown, /MoE 2\/8 experts/, `the hover does not show the blob's architecture:\n${shown}`);
  });
});
