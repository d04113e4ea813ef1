import * as assert from 'node:assert/strict';
import { createSourceChain, noFiles } from '../../../server/src/engine/sources/chain';
import type { ModelQuery, ModelSource } from '../../../server/src/engine/sources/types';

describe('the source chain remembers answers by what they depend on', () => {
  const spy = () => {
    const asked: ModelQuery[] = [];
    const source: ModelSource = {
      kind: 'ollama-store',
      resolve(query) {
        asked.push(query);
        return undefined;
      },
    };
    return { asked, chain: createSourceChain([source], noFiles) };
  };

  it('looks a tag or a repository id up once whatever folder names it', () => {
    const { asked, chain } = spy();
    for (const baseDir of ['/a', '/b/c', '/d']) {
      chain.resolve({ reference: 'llama3.1:8b', baseDir });
      chain.resolve({ reference: 'Qwen/Qwen2.5-7B-Instruct', baseDir });
    }
    assert.deepEqual(
      asked.map((q) => q.reference),
      ['llama3.1:8b', 'Qwen/Qwen2.5-7B-Instruct'],
    );
  });

  it('looks a path up again in each folder, since it names another file there', () => {
    const { asked, chain } = spy();
    for (const baseDir of ['/a', '/b', '/a']) {
      chain.resolve({ reference: './model.gguf', baseDir });
      chain.resolve({ reference: 'Model-Q4_K_M.gguf', baseDir });
    }
    assert.deepEqual(
      asked.map((q) => `${q.baseDir} ${q.reference}`),
      ['/a ./model.gguf', '/a Model-Q4_K_M.gguf', '/b ./model.gguf', '/b Model-Q4_K_M.gguf'],
    );
  });
});
