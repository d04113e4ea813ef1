import * as assert from 'node:assert/strict';
import { applyEdits } from '../../helpers/edits';

const at = (line: number, character: number) => ({ line, character });

describe('the applyEdits test helper', () => {
  it('applies every edit of a multi-edit fix, not only the first', () => {
    const text = 'FROM x\nPARAMETER num_ctx 8192\nPARAMETER num_gpu 99\n';
    const out = applyEdits(text, [
      { range: { start: at(1, 18), end: at(1, 22) }, newText: '4096' },
      { range: { start: at(2, 18), end: at(2, 20) }, newText: '20' },
      { range: { start: at(3, 0), end: at(3, 0) }, newText: 'PARAMETER num_batch 256\n' },
    ]);
    assert.equal(out, 'FROM x\nPARAMETER num_ctx 4096\nPARAMETER num_gpu 20\nPARAMETER num_batch 256\n');
  });

  it('keeps CRLF line ends and refuses overlapping edits', () => {
    assert.equal(applyEdits('a: 1\r\nb: 2\r\n', [{ range: { start: at(1, 3), end: at(1, 4) }, newText: '3' }]), 'a: 1\r\nb: 3\r\n');
    assert.throws(() =>
      applyEdits('abcdef', [
        { range: { start: at(0, 1), end: at(0, 4) }, newText: 'x' },
        { range: { start: at(0, 3), end: at(0, 5) }, newText: 'y' },
      ]),
    );
  });
});
