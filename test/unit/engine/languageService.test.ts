import * as assert from 'node:assert/strict';
import { createLanguageService, type DocumentLike } from '../../../server/src/engine/languageService';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { doc, gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const service = createLanguageService({ catalog });
const hw = gpuHardware(catalog, 'RTX 4090');

function hoverAt(marked: string, languageId = 'markdown') {
  const { text, position } = caret(marked);
  return service.doHover(doc(text, languageId), position, hw);
}

describe('language service', () => {
  it('hovers "KV cache" in Markdown with the catalog definition', () => {
    const h = hoverAt('# Notes\n\nThe K|V cache grows with the context.');
    const kv = catalog.glossary.find((g) => g.term === 'KV cache');
    assert.ok(kv && h);
    assert.match(h.markdown, /### KV cache/);
    assert.ok(h.markdown.includes(kv.definition.trim()), 'definition missing from hover');
    assert.deepEqual(h.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } });
  });

  it('hovers terms in plain text and YAML but not in languages it does not read', () => {
    assert.ok(hoverAt('uses GG|UF files', 'plaintext'));
    assert.ok(hoverAt('# shrink the K|V cache\nmax_model_len: 8192', 'yaml'));
    assert.equal(hoverAt('uses GG|UF files', 'json'), undefined);
  });

  it('hovers terms and model names only in comments and strings of code', () => {
    assert.match(hoverAt('n = 1  # size of the K|V cache', 'python')?.markdown ?? '', /### KV cache/);
    assert.match(hoverAt('model = "llama3.1:|8b"', 'python')?.markdown ?? '', /Llama 3\.1 8B/);
    assert.equal(hoverAt('const GG|UF = 1;', 'typescript'), undefined);
    assert.ok(hoverAt('/* load the GG|UF */ const GGUF = 1;', 'typescript'));
  });

  it('hovers a model name in a Modelfile with its size and verdict', () => {
    const h = hoverAt('FROM llama3.1:|8b\nPARAMETER num_ctx 8192\n', 'modelfile');
    assert.ok(h);
    assert.match(h.markdown, /Llama 3\.1 8B/i);
    assert.match(h.markdown, /\*\*Fits/);
    assert.match(h.markdown, /8,192 tokens/);
  });

  it('hovers model references in Markdown: Ollama tags, Hugging Face ids, GGUF files', () => {
    const tag = hoverAt('Run `llama3.1:7|0b` on a big card.');
    assert.ok(tag);
    assert.match(tag.markdown, /### Llama 3\.1 70B/);
    assert.deepEqual(tag.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 17 } });
    assert.match(hoverAt('see Qwen/Qwen2.5-7B-Ins|truct')?.markdown ?? '', /Qwen2\.5 7B/);
    const file = hoverAt('download Meta-Llama-3.1-8B-Instruct-Q8_|0.gguf first');
    assert.match(file?.markdown ?? '', /Llama 3\.1 8B/);
    assert.match(file?.markdown ?? '', /Q8_0/);
  });

  it('does not hover an unresolved file name, so document text never reaches a hover', () => {
    assert.equal(hoverAt('FROM ./<img src=x onerror=|alert(1)>.gguf', 'modelfile'), undefined);
  });

  it('ends a hover range before the next character: the comma after GGUF is not GGUF', () => {
    assert.ok(hoverAt('GGU|F, then'));
    assert.equal(hoverAt('GGUF|, then'), undefined);
  });

  it('escapes a GPU name that comes from a driver or a setting in the model hover', () => {
    const evil = { ...hw, devices: hw.devices.map((d) => ({ ...d, name: '[click](command:runlocalai.openKbEntry?x)' })) };
    const { text, position } = caret('FROM llama3.1:|8b\n');
    const h = service.doHover(doc(text, 'modelfile'), position, evil);
    assert.ok(h);
    assert.ok(!h.markdown.includes('[click](command:'), h.markdown);
    assert.ok(h.markdown.includes('\\[click\\]'), 'the name should still be shown, escaped');
  });

  it('returns nothing on words that are not terms', () => {
    assert.equal(hoverAt('an ordin|ary sentence'), undefined);
  });

  it('parses a document version once, however many hovers and validations', () => {
    let reads = 0;
    const text = 'FROM llama3.1:70b\n';
    const d: DocumentLike = { uri: 'file:///x/Modelfile', version: 7, languageId: 'modelfile', getText: () => (reads++, text) };
    service.doHover(d, { line: 0, character: 8 }, hw);
    service.doValidation(d, hw);
    service.doHover(d, { line: 0, character: 2 }, hw);
    service.getFixes(d, { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, hw);
    assert.equal(reads, 1);
    service.doValidation({ ...d, version: 8 }, hw);
    assert.equal(reads, 2);
  });

  it('renders a KB entry offline, with its web page', () => {
    const kb = service.kbEntry('cuda-out-of-memory');
    assert.ok(kb);
    assert.match(kb.markdown, /^# /);
    assert.match(kb.markdown, /## Cause/);
    assert.ok(kb.markdown.includes(kb.url));
    assert.equal(service.kbEntry('no-such-entry'), undefined);
  });

  it('honours cancellation', () => {
    const { text, position } = caret('The K|V cache');
    assert.equal(service.doHover(doc(text), position, hw, { isCancellationRequested: true }), undefined);
  });
});
