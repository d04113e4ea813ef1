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
});
