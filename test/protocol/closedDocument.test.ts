import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/lspClient';

const CONFIG_DELAY_MS = 800;

function published(s: TestServer, uri: string): { version?: number; diagnostics: unknown[] }[] {
  return s.notifications
    .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri)
    .map((n) => n.params as { version?: number; diagnostics: unknown[] });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Push mode, with the client slow to answer workspace/configuration: validation waits on it.
describe('push diagnostics while the server awaits settings (issue 11, item 5)', function () {
  this.timeout(20_000);
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ pullDiagnostics: false, configurationDelayMs: CONFIG_DELAY_MS, settings: { gpu: 'RTX 4070' } });
  });
  after(() => s.stop());

  it('never publishes diagnostics for a document closed while its validation waited', async () => {
    const uri = 'file:///closed/Modelfile';
    s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'modelfile', version: 1, text: 'FROM llama3.1:70b\n' },
    });
    await sleep(400); // past the debounce: the push is now waiting for the settings
    s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await sleep(CONFIG_DELAY_MS + 1200);
    const all = published(s, uri);
    assert.ok(all.length > 0, 'the close did not clear diagnostics');
    assert.deepEqual(all[all.length - 1].diagnostics, [], `after the close: ${JSON.stringify(all.map((p) => p.diagnostics.length))}`);
  });

  it('publishes versions in order, the newest last, under rapid edits', async () => {
    const uri = 'file:///rapid/Modelfile';
    s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'modelfile', version: 1, text: 'FROM llama3.1:70b\n' },
    });
    for (let v = 2; v <= 40; v++) {
      s.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ text: v % 2 ? 'FROM llama3.1:70b\n' : 'FROM llama3.1:8b\nPARAMETER num_ctx 2048\n' }],
      });
      if (v % 10 === 0) await sleep(250);
    }
    await s.waitForNotification('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 40, CONFIG_DELAY_MS + 5000);
    await sleep(CONFIG_DELAY_MS);
    const versions = published(s, uri).map((p) => p.version ?? 0);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `published out of order: ${versions}`,
    );
    assert.equal(versions[versions.length - 1], 40);
  });
});
