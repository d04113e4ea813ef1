import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from '../../../server/src/engine/text/words';

describe('splitLines', () => {
  it('ends a line at \\r\\n, \\r and \\n, as LSP counts lines', () => {
    assert.deepEqual(splitLines('a\nb\r\nc\rd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitLines('a\r\r\nb\n'), ['a', '', 'b', '']);
    assert.deepEqual(splitLines(''), ['']);
  });

  it('splits any text, with or without \\r, as the one regular expression does (property)', () => {
    const piece = fc.constantFrom('\n', '\r', '\r\n', '\n\r', 'x', 'FROM y', ' ', '"""', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(splitLines(text), text.split(/\r\n|\r|\n/));
      }),
      { numRuns: 500 },
    );
  });
});
