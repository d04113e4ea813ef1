import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const service = createLanguageService({ catalog });

describe('a model reference hundreds of characters long', () => {
  // Found by the language-service property test: the whole reference was quoted, twice, in a 2,000-character message.
  it('is quoted short in the message, which still judges the model the name says', () => {
    const text = `FROM  FROM${' '.repeat(640)}llama3.1:70b./model.gguf 100000${' '.repeat(300)}\n`;
    const findings = service.doValidation(
      { uri: 'file:///long/Modelfile', version: 1, languageId: 'modelfile', getText: () => text },
      gpuHardware(catalog, 'RTX 4090', 1, 64),
    );
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.ok(f.message.length < 800, `a ${f.message.length}-character message: ${f.message.slice(0, 200)}`);
      assert.ok(!f.message.includes(' '.repeat(100)), 'the reference is quoted whole');
    }
  });
});
