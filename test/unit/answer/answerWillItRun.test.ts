import * as assert from 'node:assert/strict';
import { answerWillItRun } from '../../../server/src/engine/answer/answerWillItRun';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const ask = (q: Parameters<typeof answerWillItRun>[0], gpu = 'RTX 4070', ram = 16) =>
  answerWillItRun(q, { catalog, models, hardware: gpuHardware(catalog, gpu, 1, ram) });

describe('answerWillItRun: the one answer', () => {
  it('tags where each setting came from: given, runtime default, environment', () => {
    const given = ask({ model: 'llama3.1:8b', ctx: 8192 });
    assert.ok(given.ok);
    assert.equal(given.answer.settings.ctx.origin, 'given');
    assert.equal(given.answer.settings.kvType.origin, 'runtime-default');
    const byDefault = ask({ model: 'llama3.1:8b' });
    assert.ok(byDefault.ok);
    assert.equal(byDefault.answer.settings.ctx.origin, 'runtime-default');
    assert.match(byDefault.answer.settings.ctx.note ?? '', /Ollama default context 4096/);
    const fromEnv = ask({ model: 'llama3.1:8b', env: { OLLAMA_CONTEXT_LENGTH: '16384', OLLAMA_NUM_PARALLEL: '2' } });
    assert.ok(fromEnv.ok);
    assert.deepEqual([fromEnv.answer.settings.ctx.value, fromEnv.answer.settings.ctx.origin], [16384, 'environment']);
    assert.deepEqual([fromEnv.answer.settings.parallel.value, fromEnv.answer.settings.parallel.origin], [2, 'environment']);
    const vllm = ask({ model: 'llama3.1:8b', runtime: 'vllm' }, 'H100 SXM5 80GB', 64);
    assert.ok(vllm.ok);
    assert.equal(vllm.answer.settings.ctx.origin, 'model-default');
    assert.equal(vllm.answer.settings.ctx.value, 131072);
  });

  it('lists changes that fit for llama3.1:70b on a 12 GB card: the 8B model among them, each one fitting', () => {
    const r = ask({ model: 'llama3.1:70b', ctx: 8192 });
    assert.ok(r.ok);
    assert.notEqual(r.answer.estimate.verdict, 'fits');
    const alts = r.answer.alternatives;
    assert.ok(alts.length > 0, 'no alternatives');
    for (const a of alts) assert.ok(a.verdict === 'fits' || a.verdict === 'tight', `${a.label} is ${a.verdict}`);
    const smaller = alts.find((a) => a.change.model);
    assert.ok(smaller, JSON.stringify(alts));
    assert.equal(smaller.change.model, 'llama3.1-8b');
    const gpu = alts.find((a) => a.change.gpu);
    assert.ok(gpu, 'no GPU that would run it as asked');
    // Re-asking with the change gives the verdict the alternative promised.
    const again = answerWillItRun(
      { model: smaller.change.model!, ctx: 8192 },
      { catalog, models, hardware: gpuHardware(catalog, 'RTX 4070', 1, 16) },
    );
    assert.ok(again.ok);
    assert.equal(again.answer.estimate.verdict, smaller.verdict);
    assert.equal(again.answer.estimate.totalBytes, smaller.totalBytes);
  });

  it('proposes nothing when it fits as asked', () => {
    const r = ask({ model: 'llama3.1:8b', ctx: 8192 }, 'RTX 4090', 64);
    assert.ok(r.ok);
    assert.equal(r.answer.estimate.verdict, 'fits');
    assert.deepEqual(r.answer.alternatives, []);
  });

  it('says why it cannot answer, with near names for a mistyped model', () => {
    const r = ask({ model: 'llama3.9:8b' });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.suggestions?.some((s) => s.startsWith('llama3')), JSON.stringify(r));
    const badCtx = ask({ model: 'llama3.1:8b', ctx: 1e20 });
    assert.ok(!badCtx.ok && /Context must be/.test(badCtx.error));
    const badQuant = ask({ model: 'llama3.1:8b', quant: 'Q9_X' });
    assert.ok(!badQuant.ok && /Unknown quantization/.test(badQuant.error));
  });
});
