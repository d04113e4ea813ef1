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

  it('are published once for an open, as it is read, and not again when nothing changed before its turn', async () => {
    const uri = 'file:///first/once/Modelfile';
    // Detection's end publishes every open file again: let it be over. The file's own settings are
    // the workspace's again (a test above changed what the client answers).
    if (!s.arrivals.some((a) => a.startsWith('runlocalai/hardwareChanged')))
      await s.waitForNotification('runlocalai/hardwareChanged', undefined, 15_000);
    Object.assign(s.settings, options.settings);
    open(s, uri, 'modelfile', 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
    await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === uri);
    // Past the file's own settings round trip (asked 50 ms after the open, answered at once here).
    await s.waitForNotification('window/logMessage', () => false, 600).catch(() => undefined);
    assert.equal(s.arrivals.filter((a) => a === `textDocument/publishDiagnostics ${uri}`).length, 1, s.arrivals.slice(-12).join('\n'));
  });

  it('end with the new settings when a configuration change is read just before the open', async () => {
    const uri = 'file:///first/changed/Modelfile';
    const frame = (message: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
    };
    const before = { ...s.settings };
    s.settings.gpu = 'H200';
    s.settings.ramGB = 256;
    try {
      // One write: both are read in the same data event, the open judged (with what the server knew
      // then) before the change has been handled.
      s.process.stdin!.write(
        Buffer.concat([
          frame({ method: 'workspace/didChangeConfiguration', params: { settings: null } }),
          frame({
            method: 'textDocument/didOpen',
            params: { textDocument: { uri, languageId: 'modelfile', version: 1, text: 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n' } },
          }),
        ]),
      );
      const fits = (x: { uri: string; diagnostics: { code?: string }[] }) =>
        x.uri === uri && !x.diagnostics.some((d) => d.code === 'wont-fit');
      await s.waitForNotification('textDocument/publishDiagnostics', fits, 8000);
      await s.waitForNotification('window/logMessage', () => false, 300).catch(() => undefined);
      const last = s.notifications
        .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri)
        .at(-1);
      assert.ok(last && fits(last.params as never), JSON.stringify(last));
    } finally {
      Object.assign(s.settings, before);
    }
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
