import * as assert from 'node:assert/strict';
import { caret } from '../helpers/caret';
import { openDocument as open, startTestServer, type TestServer } from '../helpers/lspClient';

describe('language server on config formats', function () {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ settings: { gpu: 'RTX 4070', ramGB: 16 }, clientCommands: ['runlocalai.openKbEntry'] });
  });
  after(async () => {
    await s.stop();
    assert.equal(s.process.exitCode, 0, `server exited with ${s.process.exitCode}: ${s.stderr()}`);
  });

  it('diagnoses a vLLM YAML on its max_model_len and gives a code lens that opens Will it run?', async () => {
    const uri = 'file:///ws/serve.yaml';
    open(s, uri, 'yaml', 'model: meta-llama/Llama-3.2-3B-Instruct\nmax_model_len: 131072\n');
    const report: any = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const d = report.items.find((x: any) => x.code === 'vllm-kv-cache-too-small');
    assert.ok(d, JSON.stringify(report.items));
    assert.equal(d.range.start.line, 1);
    const lenses: any[] = await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    assert.equal(lenses[0].command.command, 'runlocalai.willItRun');
    assert.deepEqual(lenses[0].command.arguments, [{ uri, show: true }]);
    assert.match(lenses[0].command.title, /Llama 3\.2 3B SAFETENSORS_BF16, 131,072 tokens: .* GiB of .* GiB/);
  });

  it('hovers a setting with what it does to memory here', async () => {
    const uri = 'file:///ws/run.sh';
    const { text, position } = caret('llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 81|92\n');
    open(s, uri, 'shellscript', text);
    const hover: any = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover.contents.value, /### `--ctx-size`/);
    assert.match(hover.contents.value, /\*\*Set here:\*\* `8192`/);
    assert.match(hover.contents.value, /This value costs [\d.]+ (GiB|MiB) \(KV cache for 8,192 tokens\)/);
    const onKey = caret('model: meta-llama/Llama-3.1-8B-Instruct\nmax_mo|del_len: 8192\n');
    open(s, 'file:///ws/key.yaml', 'yaml', onKey.text);
    const keyHover: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///ws/key.yaml' },
      position: onKey.position,
    });
    assert.match(keyHover.contents.value, /### `--max-model-len`/);
    assert.match(keyHover.contents.value, /\*\*Default:\*\*/);
    assert.deepEqual(keyHover.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } });
  });

  it('answers Will it run? for an open config of any format, as the file asks', async () => {
    const uri = 'file:///ws/models/llama.yaml';
    open(s, uri, 'yaml', 'name: m\nbackend: llama-cpp\ncontext_size: 6144\nparameters:\n  model: Meta-Llama-3.1-8B-Instruct-Q8_0.gguf\n');
    const r: any = await s.connection.sendRequest('runlocalai/willItRun', { uri });
    assert.ok(!r.error, r.error);
    assert.equal(r.answer.ctx, 6144);
    assert.equal(r.answer.quant, 'Q8_0');
  });
});
