import * as assert from 'node:assert/strict';
import { createLanguageService, documentKind, MAX_FINDINGS } from '../../../server/src/engine/languageService';
import { testCatalog } from '../../helpers/catalog';
import { doc, gpuHardware } from '../../helpers/documents';

describe('diagnostics per document (issue 11, item 4)', () => {
  const catalog = testCatalog();
  const service = createLanguageService({ catalog });
  const hw = gpuHardware(catalog, 'RTX 4090');

  it('marks at most MAX_FINDINGS error lines of a huge log, then one summary', () => {
    const line = 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB';
    const findings = service.doValidation(doc(Array(130_000).fill(line).join('\n'), 'log'), hw);
    assert.equal(findings.length, MAX_FINDINGS + 1);
    const summary = findings[MAX_FINDINGS];
    assert.equal(summary.code, 'too-many-findings');
    assert.equal(summary.range.start.line, MAX_FINDINGS);
    assert.match(summary.message, /at most 500 findings per document/);
  });

  it('caps a Modelfile full of unknown instructions the same way, with short messages', () => {
    const text = `FROM llama3.1:8b\n${Array(500_000)
      .fill(`BOGUS ${'y'.repeat(20)}`)
      .join('\n')}`;
    const findings = service.doValidation(doc(text, 'modelfile'), hw);
    assert.equal(findings.length, MAX_FINDINGS + 1);
    assert.ok(JSON.stringify(findings).length < 200_000, `${JSON.stringify(findings).length} characters of findings`);
  });

  it('lets the language id decide; the path only for plain text or no language', () => {
    const kind = (uri: string, languageId: string) => documentKind({ uri, languageId });
    assert.equal(kind('file:///p/modelfile.py', 'python'), 'code');
    assert.equal(kind('file:///p/Modelfile.md', 'markdown'), 'prose');
    assert.equal(kind('file:///p/docs/modelfile.txt', 'plaintext'), 'prose');
    assert.equal(kind('file:///p/Modelfile.md', 'plaintext'), 'prose');
    assert.equal(kind('file:///p/Modelfile', 'plaintext'), 'modelfile');
    assert.equal(kind('file:///p/Modelfile', ''), 'modelfile');
    assert.equal(kind('file:///p/llama.Modelfile', 'plaintext'), 'modelfile');
    assert.equal(kind('file:///p/Modelfile.mistral', 'plaintext'), 'modelfile');
    assert.equal(kind('file:///p/anything', 'modelfile'), 'modelfile');
  });

  it('does not validate a Python file named like a Modelfile as one', () => {
    const findings = service.doValidation(doc('import os\nprint("hi")\n', 'python', 'file:///p/modelfile.py'), hw);
    assert.deepEqual(findings, []);
  });
});
