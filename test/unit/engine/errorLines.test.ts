import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { corpusDir } from '../../helpers/corpus';
import { doc, gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const service = createLanguageService({ catalog, links: 'command' });
const hw = gpuHardware(catalog, 'RTX 4090');

describe('error lines in logs', () => {
  it('hovers a known error line with its KB entry and a link that opens it', () => {
    const { text, position } = caret('INFO loading\ntorch.OutOfMemoryError: CUDA out of mem|ory. Tried to allocate 2.00 GiB\n');
    const h = service.doHover(doc(text, 'log'), position, hw);
    assert.ok(h);
    assert.match(h.markdown, /### CUDA out of memory/);
    assert.match(h.markdown, /command:runlocalai\.openKbEntry/);
    assert.equal(h.range.start.line, 1);
  });

  it('links to the web page instead of a VS Code command for clients that do not have it', () => {
    const { text, position } = caret('torch.OutOfMemoryError: CUDA out of mem|ory. Tried to allocate 2.00 GiB\n');
    const h = createLanguageService({ catalog }).doHover(doc(text, 'log'), position, hw);
    assert.ok(h);
    assert.doesNotMatch(h.markdown, /command:/);
    const url = catalog.errors.find((e) => e.id === 'cuda-out-of-memory')?.url;
    assert.ok(url && h.markdown.includes(`(${url})`), h.markdown);
  });

  it('marks each known error line of a real log with a hint that opens its KB entry', function () {
    const file = path.join(corpusDir(this), 'errors', 'vllm-10517__max-seq-len-vs-kv-cache-3090.log');
    const findings = service.doValidation(doc(fs.readFileSync(file, 'utf8'), 'log'), hw);
    const f = findings.find((x) => x.kbId === 'vllm-max-seq-len-exceeds-kv-cache');
    assert.ok(f, `found: ${findings.map((x) => x.kbId).join(', ')}`);
    assert.equal(f.severity, 'hint');
    assert.equal(f.code, 'known-error');
    assert.deepEqual(f.fixes[0].action, { kind: 'openKb', id: 'vllm-max-seq-len-exceeds-kv-cache' });
  });

  it('leaves ordinary log lines and Markdown files without findings', () => {
    assert.deepEqual(service.doValidation(doc('INFO all good\nWARN slow disk\n', 'log'), hw), []);
    assert.deepEqual(service.doValidation(doc('CUDA out of memory happens when...', 'markdown'), hw), []);
  });
});

describe('runtime figures in logs beside our estimate', () => {
  it("hovers a line with the runtime's allocation with our estimate for the model the log names", () => {
    const text = fs.readFileSync(path.join('test', 'fixtures', 'logs', 'llama-server-llama3.1-8b-constructed.log'), 'utf8');
    const kvLine = text.split('\n').findIndex((l) => l.includes('KV buffer size'));
    const h = service.doHover(doc(text, 'log'), { line: kvLine, character: 30 }, hw);
    assert.ok(h);
    assert.match(h.markdown, /### llama\.cpp beside our estimate/);
    assert.match(h.markdown, /\| KV cache \| 1\.0 GiB \| 1\.0 GiB \| \+0 MiB \(\+0%\) \|/);
    assert.equal(h.range.start.line, kvLine);
  });

  it('keeps the KB hover on an error line of the same log', () => {
    const text = fs.readFileSync(path.join('test', 'fixtures', 'logs', 'llama-server-llama3.1-8b-constructed.log'), 'utf8');
    const errLine = text.split('\n').findIndex((l) => l.includes('cudaMalloc failed'));
    const h = service.doHover(doc(text, 'log'), { line: errLine, character: 90 }, hw);
    assert.ok(h);
    assert.match(h.markdown, /### cudaMalloc failed/);
  });
});

describe('partial offload read from the figures', () => {
  it('marks the offload count that left layers on the CPU with the partial-offload entry', () => {
    const text = ['llm_load_tensors: offloading 13 repeating layers to GPU', 'llm_load_tensors: offloaded 13/33 layers to GPU', ''].join(
      '\n',
    );
    const findings = service.doValidation(doc(text, 'log'), hw);
    assert.deepEqual(
      findings.map((f) => [f.kbId, f.range.start.line, f.message]),
      [['llama-cpp-layers-on-cpu', 1, '13 of 33 layers on the GPU: the rest run from system RAM, which slows generation.']],
    );
  });

  it('leaves a full offload alone', () => {
    const text = 'llm_load_tensors: offloaded 33/33 layers to GPU\n';
    assert.deepEqual(service.doValidation(doc(text, 'log'), hw), []);
  });
});

describe('KB entry page', () => {
  it('says which runtime and version printed each sample line, with its source', () => {
    const page = service.kbEntry('cudamalloc-failed');
    assert.ok(page);
    assert.match(
      page.markdown,
      /## Seen in\n\n(- .+\n)*- ollama 0\.1\.28: \[github\.com\/ollama\/ollama\/issues\/3237\]\(https:\/\/github\.com\/ollama\/ollama\/issues\/3237\)/,
    );
  });
});
