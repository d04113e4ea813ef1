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

// The read-time publish (lsp/peekingReader.ts) runs before the messages read with it are handled:
// whatever a chunk holds, the diagnostics a file ends with are those of its last state.
describe('first diagnostics published as the open is read, with other messages in the same chunk', function () {
  this.timeout(30_000);
  const BIG = 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n';
  const SMALL = 'FROM llama3.1:8b\n';
  const frame = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
  };
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ pullDiagnostics: false, settings: { gpu: 'RTX 4070', ramGB: 16 }, configurationDelayMs: 0 });
    await s.waitForNotification('window/logMessage', (p) => String(p.message).includes('model sources read from'));
  });
  after(() => s.stop());

  const wontFit = (p: { diagnostics: { code?: string }[] }) => p.diagnostics.some((d) => d.code === 'wont-fit');
  const sequences: Record<string, (uri: string) => object[]> = {
    'open, close, open again with other text': (uri) => [didOpen(uri, BIG), didClose(uri), didOpen(uri, SMALL)],
    'open, change, close, open again': (uri) => [
      didOpen(uri, BIG),
      { method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: SMALL }] } },
      didClose(uri),
      didOpen(uri, BIG),
    ],
  };
  function didOpen(uri: string, text: string, version = 1) {
    return { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'modelfile', version, text } } };
  }
  function didClose(uri: string) {
    return { method: 'textDocument/didClose', params: { textDocument: { uri } } };
  }

  for (const [name, messages] of Object.entries(sequences)) {
    it(`end with the last state's: ${name}`, async () => {
      const uri = `file:///chunk/${name.replace(/\W+/g, '-')}/Modelfile`;
      const sent = messages(uri);
      const lastText = (sent.at(-1) as { params: { textDocument: { text: string } } }).params.textDocument.text;
      s.process.stdin!.write(Buffer.concat(sent.map(frame)));
      await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === uri && wontFit(x) === (lastText === BIG), 8000);
      // Past the file's own settings round trip and anything queued behind the chunk.
      await s.waitForNotification('window/logMessage', () => false, 400).catch(() => undefined);
      const published = s.notifications.filter(
        (n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri,
      );
      assert.equal(wontFit(published.at(-1)!.params as never), lastText === BIG, JSON.stringify(published.map((n) => n.params)));
    });
  }

  it('reopened at the same version with other text, ends with the new text’s', async () => {
    const uri = 'file:///chunk/same-version/Modelfile';
    open(s, uri, 'modelfile', BIG);
    await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === uri && wontFit(x));
    s.process.stdin!.write(Buffer.concat([frame(didClose(uri)), frame(didOpen(uri, SMALL))]));
    await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === uri && !wontFit(x), 8000);
    await s.waitForNotification('window/logMessage', () => false, 400).catch(() => undefined);
    const published = s.notifications.filter(
      (n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri,
    );
    assert.equal(wontFit(published.at(-1)!.params as never), false);
  });
});

describe('a client that pulls diagnostics', function () {
  this.timeout(30_000);
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ pullDiagnostics: true, settings: { gpu: 'RTX 4070', ramGB: 16 } });
  });
  after(() => s.stop());

  it('gets none pushed when it opens a config, not even as the open is read', async () => {
    const uri = 'file:///pull/Modelfile';
    open(s, uri, 'modelfile', 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
    const report = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code?: string }[] };
    assert.ok(
      report.items.some((d) => d.code === 'wont-fit'),
      JSON.stringify(report),
    );
    assert.equal(
      s.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri).length,
      0,
    );
  });
});
