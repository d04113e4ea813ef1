import * as assert from 'node:assert/strict';
import { openDocument as open, startTestServer, type TestServer } from '../helpers/lspClient';

// Push mode: a config just opened is judged with the workspace's settings at once, not after a
// workspace/configuration round trip of its own; the file's own settings still win when they differ.
describe('first diagnostics of a config opened in push mode', function () {
  this.timeout(30_000);
  const options = { pullDiagnostics: false, settings: { gpu: 'RTX 4070', ramGB: 16 }, configurationDelayMs: 0 };
  let s: TestServer;
  before(async () => {
    s = await startTestServer(options);
    // The workspace's settings were asked for and answered at start.
    await s.waitForNotification('window/logMessage', (p) => String(p.message).includes('model sources read from'));
  });
  after(() => s.stop());

  it('come before the client answers the file’s own workspace/configuration request', async () => {
    options.configurationDelayMs = 6000;
    try {
      const uri = 'file:///first/a/Modelfile';
      open(s, uri, 'modelfile', 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
      // Well inside the client's delay: a server waiting on it would time out here.
      const p = await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === uri, 3000);
      assert.equal(p.version, 1);
      assert.equal(p.diagnostics[0]?.code, 'wont-fit', JSON.stringify(p.diagnostics));
    } finally {
      options.configurationDelayMs = 0;
    }
  });

  it('are published again when the file’s own settings differ from the workspace’s', async () => {
    const uri = 'file:///first/b/Modelfile';
    // From now on the client answers a bigger GPU; the workspace's answer the server holds is the RTX 4070.
    s.settings.gpu = 'H200';
    s.settings.ramGB = 256;
    open(s, uri, 'modelfile', 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
    const own = await s.waitForNotification(
      'textDocument/publishDiagnostics',
      (x) => x.uri === uri && !x.diagnostics.some((d: { code?: string }) => d.code === 'wont-fit'),
      8000,
    );
    assert.equal(own.version, 1);
  });

  it('of files opened together all come before any workspace/configuration request for them', async () => {
    const uris = Array.from({ length: 8 }, (_, i) => `file:///first/burst-${i}/Modelfile`);
    for (const uri of uris) open(s, uri, 'modelfile', 'FROM llama3.1:8b\nSYSTEM You answer in a few words.\n');
    for (const uri of uris) await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === uri);
    const firstPublish = uris.map((u) => s.arrivals.indexOf(`textDocument/publishDiagnostics ${u}`));
    const firstRequest = s.arrivals.findIndex((a) => a.startsWith('workspace/configuration') && uris.some((u) => a.endsWith(` ${u}`)));
    assert.ok(firstRequest === -1 || Math.max(...firstPublish) < firstRequest, s.arrivals.slice(-40).join('\n'));
  });
});
