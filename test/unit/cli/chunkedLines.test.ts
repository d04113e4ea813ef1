import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { chunkedLines } from '../../../server/src/cli/chunkedLines';

describe('the CLI output in chunks', () => {
  it('writes every line, in order, in fewer writes of bounded size', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 400 }), fc.integer({ min: 1, max: 2000 }), (lines, chunkChars) => {
        const writes: string[] = [];
        const out = chunkedLines((c) => writes.push(c), chunkChars);
        for (const l of lines) out.line(l);
        out.flush();
        assert.equal(writes.join(''), lines.map((l) => `${l}\n`).join(''));
        assert.ok(writes.length <= lines.length);
        for (const w of writes) assert.ok(w.length < chunkChars + 81, `a write of ${w.length} characters`);
      }),
    );
  });

  it('holds lines until a chunk is full or flush is called, so standard error can keep its place', () => {
    const writes: string[] = [];
    const out = chunkedLines((c) => writes.push(c), 100);
    out.line('a.Modelfile:1:6: error [wont-fit] ...');
    assert.deepEqual(writes, []);
    out.flush();
    out.flush();
    assert.deepEqual(writes, ['a.Modelfile:1:6: error [wont-fit] ...\n']);
    for (let i = 0; i < 10; i++) out.line('x'.repeat(19));
    assert.equal(writes.length, 3);
  });
});
