import * as assert from 'node:assert/strict';
import { checkParsed } from '../../../server/src/engine/formats/check';
import { recognise } from '../../../server/src/engine/formats/registry';
import { createModelResolver, type ModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();

/** Checks a Modelfile with a resolver that records every reference it is asked about. */
function checkCounting(text: string, hardware = gpuHardware(catalog, 'RTX 4070', 1, 32)) {
  const base = createModelResolver(catalog);
  const asked: string[] = [];
  const models: ModelResolver = {
    quantization: (name) => base.quantization(name),
    resolve: (reference) => {
      asked.push(reference);
      return base.resolve(reference);
    },
  };
  const r = recognise({ uri: 'file:///project/Modelfile', languageId: 'modelfile', text });
  const result = checkParsed(r.format!.parse(text), { catalog, models, hardware });
  return { asked, result };
}

const count = (asked: string[], reference: string) => asked.filter((a) => a === reference).length;

describe('fix search: references resolved', () => {
  it('resolves the current reference once for the check and once for all its fixes', () => {
    const { asked, result } = checkCounting('FROM qwen2.5:14b-instruct-q8_0\nPARAMETER num_ctx 8192\n');
    assert.match(result.findings[0].message, /Best fix: Use qwen2\.5:14b-instruct-q5_K_S/);
    // Every smaller quantization and every smaller model rewrites the current reference; it is looked up once.
    assert.equal(count(asked, 'qwen2.5:14b-instruct-q8_0'), 2);
    for (const reference of new Set(asked))
      if (reference !== 'qwen2.5:14b-instruct-q8_0') assert.equal(count(asked, reference), 1, reference);
  });

  it('stops the quantization search at the largest smaller quantization that fits', () => {
    const { asked } = checkCounting('FROM qwen2.5:14b-instruct-q8_0\nPARAMETER num_ctx 8192\n');
    assert.ok(asked.includes('qwen2.5:14b-instruct-q5_K_S'));
    assert.deepEqual(
      asked.filter((a) => /q[234]_/i.test(a)),
      [],
    );
  });

  it('stops the smaller-model search at the largest smaller model that fits', () => {
    const { asked, result } = checkCounting('FROM qwen2.5:32b\n', gpuHardware(catalog, 'RTX 4090', 1, 128));
    assert.ok(result.findings[0].fixes?.some((f) => f.title.startsWith('Use qwen2.5:14b ')));
    assert.ok(asked.includes('qwen2.5:14b'));
    assert.deepEqual(
      asked.filter((a) => /^qwen2\.5:(7|3|1\.5|0\.5)b/.test(a)),
      [],
    );
  });
});
