import * as assert from 'node:assert/strict';
import { compareGpus, MAX_COMPARED_GPUS } from '../../../server/src/engine/answer/compareGpus';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const hardware = gpuHardware(catalog, 'RTX 4070', 1, 32);
const deps = { catalog, models, hardware };

describe('Compare GPUs for this model', () => {
  it('answers the same model, quantization and context on the GPU in use and on each named GPU', () => {
    const r = compareGpus({ model: 'llama3.1:70b', quant: 'Q4_K_M', ctx: 8192, runtime: 'llama.cpp' }, ['RTX 4090', 'H100 80GB'], deps);
    assert.ok(r.ok, !r.ok ? r.error : '');
    const { rows } = r.result;
    assert.equal(r.result.quant, 'Q4_K_M');
    assert.equal(r.result.ctx, 8192);
    assert.deepEqual(
      rows.map((x) => x.kind),
      ['current', 'catalog', 'catalog'],
    );
    assert.match(rows[0].label, /RTX 4070.*in use/);
    assert.match(rows[1].label, /RTX 4090/);
    assert.match(rows[2].label, /H100/);
    // Same model and settings: what it needs differs only by what the GPU changes (compute buffers per backend), not by the weights.
    const needs = rows.map((x) => x.neededBytes);
    assert.ok(Math.max(...needs) - Math.min(...needs) < 0.1 * Math.min(...needs), `needs differ: ${needs.join(', ')}`);
    assert.ok(rows[2].totalMemoryBytes > rows[1].totalMemoryBytes && rows[1].totalMemoryBytes > rows[0].totalMemoryBytes);
    assert.equal(rows[2].verdict, 'fits', '70B at Q4_K_M fits an 80 GB H100');
    assert.notEqual(rows[0].verdict, 'fits', '70B at Q4_K_M does not fit a 12 GB RTX 4070');
    for (const row of rows) assert.ok(row.usableBytes <= row.totalMemoryBytes, `${row.label}: usable above total`);
    assert.ok(rows[2].tokensPerSecond! > rows[0].tokensPerSecond!, 'all on an H100 is not faster than offloading from a 4070');
  });

  it('lists names it does not know with the nearest ones, and answers each GPU once', () => {
    const r = compareGpus({ model: 'llama3.1:8b' }, ['RTX 4090', 'GeForce RTX 4090', 'RTX 9999 Turbo'], deps);
    assert.ok(r.ok);
    assert.equal(r.result.rows.length, 2);
    assert.equal(r.result.unknown.length, 1);
    assert.equal(r.result.unknown[0].name, 'RTX 9999 Turbo');
  });

  it(`answers at most ${MAX_COMPARED_GPUS} GPUs`, () => {
    const names = catalog.gpus.slice(0, MAX_COMPARED_GPUS + 10).map((g) => g.name);
    const r = compareGpus({ model: 'llama3.1:8b' }, names, deps);
    assert.ok(r.ok);
    assert.ok(r.result.rows.length <= MAX_COMPARED_GPUS + 1);
  });

  it('passes an unknown model on as an error with suggestions', () => {
    const r = compareGpus({ model: 'llama3.1:8c' }, ['RTX 4090'], deps);
    assert.equal(r.ok, false);
  });
});
