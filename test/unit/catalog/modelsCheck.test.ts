import * as assert from 'node:assert/strict';
import type { Catalog, Model } from '../../../server/src/engine/catalog/schema';
import { checkModels } from '../../../scripts/catalog-check/models';
import { hardwareCatalog } from './ownCatalog';

/** `npm run catalog:check` for models: the real catalog passes, and each kind of mistake is caught. */
describe('catalog:check models', () => {
  const catalog = hardwareCatalog();
  const withModel = (change: (m: Model) => Model, id = 'llama3.1-8b'): Catalog => ({
    ...catalog,
    models: catalog.models.map((m) => (m.id === id ? change(m) : m)),
  });
  const problemsOf = (c: Catalog) => checkModels(c).problems;

  it('passes the catalog as committed and counts models by family', () => {
    const { problems, counts } = checkModels(catalog);
    assert.deepEqual(problems, []);
    assert.equal(counts.entries, catalog.models.length);
    assert.match(String(counts['by family']), /qwen2\.5 \d+/);
  });

  it('catches an official count more than 2% off the recount', () => {
    const problems = problemsOf(withModel((m) => ({ ...m, params: m.params * 1.05 })));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^llama3\.1-8b: architecture gives 8\.03\dB, official 8\.43\dB/);
  });

  it('catches a layer count typed wrong', () => {
    const problems = problemsOf(withModel((m) => ({ ...m, architecture: { ...m.architecture, layers: 23 } })));
    assert.match(problems.join('\n'), /llama3\.1-8b: architecture gives/);
  });

  it('catches quantizations and bases that are not in the catalog', () => {
    const problems = problemsOf(
      withModel((m) => ({
        ...m,
        ollamaDefaultQuant: 'Q4_K_Z',
        ollamaTagQuants: { 'llama3.1:8b-odd': 'Q9_0' },
        gguf: [{ repo: 'someone/x-GGUF', quants: ['Q4_K_M', 'IQ0_XXS'] }],
        base: 'llama9-1b',
      })),
    );
    for (const bad of ['"Q4_K_Z"', '"Q9_0"', '"IQ0_XXS"', 'base "llama9-1b"']) {
      assert.ok(
        problems.some((p) => p.includes(bad)),
        `${bad} not reported: ${problems.join('; ')}`,
      );
    }
    assert.ok(!problems.some((p) => p.includes('"Q4_K_M"')), 'a known quantization was reported');
  });

  it('catches an Ollama tag, Hugging Face id or alias that names two models', () => {
    const problems = problemsOf(withModel((m) => ({ ...m, ollama: [...m.ollama, 'QWEN2.5:7B'] })));
    assert.deepEqual(problems, ['"qwen2.5:7b" names both llama3.1-8b and qwen2.5-7b']);
  });

  it('catches a mixture of experts without its active count', () => {
    const problems = problemsOf(withModel((m) => ({ ...m, activeParams: undefined }), 'mixtral-8x7b'));
    assert.deepEqual(problems, ['mixtral-8x7b: mixture of experts without activeParams']);
  });
});
