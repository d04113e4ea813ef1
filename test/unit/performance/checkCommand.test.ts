import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

// `runlocalai check` reads a document once and checks it: what only hovers need is left for a hover.
describe('check without what only hovers need', () => {
  const modelfile = [
    '# comment on the KV cache',
    'FROM llama3.1:70b',
    'PARAMETER num_ctx 32768',
    'SYSTEM """',
    'You answer in a few words.',
    '"""',
  ].join('\r\n');

  it('a document checked first, its lines split only when a hover asks, hovers as one that was only hovered', () => {
    const catalog = testCatalog();
    const hw = gpuHardware(catalog, 'RTX 4090');
    const document = { uri: 'file:///repo/Modelfile', version: 1, languageId: 'modelfile', getText: () => modelfile };
    const checkedFirst = createLanguageService({ catalog });
    const check = checkedFirst.checkDocument(document, hw);
    assert.equal(check.format, 'modelfile');
    assert.ok(check.check.findings.length > 0);
    const onlyHovered = createLanguageService({ catalog });
    // Each line's hover target: the term in the comment, the model, the PARAMETER key.
    for (const position of [
      { line: 0, character: 18 },
      { line: 1, character: 8 },
      { line: 2, character: 12 },
    ]) {
      const hover = checkedFirst.doHover(document, position, hw);
      assert.ok(hover, JSON.stringify(position));
      assert.deepEqual(hover, onlyHovered.doHover(document, position, hw));
    }
  });
});
