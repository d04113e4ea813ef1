import * as assert from 'node:assert/strict';
import type { GlossaryEntry } from '../../../server/src/engine/catalog/schema';
import { createTermIndex } from '../../../server/src/engine/terms/termIndex';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';

function entry(id: string, term: string, more: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return {
    id,
    term,
    category: 'Generative AI',
    tier: 1,
    workflow: { tool: 't', text: 'w' },
    aliases: [],
    acronyms: [],
    definition: 'd',
    deeperDive: 'd',
    example: 'e',
    related: [],
    kb: [],
    sources: [],
    ...more,
  };
}

const glossary = [
  entry('kv-cache', 'KV cache', { aliases: ['key-value cache'] }),
  entry('attention', 'attention'),
  entry('flash-attention', 'flash attention', { aliases: ['FlashAttention'] }),
  entry('fine-tuning', 'fine-tuning', { aliases: ['finetuning'] }),
  entry('rag', 'retrieval-augmented generation', { acronyms: ['RAG'], matching: { note: 'RAG in capitals only', safeShort: true } }),
  entry('llama-cpp', 'llama.cpp'),
  entry('gpu', 'GPU', { matching: { note: 'GPU in capitals only', safeShort: true } }),
];
const index = createTermIndex(glossary);

function at(marked: string) {
  const { text, position } = caret(marked);
  return index.termAt(text.split('\n')[position.line], position.line, position.character);
}

describe('termIndex', () => {
  it('matches a multi-word term and reports its exact range', () => {
    const m = at('The K|V cache grows with context.');
    assert.equal(m?.entry.id, 'kv-cache');
    assert.deepEqual(m?.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 12 } });
  });

  it('prefers the longest term: "flash attention" over "attention"', () => {
    assert.equal(at('Enable flash atten|tion here')?.entry.id, 'flash-attention');
    assert.equal(at('Plain atten|tion here')?.entry.id, 'attention');
  });

  it('matches spelling variants, hyphens and case', () => {
    assert.equal(at('Fine tun|ing a model')?.entry.id, 'fine-tuning');
    assert.equal(at('finetun|ing a model')?.entry.id, 'fine-tuning');
    assert.equal(at('the Key-Value ca|che')?.entry.id, 'kv-cache');
  });

  it('matches plurals of the last word', () => {
    assert.equal(at('two KV cach|es')?.entry.id, 'kv-cache');
    assert.equal(at('many GP|Us')?.entry.id, 'gpu');
  });

  it('matches acronyms only in their exact case', () => {
    assert.equal(at('use R|AG for docs')?.entry.id, 'rag');
    assert.equal(at('a r|ag doll'), undefined);
  });

  it('keeps dotted names whole and ignores a sentence-ending dot', () => {
    assert.equal(at('built with llama.c|pp.')?.entry.id, 'llama-cpp');
  });

  it('does not join words across punctuation', () => {
    assert.equal(at('KV, ca|che'), undefined);
  });

  it('finds a term in a line of megabytes, at its true position', () => {
    const pad = 'x '.repeat(500_000);
    const line = `${pad}the KV cache ${pad}`;
    const at = pad.length + 6;
    const m = index.termAt(line, 0, at);
    assert.equal(m?.entry.id, 'kv-cache');
    assert.deepEqual(m?.range.start, { line: 0, character: pad.length + 4 });
    assert.equal(line.slice(m!.range.start.character, m!.range.end.character), 'KV cache');
  });

  it('lists all terms of a line without overlaps', () => {
    const found = index.termsInLine('RAG with a KV cache and flash attention', 3).map((m) => m.entry.id);
    assert.deepEqual(found, ['rag', 'kv-cache', 'flash-attention']);
  });

  it('finds every glossary term of the real catalog by its own name', () => {
    const catalog = testCatalog();
    const real = createTermIndex(catalog.glossary);
    for (const g of catalog.glossary) {
      const line = `About ${g.term} here`;
      const m = real.termAt(line, 0, 7);
      assert.ok(m, `term "${g.term}" is not found by the index`);
      assert.equal(m.text, g.term, `"${g.term}" matched as "${m.text}" (${m.entry.id})`);
    }
  });

  it('has the terms the product promises', () => {
    const real = createTermIndex(testCatalog().glossary);
    for (const t of [
      'Deepfake',
      'GGUF',
      'quantization',
      'Q4_K_M',
      'KV cache',
      'VRAM',
      'context window',
      'LoRA',
      'MoE',
      'RAG',
      'flash attention',
      'tensor parallelism',
      'offloading',
    ]) {
      assert.ok(real.termAt(t, 0, 0), `no glossary term for "${t}"`);
    }
  });
});
