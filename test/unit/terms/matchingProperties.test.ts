import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { termAtPosition } from '../../../server/src/engine/terms/termAt';
import { createTermIndex } from '../../../server/src/engine/terms/termIndex';
import { hoverRegions, type InCode } from '../../../server/src/engine/text/hoverRegions';
import { testCatalog } from '../../helpers/catalog';
import { lowestGrowthRatio } from '../properties/bounds';

const RUNS = 10_000;
const terms = createTermIndex(testCatalog().glossary);
const LANGUAGES = ['markdown', 'html', 'python', 'c', 'powershell', 'yaml', 'ini', 'plaintext', 'modelfile'];
const IN_CODE: InCode[] = ['commentsAndStrings', 'everywhere', 'off'];

// Text built from the pieces that steer the scanners: comment and string delimiters, fences,
// tags, line breaks and real terms, so that random documents reach every state.
const piece = fc.constantFrom(
  'KV',
  ' cache',
  'fine-',
  'tuning',
  '\n',
  '#',
  '//',
  '/*',
  '*/',
  '<#',
  '#>',
  '"',
  "'",
  '`',
  '```sh',
  '```',
  '~~~',
  '<p>',
  '</p>',
  '<!--',
  '-->',
  '<script>',
  '</script>',
  ';',
  ' ',
  'GGUF',
  'lora_rank',
  'quantisation',
  'x',
);
const doc = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

let cases = 0;

describe('matching properties', () => {
  after(() => console.log(`      matching properties: ${cases} generated cases`));

  it('gives every line regions inside the line, sorted and non-overlapping', () => {
    fc.assert(
      fc.property(doc, fc.constantFrom(...LANGUAGES), fc.constantFrom(...IN_CODE), (text, lang, inCode) => {
        cases++;
        const lines = text.split('\n');
        const regions = hoverRegions(lines, lang, inCode);
        assert.equal(regions.length, lines.length);
        regions.forEach((r, i) => {
          if (r === 'all') return;
          let end = 0;
          for (const s of r) {
            assert.ok(s.start >= end && s.start <= s.end && s.end <= lines[i].length, `${lang} line ${i}: ${JSON.stringify(r)}`);
            end = s.end;
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('returns a term whose range covers the cursor and whose text is the document text there', () => {
    fc.assert(
      fc.property(doc, fc.constantFrom(...LANGUAGES), fc.nat(), (text, lang, at) => {
        cases++;
        const lines = text.split('\n');
        const regions = hoverRegions(lines, lang, 'everywhere');
        const line = at % lines.length;
        const character = lines[line].length ? (at >> 4) % lines[line].length : 0;
        const m = termAtPosition(terms, lines, regions, { line, character });
        if (!m) return;
        const { start, end } = m.range;
        const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
          a.line < b.line || (a.line === b.line && a.character <= b.character);
        assert.ok(
          before(start, { line, character }) && before({ line, character: character + 1 }, end),
          JSON.stringify({ text, line, character, m }),
        );
        if (start.line === end.line) assert.equal(lines[start.line].slice(start.character, end.character), m.text);
      }),
      { numRuns: RUNS },
    );
  });

  it('never splits an identifier: a match never starts or ends inside a word', () => {
    fc.assert(
      fc.property(doc, (text) => {
        cases++;
        const lines = text.split('\n');
        const regions = hoverRegions(lines, 'python', 'everywhere');
        for (let line = 0; line < lines.length; line++) {
          for (let character = 0; character < lines[line].length; character += 3) {
            const m = termAtPosition(terms, lines, regions, { line, character });
            if (!m) continue;
            const s = lines[m.range.start.line];
            const e = lines[m.range.end.line];
            assert.ok(!/[A-Za-z0-9_]/.test(s[m.range.start.character - 1] ?? ' '), `starts inside a word: ${JSON.stringify(s)}`);
            assert.ok(!/[A-Za-z0-9_]/.test(e[m.range.end.character] ?? ' '), `ends inside a word: ${JSON.stringify(e)}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('scans a long line in time proportional to its length', () => {
    // The fastest of three runs, so that one stalled run on a busy machine does not decide.
    const time = (n: number) => {
      const lines = ['# KV cache "x" ' + 'a /* b */ "c" <p> d '.repeat(n)];
      let fastest = Infinity;
      for (let run = 0; run < 3; run++) {
        const t = performance.now();
        for (const lang of LANGUAGES) hoverRegions(lines, lang, 'commentsAndStrings');
        fastest = Math.min(fastest, performance.now() - t);
      }
      return fastest;
    };
    time(2_000);
    const ratio = lowestGrowthRatio(time, 20_000, 10, 30);
    assert.ok(ratio < 30, `10× the input took ${ratio.toFixed(1)}× the time`);
  });
});
