import * as assert from 'node:assert/strict';
import { createLanguageService, type DocumentLike } from '../../../server/src/engine/languageService';
import { noHardwareYet } from '../../../server/src/engine/hardware/types';
import { caret } from '../../helpers/caret';
import { smallCatalog } from '../../helpers/smallCatalog';

// The YAML language server's rule: parse once per document version. A document whose getText()
// is counted shows whether hovers and validation re-read it.
function countedDoc(text: string, version: number, languageId = 'log') {
  const d = { uri: 'file:///t/run.log', version, languageId, reads: 0, getText: () => (d.reads++, text) };
  return d satisfies DocumentLike;
}

describe('the per-version parse cache', () => {
  const service = createLanguageService({ catalog: smallCatalog() });

  it('reads a version once for any number of hovers and validations', () => {
    const { text, position } = caret('start\nFATAL widget over|flow at slot 7\n');
    const d = countedDoc(text, 1);
    const first = service.doValidation(d, noHardwareYet);
    assert.equal(first.length, 1);
    assert.equal(first[0].code, 'known-error');
    for (let i = 0; i < 5; i++) assert.ok(service.doHover(d, position, noHardwareYet));
    assert.equal(service.doValidation(d, noHardwareYet), first, 'validation of the same version is not cached');
    assert.equal(d.reads, 1);
  });

  it('reads a new version again, and forgets a closed document', () => {
    const v2 = countedDoc('nothing here\n', 2);
    assert.deepEqual(service.doValidation(v2, noHardwareYet), []);
    assert.equal(v2.reads, 1);
    service.forget(v2.uri);
    const again = countedDoc('nothing here\n', 2);
    service.doValidation(again, noHardwareYet);
    assert.equal(again.reads, 1, 'a forgotten document must be read again');
  });
});
