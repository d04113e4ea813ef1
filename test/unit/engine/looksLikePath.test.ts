import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { looksLikePath } from '../../../server/src/engine/sources/localFiles';

// The rule in its plainest form, which the character tests of looksLikePath are held to: a path
// starts at a folder (./, ../, /, \, ~/, a drive) or names a GGUF file.
const reference = (s: string) => /^(\.{1,2}[\\/]|[\\/]|~[\\/]|[A-Za-z]:[\\/])/.test(s) || /\.gguf$/i.test(s);

describe('looksLikePath', () => {
  it('tells paths from model names as people write them', () => {
    for (const path of [
      './model.gguf',
      '../models/x',
      '/srv/llama',
      '\\\\server\\share',
      '~/models/q4',
      'C:\\models\\a',
      'd:/m',
      'Llama-3.1-8B-Q4_K_M.GGUF',
      '.hidden.gguf',
    ])
      assert.equal(looksLikePath(path), true, path);
    for (const name of [
      'llama3.1:8b',
      'hf.co/bartowski/x:Q4_K_M',
      'meta-llama/Llama-3.1-8B',
      '...',
      '.',
      '~',
      'C:',
      'gguf',
      '',
      '.../x',
      'ab:/x',
    ])
      assert.equal(looksLikePath(name), false, name);
  });

  it('answers as the rule does for any text', () => {
    const piece = fc.constantFrom(
      '.',
      '..',
      '/',
      '\\',
      '~',
      'C',
      'z',
      ':',
      'x',
      '.gguf',
      '.GGUF',
      '.gGuF',
      'gguf',
      'İ',
      'é',
      ' ',
      '\n',
      '0',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(piece, { maxLength: 8 }).map((a) => a.join('')),
          fc.string({ maxLength: 12 }),
        ),
        (s) => assert.equal(looksLikePath(s), reference(s), JSON.stringify(s)),
      ),
      { numRuns: 20000 },
    );
  });
});
