import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { rewriteReference } from '../../../server/src/engine/formats/modelReference';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { defaultQuant } from '../../../server/src/engine/checks/fit';
import { testCatalog } from '../../helpers/catalog';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const resolve = (value: string) => {
  const ref = models.resolve(value);
  return ref ? { model: ref.model, quant: ref.quant ?? defaultQuant(ref.model, catalog) } : undefined;
};
const model = (id: string) => catalog.models.find((m) => m.id === id)!;
const quant = (id: string) => catalog.quantizations.find((q) => q.id === id)!;

describe('model references rewritten by a fix', () => {
  it('swaps the quantization label in the case it is written in', () => {
    const at = (value: string, to: string) =>
      rewriteReference({ value }, { model: resolve(value)!.model, quant: quant(to) }, resolve(value)!.quant, resolve)?.value;
    assert.equal(at('qwen2.5:14b-instruct-q8_0', 'Q4_K_M'), 'qwen2.5:14b-instruct-q4_K_M');
    assert.equal(at('/m/Qwen2.5-14B-Instruct-Q8_0.gguf', 'IQ4_XS'), '/m/Qwen2.5-14B-Instruct-IQ4_XS.gguf');
    assert.equal(at('qwen2.5-14b-instruct-q8_0.gguf', 'Q5_K_M'), 'qwen2.5-14b-instruct-q5_k_m.gguf');
    assert.equal(at('qwen2.5:14b-instruct-q8_0', 'IQ4_XS'), undefined, 'Ollama publishes no i-quant tags');
    assert.equal(at('llama3.1:70b', 'Q2_K'), undefined, 'a tag without a label names no quantization to swap');
  });

  it('names a smaller model of the same kind, and only one that resolves to it', () => {
    const to8b = model(resolve('llama3.1:8b')!.model.id);
    const from = (value: string) => rewriteReference({ value }, { model: to8b }, resolve(value)!.quant, resolve)?.value;
    assert.equal(from('llama3.1:70b'), 'llama3.1:8b');
    assert.equal(from('Meta-Llama-3.1-70B-Instruct-Q8_0.gguf'), 'Meta-Llama-3.1-8B-Instruct-Q8_0.gguf');
    assert.equal(
      from('meta-llama/Llama-3.1-70B-Instruct'),
      to8b.huggingface.find((id) => /instruct/i.test(id)),
    );
  });

  it('never throws, and whatever it returns resolves to the target (property)', () => {
    const target = model(resolve('llama3.1:8b')!.model.id);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        const r = rewriteReference({ value }, { model: target }, undefined, resolve);
        if (r) assert.equal(resolve(r.value)?.model.id, target.id);
      }),
    );
  });

  it('reads a long reference in linear time', () => {
    const long = '7b-'.repeat(20_000) + 'x.gguf';
    const started = performance.now();
    rewriteReference({ value: long }, { model: model(resolve('llama3.1:8b')!.model.id) }, undefined, () => undefined);
    assert.ok(performance.now() - started < 500);
  });
});
