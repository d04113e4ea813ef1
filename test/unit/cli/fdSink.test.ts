import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { fdSink, type FdSinkDeps } from '../../../server/src/cli/fdSink';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('fdSink: the CLI writing straight to its descriptors', () => {
  it('writes a file through its descriptor, every byte in order', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-sink-')), 'out.txt');
    const fd = fs.openSync(file, 'w');
    try {
      const write = fdSink(fd, () => assert.fail('no reader went away'));
      write(Buffer.from('first × line\n'));
      write(Buffer.from('second\n'));
    } finally {
      fs.closeSync(fd);
    }
    assert.equal(fs.readFileSync(file, 'utf8'), 'first × line\nsecond\n');
  });

  it('writes the rest after partial writes and full-pipe EAGAINs, and waits before writing again (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 50 })), { maxLength: 30 }),
        (bytes, plan) => {
          const written: number[] = [];
          let sleeps = 0;
          let step = 0;
          const deps: FdSinkDeps = {
            writeSync: (_fd, b, offset, length) => {
              const next = plan[step++] ?? length;
              if (next === -1) throw failure('EAGAIN');
              const n = Math.min(next, length);
              written.push(...b.subarray(offset, offset + n));
              return n;
            },
            sleep: () => void sleeps++,
          };
          fdSink(1, () => assert.fail('no reader went away'), deps)(bytes);
          assert.deepEqual(written, [...bytes]);
          assert.equal(sleeps, plan.slice(0, step).filter((p) => p === -1).length);
        },
      ),
    );
  });

  it('hands a gone reader (EPIPE) to its caller and rethrows any other error', () => {
    let gone = 0;
    const deps = (code: string): FdSinkDeps => ({
      writeSync: () => {
        throw failure(code);
      },
      sleep: () => assert.fail('no wait'),
    });
    fdSink(1, () => void gone++, deps('EPIPE'))(Buffer.from('x'));
    assert.equal(gone, 1);
    assert.throws(() => fdSink(1, () => void gone++, deps('EBADF'))(Buffer.from('x')), /EBADF/);
    assert.equal(gone, 1);
  });
});
