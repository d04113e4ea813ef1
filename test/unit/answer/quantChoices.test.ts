import * as assert from 'node:assert/strict';
import { quantChoices } from '../../../server/src/engine/answer/quantChoices';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const hardware = gpuHardware(catalog, 'RTX 4070', 1, 32);

describe("the picker's quantization step", () => {
  it('answers for every catalog model under each runtime, with the default among the choices', () => {
    for (const m of catalog.models) {
      for (const runtime of ['ollama', 'llama.cpp', 'vllm'] as const) {
        const r = quantChoices({ model: m.id, runtime }, { catalog, models, hardware });
        assert.ok(r.ok, `${m.id} (${runtime}): ${!r.ok && r.error}`);
        assert.ok(r.result.quantizations.length > 0, `${m.id} (${runtime}): no choices`);
        if (runtime !== 'vllm')
          assert.ok(
            r.result.quantizations.some((q) => q.id === r.result.defaultQuant),
            `${m.id}: the default ${r.result.defaultQuant} is not offered`,
          );
        for (const q of r.result.quantizations) assert.ok(q.totalBytes > 0, `${m.id} ${q.id}: no size`);
      }
    }
  });

  it("gives each choice this model's own bits per weight, larger files first, so a label never looks smaller than it is", () => {
    const r = quantChoices({ model: 'llama3.1-8b', runtime: 'llama.cpp' }, { catalog, models, hardware });
    assert.ok(r.ok);
    const list = r.result.quantizations;
    const of = (id: string) => list.find((q) => q.id === id)!;
    // bartowski's Q5_K_L is Q5_K_M with Q8_0 embeddings and output: more bits, a bigger file.
    assert.ok(of('Q5_K_L').bitsPerWeight > of('Q5_K_M').bitsPerWeight, JSON.stringify([of('Q5_K_L'), of('Q5_K_M')]));
    for (let i = 1; i < list.length; i++)
      assert.ok(list[i - 1].bitsPerWeight >= list[i].bitsPerWeight, `${list[i - 1].id} before ${list[i].id}`);
    assert.ok(of('Q4_K_M').bitsPerWeight > 4.5 && of('Q4_K_M').bitsPerWeight < 5.2, String(of('Q4_K_M').bitsPerWeight));
  });
});
