import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/lspClient';

// The requests behind "Settings that help" and "Compare GPUs", as any LSP client sends them.
describe('the GPU setting check and Compare GPUs over the protocol', function () {
  this.timeout(30_000);
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ settings: { gpu: 'GTX 4090' } });
  });
  after(() => s.stop());

  it('says an unknown runlocalai.gpu is unknown, with the nearest catalog names', async () => {
    const check: any = await s.connection.sendRequest('runlocalai/gpuSettingCheck');
    assert.equal(check.state, 'unknown');
    assert.equal(check.value, 'GTX 4090');
    assert.ok(check.suggestions.includes('GeForce RTX 4090'), JSON.stringify(check));
  });

  it('follows a changed setting', async () => {
    s.settings.gpu = 'RTX 4060 Ti';
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const check: any = await s.connection.sendRequest('runlocalai/gpuSettingCheck');
    assert.equal(check.state, 'known');
    assert.match(check.assumed?.gpu ?? '', /4060 Ti 8GB/);
  });

  it('compares one model on named GPUs and rejects a request without a model', async () => {
    const c: any = await s.connection.sendRequest('runlocalai/compareGpus', {
      model: 'llama3.1:8b',
      quant: 'Q8_0',
      gpus: ['RTX 4090', 'RTX 3060 12GB'],
    });
    assert.equal(c.rows.length, 3, JSON.stringify(c));
    assert.deepEqual(
      c.rows.map((r: any) => r.kind),
      ['current', 'catalog', 'catalog'],
    );
    assert.equal(c.quant, 'Q8_0');
    const bad: any = await s.connection.sendRequest('runlocalai/compareGpus', { gpus: [] });
    assert.match(bad.error, /Give a model/);
    const choices: any[] = await s.connection.sendRequest('runlocalai/gpuChoices');
    assert.ok(choices.length > 100 && choices.every((g) => typeof g.name === 'string' && typeof g.detail === 'string'));
  });
});
