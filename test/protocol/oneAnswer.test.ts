import * as assert from 'node:assert/strict';
import { cli } from '../helpers/cli';
import { startTestServer, type TestServer } from '../helpers/lspClient';

// The CLI and the language server answer "will it run?" through the same engine function: the
// same question gives the same JSON, part for part, alternatives included.
describe('one answer for the CLI and the server', function () {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ settings: { gpu: 'RTX 4070', ramGB: 16 } });
  });
  after(() => s.stop());

  for (const [model, quant, ctx] of [
    ['llama3.1:8b', 'Q4_K_M', 8192],
    ['llama3.1:70b', 'Q4_K_M', 8192],
    ['qwen3:8b', 'Q8_0', 32768],
  ] as const) {
    it(`gives the same JSON for ${model} ${quant} at ${ctx} tokens on an RTX 4070`, async () => {
      const r = await cli(['estimate', model, '--quant', quant, '--ctx', String(ctx), '--gpu', 'RTX 4070', '--ram', '16', '--json']);
      const fromCli = JSON.parse(r.out);
      assert.equal(r.code, fromCli.verdict === 'wont-fit' ? 1 : 0, r.err);
      const fromServer: any = await s.connection.sendRequest('runlocalai/willItRun', { model, quant, ctx });
      assert.ok(fromServer.answer, JSON.stringify(fromServer));
      assert.deepEqual(fromServer.answer, fromCli);
    });
  }
});
