import * as assert from 'node:assert/strict';
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
