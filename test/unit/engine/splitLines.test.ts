import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from '../../../server/src/engine/text/words';

/** The rule, one character at a time: CRLF, CR and LF each end a line. */
function linesByHand(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\r' || ch === '\n') {
      lines.push(line);
      line = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else line += ch;
  }
  lines.push(line);
  return lines;
}

describe('splitLines', () => {
  it('ends lines at CRLF, CR and LF alike, with or without a CR anywhere in the text', () => {
    assert.deepEqual(splitLines('a\nb\n'), ['a', 'b', '']);
    assert.deepEqual(splitLines('a\r\nb\rc\nd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitLines('\n\r\n\r'), ['', '', '', '']);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '\n\r', '🚀')).map((parts) => parts.join('')),
        (text) => {
          assert.deepEqual(splitLines(text), linesByHand(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
