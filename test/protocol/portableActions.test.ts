import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../helpers/lspClient';
import { caret } from '../helpers/caret';

const LOG = 'file:///ws/run.log';
const LOG_TEXT = 'INFO loading model\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n';

// Neovim, Helix, Zed and Emacs have none of the extension's VS Code commands: the server must
// run "Open KB" itself and must not put command: links into hovers.
describe('an editor without the VS Code extension', function () {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ settings: { gpu: 'RTX 4090' } });
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: LOG, languageId: 'log', version: 1, text: LOG_TEXT } });
  });
  after(() => s.stop());

  it('opens a KB entry from a code action through workspace/executeCommand and window/showDocument', async () => {
    const report: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: LOG } });
    const d = report.items.find((x: any) => x.code === 'known-error');
    assert.ok(d, JSON.stringify(report.items));
    const actions: any[] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LOG },
      range: d.range,
      context: { diagnostics: report.items },
    });
    const open = actions.find((a) => /Open KB/.test(a.title));
    assert.ok(open, JSON.stringify(actions));
    assert.equal(open.command.command, 'runlocalai.server.openKbEntry', 'a command only the VS Code extension has');
    const init: any = s.initializeResult();
    assert.ok(init.capabilities.executeCommandProvider.commands.includes(open.command.command), 'the server does not declare it');

    const ran = await s.connection.sendRequest('workspace/executeCommand', {
      command: open.command.command,
      arguments: open.command.arguments,
    });
    assert.equal(ran, true);
    const shown = s.shownDocuments.at(-1);
    assert.ok(shown, 'no window/showDocument request');
    const text = fs.readFileSync(fileURLToPath(shown.uri), 'utf8');
    assert.match(text, /^# CUDA out of memory/m);
    assert.match(text, /## What to do/);
  });

  it('attaches a quick fix only to the diagnostic it fixes', async () => {
    const uri = 'file:///ws/two.log';
    const text =
      'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\nok\ntorch.OutOfMemoryError: CUDA out of memory. Tried\n';
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'log', version: 1, text } });
    const report: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.items.length, 2);
    const actions: any[] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: report.items[0].range,
      context: { diagnostics: report.items },
    });
    assert.ok(actions.length > 0);
    for (const a of actions) assert.deepEqual(a.diagnostics, [report.items[0]], `${a.title} claims another line's diagnostic`);
  });

  it('links hovers to the KB web page, never to a command: URI', async () => {
    const { text, position } = caret('torch.OutOfMemoryError: CUDA out of mem|ory. Tried to allocate 2.00 GiB\n');
    const uri = 'file:///ws/hover.log';
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'log', version: 1, text } });
    const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover.contents.value, /### CUDA out of memory/);
    assert.doesNotMatch(hover.contents.value, /command:/);
    assert.match(hover.contents.value, /\(https:\/\/www\.runlocalai\.co\/errors\/cuda-out-of-memory\)/);
  });
});

describe('code actions from a client that sends less than the protocol says', function () {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ settings: { gpu: 'RTX 4070', ramGB: 16 } });
    s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ws/Modelfile', languageId: 'modelfile', version: 1, text: 'FROM llama3.1:70b\n' },
    });
  });
  after(() => s.stop());

  it('answers an empty list, never an internal error, for a request without a range or with trimmed diagnostics', async () => {
    const none = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///ws/Modelfile' },
      context: { diagnostics: [{ code: 'wont-fit' }] },
    });
    assert.deepEqual(none, []);
    // Neovim 0.7 keeps only code, codeDescription and data of a diagnostic it stored.
    const trimmed: any[] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///ws/Modelfile' },
      range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } },
      context: { diagnostics: [{ code: 'wont-fit', data: { kbId: 'cuda-out-of-memory' } }] },
    });
    assert.ok(
      trimmed.some((a) => /Open KB/.test(a.title)),
      JSON.stringify(trimmed),
    );
  });
});
