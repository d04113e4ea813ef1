import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { chunkedLines } from '../../../server/src/cli/chunkedLines';

const text = (writes: Uint8Array[]) => Buffer.concat(writes).toString('utf8');

describe('the CLI output in chunks', () => {
  it('writes every line, in order and as UTF-8, in fewer writes of bounded size (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 80 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 2000 }),
        (lines, chunkBytes) => {
          const writes: Uint8Array[] = [];
          const out = chunkedLines((c) => writes.push(c), chunkBytes);
          for (const l of lines) out.line(l);
          out.flush();
          assert.equal(text(writes), lines.map((l) => `${l}\n`).join(''));
          assert.ok(writes.length <= lines.length);
          // A chunk is at most chunkBytes; only a line longer than a chunk can hold is written alone.
          for (const w of writes) assert.ok(w.length <= chunkBytes || lines.some((l) => Buffer.byteLength(`${l}\n`) === w.length));
        },
      ),
    );
  });

  it('holds lines until a chunk is full or flush is called, so standard error can keep its place', () => {
    const writes: Uint8Array[] = [];
    const out = chunkedLines((c) => writes.push(c), 100);
    out.line('a.Modelfile:1:6: error [wont-fit] ...');
    assert.equal(writes.length, 0);
    out.flush();
    out.flush();
    assert.deepEqual(text(writes), 'a.Modelfile:1:6: error [wont-fit] ...\n');
    // Five lines of 20 bytes fill a chunk: the sixth starts the next one.
    for (let i = 0; i < 10; i++) out.line('x'.repeat(19));
    assert.deepEqual(
      writes.map((w) => w.length),
      [38, 100],
    );
    out.flush();
    assert.deepEqual(
      writes.map((w) => w.length),
      [38, 100, 100],
    );
  });

  it('never writes into a chunk it has handed over (a stream may still hold it)', () => {
    const writes: Uint8Array[] = [];
    const copies: string[] = [];
    const out = chunkedLines((c) => {
      writes.push(c);
      copies.push(Buffer.from(c).toString('utf8'));
    }, 64);
    for (let i = 0; i < 50; i++) out.line(`line ${i} ×`);
    out.flush();
    assert.deepEqual(
      writes.map((w) => Buffer.from(w).toString('utf8')),
      copies,
    );
  });
});
