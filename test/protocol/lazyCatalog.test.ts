import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDocument as open, startTestServer, type TestServer } from '../helpers/lspClient';
import { caret } from '../helpers/caret';

const MD = 'file:///ws/notes.md';

/** Fails with a message instead of hanging when `p` does not settle within `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

// The catalog (1 MB of JSON) is read when a request first needs it, not while the client waits
// for the initialize result: `npm run bench` holds start-up to 1.3 times a bare JSON-RPC server's.
describe('catalog read after initialize', function () {
  this.timeout(30000);
  let work: string;
  let s: TestServer | undefined;
  beforeEach(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-lazy-catalog-'))));
  afterEach(async () => {
    // A server still blocked on the FIFO (the failure this guards against) gets end-of-file and goes.
    try {
      fs.closeSync(fs.openSync(path.join(work, 'catalog.json'), fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch {
      // no FIFO, or nobody reading it
    }
    await s?.stop();
    s = undefined;
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('answers initialize before it opens the catalog, and hovers and diagnostics once it has', async function () {
    // A FIFO blocks whoever opens it for reading until someone writes: a server that read the
    // catalog before answering initialize would never answer.
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(work, 'catalog.json');
    execFileSync('mkfifo', [fifo]);
    // The glossary the build writes beside the catalog, read with it.
    fs.copyFileSync(path.resolve('dist', 'glossary.json'), path.join(work, 'glossary.json'));
    s = await within(startTestServer({ env: { RUNLOCALAI_CATALOG: fifo }, settings: { gpu: 'RTX 4070', ramGB: 16 } }), 15000, 'initialize');
    assert.equal((s.initializeResult() as { serverInfo: { name: string } }).serverInfo.name, 'RunLocalAI');
    await within(
      fs.promises.writeFile(fifo, fs.readFileSync(path.resolve('dist', 'catalog.json'))),
      15000,
      'the server opening the catalog',
    );
    const { text, position } = caret('# Tuning\n\nShrink the K|V cache with q8_0.');
    open(s, MD, 'markdown', text);
    const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: MD }, position });
    assert.match(hover.contents.value, /### KV cache/);
    const modelfile = 'file:///ws/Modelfile';
    open(s, modelfile, 'modelfile', 'FROM llama3.1:70b\nPARAMETER num_ctx 8192\n');
    const report: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: modelfile } });
    assert.ok(
      report.items.some((d: any) => d.code === 'wont-fit'),
      JSON.stringify(report.items),
    );
  });

  it('logs a catalog it cannot read, and keeps answering without one', async () => {
    const missing = path.join(work, 'no-such-catalog.json');
    s = await startTestServer({ env: { RUNLOCALAI_CATALOG: missing } });
    const logged = await s.waitForNotification('window/logMessage', (p) =>
      String(p.message).includes('cannot read the RunLocalAI catalog'),
    );
    assert.equal(logged.type, 1, 'logged as an error');
    assert.ok(String(logged.message).includes(missing), logged.message);
    const { text, position } = caret('# Tuning\n\nShrink the K|V cache with q8_0.');
    open(s, MD, 'markdown', text);
    const hover = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: MD }, position });
    assert.equal(hover, null);
    const health: any = await s.connection.sendRequest('runlocalai/health');
    assert.equal(health.pid, s.process.pid);
  });
});
