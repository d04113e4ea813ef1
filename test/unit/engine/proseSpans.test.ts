import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { proseSpans } from '../../../server/src/engine/text/proseSpans';

const texts = (source: string, lang: string) => {
  const lines = source.split('\n');
  return proseSpans(lines, lang).map((spans, i) => spans.map((s) => lines[i].slice(s.start, s.end)));
};

describe('proseSpans', () => {
  it('finds line comments and strings in TypeScript, not code', () => {
    assert.deepEqual(texts('const kv = cache; // the KV cache\nlog("GGUF file")', 'typescript'), [[' the KV cache'], ['GGUF file']]);
  });

  it('follows block comments across lines', () => {
    assert.deepEqual(texts('/* about\n the KV cache\n end */ code(); // more', 'c'), [[' about'], [' the KV cache'], [' end ', ' more']]);
  });

  it('follows Python triple-quoted strings and # comments', () => {
    assert.deepEqual(texts('x = """Uses\nflash attention"""\ny = 1  # MoE', 'python'), [['Uses'], ['flash attention'], [' MoE']]);
  });

  it('skips escaped quotes inside strings', () => {
    assert.deepEqual(texts('s = "a \\" KV cache" + b', 'javascript'), [['a \\" KV cache']]);
  });

  it('gives unknown languages no spans', () => {
    assert.deepEqual(texts('# KV cache', 'brainfuck'), [[]]);
  });
});

/** The scan as specified, one character at a time: the reference the fast scan must agree with. */
function spansByHand(lines: string[], syntax: { line: string[]; block?: [string, string]; quotes: string[]; triple?: boolean }) {
  const out: { start: number; end: number }[][] = [];
  let open: string | undefined;
  for (const line of lines) {
    const spans: { start: number; end: number }[] = [];
    let i = 0;
    if (open !== undefined) {
      const end = line.indexOf(open);
      if (end < 0) {
        out.push([{ start: 0, end: line.length }]);
        continue;
      }
      spans.push({ start: 0, end });
      i = end + open.length;
      open = undefined;
    }
    while (i < line.length) {
      const at = (t: string) => line.startsWith(t, i);
      const comment = syntax.line.find(at);
      if (comment) {
        spans.push({ start: i + comment.length, end: line.length });
        break;
      }
      const triple = syntax.triple ? ['"""', "'''"].find(at) : undefined;
      const block = syntax.block && at(syntax.block[0]) ? syntax.block : triple ? [triple, triple] : undefined;
      if (block) {
        const end = line.indexOf(block[1], i + block[0].length);
        spans.push({ start: i + block[0].length, end: end < 0 ? line.length : end });
        if (end < 0) {
          open = block[1];
          break;
        }
        i = end + block[1].length;
        continue;
      }
      const quote = syntax.quotes.find(at);
      if (quote) {
        let j = i + 1;
        while (j < line.length && line[j] !== quote) j += line[j] === '\\' ? 2 : 1;
        spans.push({ start: i + 1, end: Math.min(j, line.length) });
        i = j + 1;
        continue;
      }
      i++;
    }
    out.push(spans);
  }
  return out;
}

describe('proseSpans against the scan by hand', () => {
  const syntaxes = {
    python: { line: ['#'], quotes: ['"', "'"], triple: true },
    typescript: { line: ['//'], block: ['/*', '*/'] as [string, string], quotes: ['"', "'", '`'] },
    lua: { line: ['--'], quotes: ['"', "'"] },
    powershell: { line: ['#'], block: ['<#', '#>'] as [string, string], quotes: ['"', "'"] },
    yaml: { line: ['#'], quotes: [] },
  };
  const pieces = ['#', '//', '/*', '*/', '<#', '#>', '--', '"', "'", '`', '"""', "'''", '\\', '\\\\', 'KV cache', ' ', 'x = 1', '-', '/'];
  it('agrees on any line of comment and quote characters, in every syntax', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map((p) => p.join('')),
          { minLength: 1, maxLength: 8 },
        ),
        fc.constantFrom(...(Object.keys(syntaxes) as (keyof typeof syntaxes)[])),
        (lines, language) => {
          assert.deepEqual(proseSpans(lines, language), spansByHand(lines, syntaxes[language]));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
