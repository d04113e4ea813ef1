import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { caret, closeAll, extension, hoverText, openFile, waitFor } from './helpers';

interface Api {
  health(): Promise<{ pid: number; uptimeMs: number; detection: string } | undefined>;
}

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hoverText(hovers ?? []);
}

describe('the language server killed mid-session (issue 11, watchdog)', () => {
  after(closeAll);

  it('comes back and answers a hover again', async () => {
    const { text, position } = caret('Long prompts make the |KV cache grow.\n');
    const { document } = await openFile('watchdog/kill.md', text);
    await waitFor('a first hover', async () => /KV cache/.test(await hoverAt(document.uri, position)));
    const api = (await extension().activate()) as Api;
    const before = await waitFor('the server to report its health', () => api.health());
    process.kill(before.pid, 'SIGKILL');
    const after = await waitFor(
      'a restarted server with a new pid',
      async () => {
        const h = await api.health();
        return h && h.pid !== before.pid ? h : undefined;
      },
      30_000,
    );
    assert.notEqual(after.pid, before.pid);
    const shown = await waitFor('a hover from the restarted server', async () => {
      const t = await hoverAt(document.uri, position);
      return /KV cache/.test(t) ? t : undefined;
    });
    assert.match(shown, /KV cache/);
    // The suites after this one judge against the detected RAM: leave with detection done.
    await waitFor('the restarted server to finish detecting hardware', async () => (await api.health())?.detection !== 'pending');
  });
});
