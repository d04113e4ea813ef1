import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { slugOf, trimTrailing } from '../../../server/src/engine/text/slug';

describe('slugOf and trimTrailing', () => {
  it('names a GGUF file or a reference the way users recognise it', () => {
    assert.equal(slugOf('Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf'), 'meta-llama-3.1-8b-instruct-q4-k-m.gguf');
    assert.equal(slugOf('hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M'), 'hf.co-bartowski-qwen2.5-7b-instruct-gguf-q4-k-m');
    assert.equal(slugOf('  --My Model!!'), 'my-model');
    assert.equal(slugOf('***'), '');
  });

  it('trims only the trailing run of the character', () => {
    assert.equal(trimTrailing('https://huggingface.co///', '/'), 'https://huggingface.co');
    assert.equal(trimTrailing('/a/', '/'), '/a');
    assert.equal(trimTrailing('////', '/'), '');
  });

  it('agrees with the regular expressions it replaced, on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const old = s
          .toLowerCase()
          .replace(/[^a-z0-9.+-]+/g, '-')
          .replace(/^[^a-z0-9]+|-+$/g, '');
        assert.equal(slugOf(s), old);
        assert.equal(trimTrailing(s, '/'), s.replace(/\/+$/, ''));
      }),
    );
  });

  it('stays linear on a long run of the trimmed character followed by something else', () => {
    const hostile = '-'.repeat(200_000) + '!x';
    assert.equal(slugOf(hostile), 'x');
    assert.equal(trimTrailing('/'.repeat(200_000) + 'a', '/'), '/'.repeat(200_000) + 'a');
  });
});
