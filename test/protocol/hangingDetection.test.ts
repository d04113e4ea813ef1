import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/lspClient';

const TIMEOUT_MS = 1500;

describe('language server while hardware detection hangs', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({
      env: {
        RUNLOCALAI_DETECT_WORKER: path.resolve('test/protocol/fixtures/hangingWorker.cjs'),
        RUNLOCALAI_DETECT_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
  });
  after(() => s.stop());

  it('answers a hover without waiting for detection, saying the hardware is not known yet where it matters', async () => {
    s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///h/a.md', languageId: 'markdown', version: 1, text: 'The KV cache.' },
    });
    s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///h/Modelfile', languageId: 'modelfile', version: 1, text: 'FROM llama3.1:8b\n' },
    });
    const started = performance.now();
    const hover: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///h/a.md' },
      position: { line: 0, character: 6 },
    });
    const elapsed = performance.now() - started;
    assert.match(hover.contents.value, /### KV cache/);
    // Detection is still hanging (it gives up after TIMEOUT_MS): an answer well before that did not wait for it.
    // The bound is loose on purpose; these machines are shared and a timed test must not be noisy.
    assert.ok(elapsed < TIMEOUT_MS / 3, `hover took ${elapsed.toFixed(0)} ms while detection hangs`);
    const model: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///h/Modelfile' },
      position: { line: 0, character: 8 },
    });
    assert.match(model.contents.value, /not detected yet|Detecting/i);
    const status: any = await s.connection.sendRequest('runlocalai/hardwareStatus');
    assert.equal(status.hardware.source, 'pending');
  });

  it('reports the timeout once, in the log and the status, and keeps serving', async () => {
    const changed = await s.waitForNotification('runlocalai/hardwareChanged', (p) => p.hardware.source === 'failed', TIMEOUT_MS + 5000);
    assert.match(changed.hardware.note, /timed out|timeout/i);
    const logs = s.notifications.filter((n) => n.method === 'window/logMessage' && /timed out|timeout/i.test((n.params as any).message));
    assert.equal(logs.length, 1, `expected one timeout log line, got ${logs.length}`);
    assert.ok(s.refreshRequests() > 0, 'the server did not ask the client to refresh diagnostics when detection ended');
    const hover: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///h/a.md' },
      position: { line: 0, character: 6 },
    });
    assert.ok(hover);
  });
});
