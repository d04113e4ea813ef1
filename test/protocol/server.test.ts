import * as assert from 'node:assert/strict';
import { openDocument as open, startTestServer, type TestServer } from '../helpers/lspClient';
import { caret } from '../helpers/caret';

const MD = 'file:///ws/notes.md';
const MODELFILE = 'file:///ws/Modelfile';

describe('language server over stdio (pull diagnostics)', function () {
  let s: TestServer;
  before(async () => {
    // As the VS Code extension starts it: with our client-side commands declared.
    s = await startTestServer({ settings: { gpu: 'RTX 4070', ramGB: 16 }, clientCommands: ['runlocalai.openKbEntry'] });
  });
  after(async () => {
    await s.stop();
    assert.equal(s.process.exitCode, 0, `server exited with ${s.process.exitCode}: ${s.stderr()}`);
  });

  it('answers a hover on a glossary term in Markdown', async () => {
    const { text, position } = caret('# Tuning\n\nShrink the K|V cache with q8_0.');
    open(s, MD, 'markdown', text);
    const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: MD }, position });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /### KV cache/);
    assert.deepEqual(hover.range.start, { line: 2, character: 11 });
  });

  it("reports won't fit on the FROM line with code, KB link and numbers", async () => {
    open(s, MODELFILE, 'modelfile', 'FROM llama3.1:70b\nPARAMETER num_ctx 8192\n');
    const report: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: MODELFILE } });
    assert.equal(report.kind, 'full');
    const d = report.items.find((x: any) => x.code === 'wont-fit');
    assert.ok(d, `no wont-fit diagnostic: ${JSON.stringify(report.items)}`);
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'RunLocalAI');
    assert.deepEqual(d.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 17 } });
    assert.match(d.codeDescription.href, /^https:\/\/www\.runlocalai\.co\//);
    assert.match(d.message, /needs \d+\.\d GiB \(weights \d+\.\d GiB \+ KV cache \d+\.\d GiB at 8,192 tokens/);
  });

  it('offers the KB entry as a code action on that diagnostic', async () => {
    const uri = 'file:///ws/kb/Modelfile';
    open(s, uri, 'modelfile', 'FROM llama3.1:70b\n');
    const report: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const actions: any[] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: report.items[0].range,
      context: { diagnostics: report.items },
    });
    const kb = actions.find((a) => a.command?.command === 'runlocalai.openKbEntry');
    assert.ok(kb, JSON.stringify(actions));
    assert.deepEqual(kb.command.arguments, [{ id: 'cuda-out-of-memory' }]);
    assert.equal(kb.kind, 'quickfix');
    const entry: any = await s.connection.sendRequest('runlocalai/kbEntry', { id: 'cuda-out-of-memory' });
    assert.match(entry.markdown, /CUDA/);
  });

  it('clears the error when the GPU setting changes, and asks the client to refresh', async () => {
    const before = s.refreshRequests();
    const big = (await s.connection.sendRequest('runlocalai/catalogChoices')) as any;
    assert.ok(big.models.length >= 10);
    s.settings.gpu = 'H100 SXM5 80GB';
    s.settings.gpuCount = 2;
    s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const status: any = await s.waitForNotification('runlocalai/hardwareChanged', (p) => /H100/.test(p.summary));
    assert.equal(status.hardware.devices.length, 2);
    assert.ok(s.refreshRequests() > before, 'server did not ask for a diagnostics refresh');
    const report: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: MODELFILE } });
    assert.deepEqual(
      report.items.filter((d: any) => d.severity === 1),
      [],
    );
  });

  it('answers Will it run? and reports unknown models as an error result', async () => {
    const r: any = await s.connection.sendRequest('runlocalai/willItRun', { model: 'llama3.1:8b', quant: 'Q4_K_M', ctx: 8192 });
    assert.equal(r.answer.quant, 'Q4_K_M');
    assert.equal(r.answer.ctx, 8192);
    assert.equal(r.answer.settings.ctx.origin, 'given');
    assert.equal(r.answer.verdict, 'fits', r.markdown);
    assert.equal(r.answer.kvCacheBytes, 8192 * 32 * 8 * 256 * 2, 'f16 KV cache of Llama 3.1 8B at 8192 tokens');
    assert.match(r.markdown, /Will it run\?/);
    const fromDoc: any = await s.connection.sendRequest('runlocalai/willItRun', { uri: MODELFILE });
    assert.equal(fromDoc.answer.model, 'llama3.1-70b');
    assert.equal(fromDoc.answer.ctx, 8192, 'num_ctx of the open Modelfile');
    // Two H100s are set by now (the test above): it fits, so nothing else is proposed.
    assert.equal(fromDoc.answer.verdict, 'fits', fromDoc.markdown);
    assert.deepEqual(fromDoc.answer.alternatives, []);
    // Without a size in it, a name gives nothing to estimate from (with one, the name-only estimate answers).
    const bad: any = await s.connection.sendRequest('runlocalai/willItRun', { model: 'llama3.9' });
    assert.match(bad.error, /Unknown model/);
    assert.ok(
      bad.suggestions.some((x: string) => /^llama3/.test(x)),
      JSON.stringify(bad),
    );
  });

  it('survives bad documents: empty, binary-like, huge', async () => {
    open(s, 'file:///ws/empty/Modelfile', 'modelfile', '');
    open(s, 'file:///ws/bin/Modelfile', 'modelfile', 'FROM \u0000\u0001\u0002\nPARAMETER num_ctx abc');
    open(s, 'file:///ws/huge.md', 'markdown', 'KV cache '.repeat(200000));
    const empty: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///ws/empty/Modelfile' } });
    assert.equal(empty.items[0].code, 'missing-from');
    const bin: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///ws/bin/Modelfile' } });
    assert.ok(bin.items.some((d: any) => d.code === 'invalid-parameter'));
    const hover: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///ws/huge.md' },
      position: { line: 0, character: 100 },
    });
    assert.ok(hover);
  });
});

describe('language server over stdio (push diagnostics)', () => {
  it('publishes diagnostics for clients without pull support', async () => {
    const s = await startTestServer({ pullDiagnostics: false, settings: { gpu: 'RTX 4070', ramGB: 16 } });
    try {
      open(s, MODELFILE, 'modelfile', 'FROM llama3.1:70b\n');
      const p = await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === MODELFILE);
      assert.equal(p.diagnostics[0].code, 'wont-fit');
      // Typing: five quick edits end on a model that fits; diagnostics follow the last one, not each.
      for (let v = 2; v <= 6; v++) {
        const text = v === 6 ? 'FROM llama3.1:8b\n' : `FROM llama3.1:70b\n# edit ${v}\n`;
        s.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: MODELFILE, version: v },
          contentChanges: [{ text }],
        });
      }
      const last = await s.waitForNotification('textDocument/publishDiagnostics', (x) => x.uri === MODELFILE && x.version === 6);
      assert.deepEqual(last.diagnostics, []);
      const published = s.notifications.filter(
        (n) => n.method === 'textDocument/publishDiagnostics' && (n.params as any).uri === MODELFILE,
      );
      assert.ok(published.length < 6, `published ${published.length} times for 6 versions`);
    } finally {
      await s.stop();
    }
  });
});

describe('language server with settings pushed by the client', () => {
  it('uses runlocalai settings sent with didChangeConfiguration when it cannot pull them', async () => {
    const s = await startTestServer({ pullDiagnostics: false, pullConfiguration: false });
    try {
      open(s, MODELFILE, 'modelfile', 'FROM llama3.1:70b\n');
      s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { runlocalai: { gpu: 'RTX 4070', ramGB: 16 } } });
      const p = await s.waitForNotification(
        'textDocument/publishDiagnostics',
        (x) => x.uri === MODELFILE && x.diagnostics.some((d: any) => d.code === 'wont-fit'),
      );
      assert.match(p.diagnostics[0].message, /RTX 4070/);
    } finally {
      await s.stop();
    }
  });
});
