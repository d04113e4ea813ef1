import * as assert from 'node:assert/strict';
import { openDocument, startTestServer, type TestServer } from '../helpers/lspClient';
import { applyEdits } from '../helpers/edits';

const CONFIG = 'file:///ws/deploy/serve.yaml';
const CONFIG_TEXT = 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 131072\n';
const LOG = 'file:///ws/vllm.log';
// vLLM V1's KV check as it prints it (../shared/corpus/errors/tpu-inference-223), after its args line.
const LOG_TEXT = [
  "INFO 05-01 10:00:00 [utils.py:326] non-default args: {'model': 'meta-llama/Llama-3.1-8B-Instruct', 'max_model_len': 131072}",
  "ValueError: To serve at least one request with the models's max seq len (131072), (16.00 GiB KV cache is needed, which is larger than the available KV cache memory (0.71 GiB). Based on the available memory, the estimated maximum model length is 5632. Try increasing `gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.",
  'INFO shutting down',
].join('\n');

describe('a log line links to the config it came from (LSP)', function () {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ settings: { gpu: 'RTX 4090' } });
    openDocument(s, CONFIG, 'yaml', CONFIG_TEXT);
    openDocument(s, LOG, 'log', LOG_TEXT);
  });
  after(() => s.stop());

  it('the hover on an error line links to the config at its model line', async () => {
    const hover: any = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: LOG },
      position: { line: 1, character: 3 },
    });
    assert.ok(hover, 'no hover on the error line');
    assert.match(hover.contents.value, /\*\*Open the config:\*\* \[serve\.yaml:1\]\(file:\/\/\/ws\/deploy\/serve\.yaml#L1\)/);
    assert.match(hover.contents.value, /The runtime's own figure: Set max\\_model\\_len to 5632/);
  });

  it("a quick fix writes vLLM's estimate into the config; another line offers none", async () => {
    const actions: any[] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LOG },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [] },
    });
    const figure = actions.find((a) => /Set max_model_len to 5632/.test(a.title));
    assert.ok(figure, JSON.stringify(actions.map((a) => a.title)));
    const edited = applyEdits(CONFIG_TEXT, figure.edit.changes[CONFIG]);
    assert.match(edited, /^max_model_len: 5632$/m);
    const elsewhere: any[] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LOG },
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(
      elsewhere.filter((a) => a.edit?.changes?.[CONFIG]),
      [],
    );
  });
});
