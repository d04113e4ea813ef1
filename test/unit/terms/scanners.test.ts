import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeProse } from '../../../server/src/engine/render/catalogText';
import { wordsOf } from '../../../server/src/engine/text/words';

// The rules as regular expressions, as they were written before the scanners replaced them for speed:
// the hand-written scanners must split and escape exactly as these do.
const WORD = /[A-Za-z0-9](?:[A-Za-z0-9_+@]|\.(?=[A-Za-z0-9]))*/g;
const wordsByRegex = (line: string) => [...line.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
const escapeByParts = (text: string) =>
  text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`');

// Characters that steer both scanners, and a few that steer neither (non-ASCII, surrogates).
const text = fc
  .array(
    fc.constantFrom('a', 'Z', '7', '.', '_', '+', '@', '-', ' ', '`', '<', '>', '&', 'é', '😀', '\t', 'llama.cpp', 'Q4_K_M', 'x.', '..'),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

describe('text scanners', () => {
  it('wordsOf splits as the word pattern does', () => {
    fc.assert(
      fc.property(text, (line) => assert.deepEqual(wordsOf(line), wordsByRegex(line))),
      { numRuns: 5000 },
    );
    fc.assert(fc.property(fc.string(), (line) => assert.deepEqual(wordsOf(line), wordsByRegex(line))));
  });

  it('wordsOf keeps dotted, underscored and tagged names whole and leaves a sentence’s dot out', () => {
    assert.deepEqual(
      wordsOf('Run llama.cpp with Q4_K_M, pass@1.').map((w) => w.text),
      ['Run', 'llama.cpp', 'with', 'Q4_K_M', 'pass@1'],
    );
  });

  it('escapeProse escapes <, > and & outside inline code only', () => {
    fc.assert(
      fc.property(text, (t) => assert.equal(escapeProse(t), escapeByParts(t))),
      { numRuns: 5000 },
    );
    assert.equal(escapeProse('use `a<b>` for <user>/<model> & more'), 'use `a<b>` for &lt;user&gt;/&lt;model&gt; &amp; more');
  });

  it('escapeProse returns text without markup unchanged', () => {
    fc.assert(
      fc.property(text, (t) => {
        fc.pre(!/[<>&]/.test(t));
        assert.equal(escapeProse(t), t);
      }),
    );
  });
});
