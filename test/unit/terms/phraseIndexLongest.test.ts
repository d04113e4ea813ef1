import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createPhraseIndex, spellingKey, type PhraseSource } from '../../../server/src/engine/text/phraseIndex';
import { wordsOf } from '../../../server/src/engine/text/words';

// Names that share first words, so that the matcher must look past a shorter name for a longer
// one and give up on heads that lead nowhere; British spellings, hyphens and acronyms on top.
const sources: PhraseSource<string>[] = [
  { entry: 'kv', phrases: [], exact: ['KV'] },
  { entry: 'kv-cache', phrases: ['KV cache'], exact: [] },
  { entry: 'kv-cache-quantization', phrases: ['KV cache quantization'], exact: [] },
  { entry: 'mixture-of-experts', phrases: ['mixture of experts'], exact: ['MoE'] },
  { entry: 'fine-tuning', phrases: ['fine-tuning'], exact: [] },
  { entry: 'a-b-c-d', phrases: ['alpha beta gamma delta'], exact: [] },
  { entry: 'beta-gamma', phrases: ['beta gamma'], exact: [] },
  { entry: 'tokenizer', phrases: ['tokenizer'], exact: [] },
  { entry: 'rag', phrases: ['RAG'], exact: [] },
];
const index = createPhraseIndex(sources);

/**
 * The rule, by brute force over the names: from the left, at each word the longest run of
 * adjacent words that is a name (exact forms in their case, other names with case and spelling
 * folded, the last word possibly a plural); the match's words are then passed over.
 */
function expected(line: string): { entry: string; start: number; end: number }[] {
  const words = wordsOf(line);
  const exactNames = new Map<string, string>();
  const foldedNames = new Map<string, string>();
  for (const s of sources) {
    for (const f of s.exact)
      exactNames.set(
        wordsOf(f)
          .map((w) => w.text)
          .join(' '),
        s.entry,
      );
    for (const p of s.phrases) {
      const ws = wordsOf(p).map((w) => w.text);
      if (/^[A-Z0-9]{2,6}$/.test(p)) exactNames.set(ws.join(' '), s.entry);
      else {
        foldedNames.set(spellingKey(ws.join(' ')), s.entry);
        if (p.includes('-')) foldedNames.set(spellingKey(ws.join('')), s.entry);
      }
    }
  }
  const name = (text: string) => exactNames.get(text) ?? foldedNames.get(spellingKey(text));
  const nameOrPlural = (text: string) => {
    const hit = name(text);
    if (hit) return hit;
    const last = text.slice(text.lastIndexOf(' ') + 1).toLowerCase();
    for (const suffix of ['es', 's'])
      if (last.length > suffix.length + 1 && last.endsWith(suffix)) {
        const stem = name(text.slice(0, text.length - suffix.length));
        if (stem) return stem;
      }
    return undefined;
  };
  const adjacent = (k: number) => {
    const gap = line.slice(words[k - 1].end, words[k].start);
    return gap.length >= 1 && gap.length <= 3 && /^[\s-]+$/.test(gap);
  };
  const out: { entry: string; start: number; end: number }[] = [];
  for (let i = 0; i < words.length;) {
    let n = 1;
    while (i + n < words.length && adjacent(i + n)) n++;
    let hit: string | undefined;
    for (; n >= 1 && !hit; n--)
      hit = nameOrPlural(
        words
          .slice(i, i + n)
          .map((w) => w.text)
          .join(' '),
      );
    if (!hit) {
      i++;
      continue;
    }
    n++;
    out.push({ entry: hit, start: words[i].start, end: words[i + n - 1].end });
    i += n;
  }
  return out;
}

const word = fc.constantFrom(
  'KV',
  'kv',
  'cache',
  'caches',
  'Cache',
  'quantization',
  'quantisation',
  'quantisations',
  'mixture',
  'mixtures',
);
const more = fc.constantFrom('of', 'experts', 'MoE', 'MoEs', 'moe', 'fine', 'tuning', 'finetuning', 'alpha', 'beta', 'gamma', 'delta');
const other = fc.constantFrom('tokeniser', 'tokenisers', 'RAG', 'rag', 'the', 'a', 'x.y', 'e');
const gap = fc.constantFrom(' ', ' ', ' ', '-', '  ', ', ', '. ', '\t', ' - ', '    ');
const line = fc.array(fc.tuple(fc.oneof(word, more, other), gap), { maxLength: 14 }).map((parts) => parts.flat().join(''));

describe('phrase index: the longest name at each word', () => {
  it('matches as the brute-force rule does on random lines of shared-head names', () => {
    fc.assert(
      fc.property(line, (l) =>
        assert.deepEqual(
          index.inLine(l, 3).map((m) => ({ entry: m.entry, start: m.range.start.character, end: m.range.end.character })),
          expected(l),
        ),
      ),
      { numRuns: 20_000 },
    );
  });

  it('looks past a shorter name for a longer one, and back to it when the longer one does not finish', () => {
    const entries = (l: string) => index.inLine(l, 0).map((m) => `${m.entry}:${m.text}`);
    assert.deepEqual(entries('the KV cache quantisation and KV cache, KV'), [
      'kv-cache-quantization:KV cache quantisation',
      'kv-cache:KV cache',
      'kv:KV',
    ]);
    assert.deepEqual(entries('alpha beta gamma gamma; mixture of experts'), [
      'beta-gamma:beta gamma',
      'mixture-of-experts:mixture of experts',
    ]);
  });
});
