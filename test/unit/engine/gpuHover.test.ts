import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { doc } from '../../helpers/documents';

const catalog = testCatalog();
const service = createLanguageService({ catalog });
const machine = { devices: [], ramBytes: 16 * 1024 ** 3, source: 'detected' as const };

function hoverAt(marked: string, languageId = 'markdown') {
  const { text, position } = caret(marked);
  return service.doHover(doc(text, languageId), position, machine);
}

/** The model names listed after a verdict label in a GPU hover. */
function listed(markdown: string, label: string): string {
  return new RegExp(`\\*\\*${label}:\\*\\* ([^\\n]*)`).exec(markdown)?.[1] ?? '';
}

describe('GPU name hovers', () => {
  it('names the card with its memory and bandwidth, written with or without the brand', () => {
    const plain = hoverAt('I run an RTX 40|90 at home');
    const branded = hoverAt('NVIDIA GeForce RTX 40|90');
    assert.ok(plain && branded);
    assert.match(plain.markdown, /### GeForce RTX 4090/);
    assert.match(plain.markdown, /24 GiB .*1008 GB\/s/);
    assert.equal(branded.markdown, plain.markdown);
  });

  it('prefers the longest name: a 4070 Ti SUPER is not a 4070', () => {
    assert.match(hoverAt('the RTX 4070 Ti SU|PER')?.markdown ?? '', /### GeForce RTX 4070 Ti SUPER/);
    assert.match(hoverAt('the RTX 40|70 is')?.markdown ?? '', /### GeForce RTX 4070\n/);
  });

  it('sorts models by what one card runs: 8B fits a 24 GB card, 70B does not', () => {
    const h = hoverAt('RTX 40|90')!.markdown;
    assert.match(listed(h, 'Fits'), /Llama 3\.1 8B/);
    assert.doesNotMatch(listed(h, 'Fits'), /Llama 3\.1 70B/);
    assert.match(listed(h, "Won't fit") + listed(h, 'Partial offload \\(runs slowly\\)'), /Llama 3\.1 70B/);
    assert.match(h, /up to \d+ tok\/s/);
  });

  it('counts the RAM figure the setting chooses: total by default, what was available when asked to', () => {
    const { text, position } = caret('RTX 40|90');
    const busy = { ...machine, freeRamBytes: 2 * 1024 ** 3 };
    const total = service.doHover(doc(text), position, busy)!.markdown;
    const available = service.doHover(doc(text), position, { ...busy, ramBasis: 'available' })!.markdown;
    assert.match(total, /16\.0 GiB RAM for offload\)/);
    assert.match(available, /2\.0 GiB RAM for offload \(available\)/);
    assert.notEqual(listed(total, 'Partial offload \\(runs slowly\\)'), listed(available, 'Partial offload \\(runs slowly\\)'));
  });

  it('judges a Mac by its own unified memory, not by this machine', () => {
    const h = hoverAt('on an M3 Ma|x')!.markdown;
    assert.match(h, /### Apple M3 Max/);
    assert.match(h, /36\.0 GiB RAM/, 'the smallest M3 Max configuration');
  });

  it('is not confused with glossary terms or code', () => {
    assert.equal(hoverAt('select(RTX 40|90);', 'typescript'), undefined);
    assert.ok(hoverAt('select(x); // an RTX 40|90', 'typescript'));
    assert.match(hoverAt('the K|V cache on an RTX 4090')?.markdown ?? '', /### KV cache/);
  });
});
