import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLineIndex } from '../../../server/src/engine/formats/lineIndex';
import { lineEndFrom, nextLineStart, splitLines } from '../../../server/src/engine/text/words';

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

  const anyText = fc.array(fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '\n\r', '🚀')).map((parts) => parts.join(''));

  it('lineEndFrom and nextLineStart walk the same lines without copying them, and the line index starts each one (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const expected = linesByHand(text);
        const walked: string[] = [];
        const starts: number[] = [];
        const lfOnly = !text.includes('\r');
        for (let start = 0; ;) {
          const end = lineEndFrom(text, start, lfOnly);
          walked.push(text.slice(start, end));
          starts.push(start);
          if (end >= text.length) break;
          start = nextLineStart(text, end);
        }
        assert.deepEqual(walked, expected);
        const index = createLineIndex(text);
        assert.equal(index.lineCount, expected.length);
        assert.deepEqual(
          starts.map((_, l) => index.lineStart(l)),
          starts,
        );
      }),
      { numRuns: 500 },
    );
  });
});
