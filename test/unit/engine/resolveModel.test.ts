import * as assert from 'node:assert/strict';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';

const resolver = createModelResolver(testCatalog());
const id = (ref: string) => resolver.resolve(ref)?.model.id;
const llama8b = () => id('llama3.1:8b');

describe('resolveModel', () => {
  it('resolves Ollama tags with and without size and quantization', () => {
    assert.ok(llama8b(), 'llama3.1:8b is not in the catalog');
    assert.notEqual(id('llama3.1:70b'), llama8b());
    assert.equal(id('llama3.1:8b-instruct-q8_0'), llama8b());
    assert.equal(resolver.resolve('llama3.1:8b-instruct-q8_0')?.quant?.id, 'Q8_0');
    assert.equal(resolver.resolve('llama3.1:70b-instruct-q4_K_M')?.quant?.id, 'Q4_K_M');
  });

  it('resolves Hugging Face ids and GGUF file names with their quantization', () => {
    assert.equal(id('meta-llama/Llama-3.1-8B-Instruct'), llama8b());
    const file = resolver.resolve('./models/Meta-Llama-3.1-8B-Instruct-Q5_K_M.gguf');
    assert.equal(file?.model.id, llama8b());
    assert.equal(file?.kind, 'file');
    assert.equal(file?.quant?.id, 'Q5_K_M');
  });

  it('does not confuse sizes of one family', () => {
    const q7 = id('Qwen/Qwen2.5-7B-Instruct');
    const q72 = id('Qwen/Qwen2.5-72B-Instruct');
    assert.ok(q7 && q72);
    assert.notEqual(q7, q72);
    assert.equal(id('qwen2.5-72b-instruct-q4_k_m.gguf'), q72);
  });

  it('returns nothing for unknown or placeholder names', () => {
    assert.equal(resolver.resolve('__BASE_MODEL__'), undefined);
    assert.equal(resolver.resolve(''), undefined);
    assert.equal(resolver.resolve('./my-own-finetune.gguf'), undefined);
  });
});
