import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { contentLength, FrameReader, MAX_HEADER_BYTES } from '../../../server/src/lsp/frameReader';

const notification = (method: string, params: unknown): Message => ({ jsonrpc: '2.0', method, params }) as Message;
const frame = (m: Message | string, header = 'Content-Length') => {
  const body = Buffer.from(typeof m === 'string' ? m : JSON.stringify(m), 'utf8');
  return Buffer.concat([Buffer.from(`${header}: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
};

/** A reader on a fresh stream, with what it handed over and the errors it reported. */
function reading(maxFrameBytes?: number) {
  const stream = new PassThrough();
  const read: Message[] = [];
  const errors: string[] = [];
  const reader = new FrameReader(stream, maxFrameBytes);
  reader.onError((e) => errors.push(e.message));
  reader.listen((m) => read.push(m));
  return { stream, read, errors, reader };
}

/** `bytes` cut at `cuts` (positions, any order, duplicates allowed). */
function cutAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    if (c > from) parts.push(bytes.subarray(from, c));
    from = Math.max(from, c);
  }
  return parts;
}

describe('FrameReader', () => {
  it('hands each message over in the data event that completes it, not later', () => {
    const { stream, read } = reading();
    const open = notification('textDocument/didOpen', { textDocument: { uri: 'file:///m/Modelfile', text: 'FROM llama3.1:70b' } });
    const bytes = frame(open);
    stream.emit('data', bytes.subarray(0, 10));
    assert.equal(read.length, 0);
    stream.emit('data', bytes.subarray(10));
    assert.deepEqual(read, [open]);
  });

  it('reads many messages in one chunk, in order', () => {
    const { stream, read } = reading();
    const messages = Array.from({ length: 200 }, (_, i) => notification('textDocument/didChange', { version: i }));
    stream.emit('data', Buffer.concat(messages.map((m) => frame(m))));
    assert.deepEqual(read, messages);
  });

  it('counts Content-Length in bytes: multi-byte characters split between chunks arrive whole', () => {
    const { stream, read } = reading();
    const m = notification('window/logMessage', { message: 'Won’t fit — 24.0 GiB ≈ 1.3 tokens/s 🚀 ' + 'é'.repeat(70_000) });
    const bytes = frame(m);
    for (let i = 0; i < bytes.length; i += 4097) stream.emit('data', bytes.subarray(i, i + 4097));
    assert.deepEqual(read, [m]);
  });

  it('reads headers in any case, with a UTF-8 Content-Type, in either order', () => {
    const { stream, read, errors } = reading();
    const m = notification('a', 1);
    const body = JSON.stringify(m);
    stream.emit(
      'data',
      Buffer.from(`content-length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`),
    );
    stream.emit(
      'data',
      Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=UTF8\r\nCONTENT-LENGTH:${body.length}\r\n\r\n${body}`),
    );
    assert.deepEqual(read, [m, m]);
    assert.deepEqual(errors, []);
  });

  it('a body that is not JSON is reported, and the next message is read', () => {
    const { stream, read, errors } = reading();
    const after = notification('after', {});
    stream.emit('data', Buffer.concat([frame('{"jsonrpc": "2.0", "meth'), frame(after)]));
    assert.deepEqual(read, [after]);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /not JSON/);
  });

  it('an empty body, or an oversized one whose header ends a chunk, is reported and reading goes on', () => {
    const { stream, read, errors } = reading(50);
    const after = notification('after', 2);
    stream.emit('data', Buffer.from('Content-Length: 0\r\n\r\n'));
    stream.emit('data', Buffer.from('Content-Length: 60\r\n\r\n'));
    stream.emit('data', Buffer.from('x'.repeat(60)));
    stream.emit('data', frame(after).subarray(0, 5));
    stream.emit('data', frame(after).subarray(5));
    assert.equal(errors.length, 2);
    assert.match(errors[0], /not JSON/);
    assert.match(errors[1], /over the 50-byte limit/);
    assert.deepEqual(read, [after]);
  });

  it('a message over the limit is passed over unread, even across chunks, and the next one is read', () => {
    const { stream, read, errors } = reading(1000);
    const big = frame(notification('big', 'x'.repeat(5000)));
    const after = notification('after', { ok: true });
    const bytes = Buffer.concat([big, frame(after)]);
    for (let i = 0; i < bytes.length; i += 700) stream.emit('data', bytes.subarray(i, i + 700));
    assert.deepEqual(read, [after]);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /over the 1000-byte limit/);
  });

  it('gives up on a header without Content-Length, a charset other than UTF-8, or one that never ends', () => {
    for (const header of [
      'Content-Type: application/json\r\n\r\n{}',
      'Content-Length: 2\r\nContent-Type: x; charset=utf-16\r\n\r\n{}',
      'Content-Length: 12abc\r\n\r\n{}',
    ]) {
      const { stream, read, errors } = reading();
      stream.emit('data', Buffer.from(header));
      stream.emit('data', frame(notification('after', 1)));
      assert.deepEqual(read, [], header);
      assert.equal(errors.length, 1, header);
      assert.match(errors[0], /Content-Length/);
    }
    const { stream, errors } = reading();
    for (let i = 0; i <= MAX_HEADER_BYTES / 100; i++) stream.emit('data', Buffer.from('X-Padding: ' + 'p'.repeat(87) + '\r\n'));
    assert.equal(errors.length, 1);
    assert.match(errors[0], /No end to a message header/);
  });

  it('a connection that throws on a message hears of it as an error, and the next message is read', () => {
    const stream = new PassThrough();
    const reader = new FrameReader(stream);
    const errors: string[] = [];
    const read: Message[] = [];
    reader.onError((e) => errors.push(e.message));
    reader.listen((m) => {
      if ((m as { method?: string }).method === 'bad') throw new Error('handler broke');
      read.push(m);
    });
    const after = notification('after', 1);
    assert.doesNotThrow(() => stream.emit('data', Buffer.concat([frame(notification('bad', 0)), frame(after)])));
    assert.deepEqual(errors, ['handler broke']);
    assert.deepEqual(read, [after]);
  });

  it('reports the end of its stream as one close', () => {
    const { stream, reader } = reading();
    let closed = 0;
    reader.onClose(() => closed++);
    stream.emit('end');
    stream.emit('close');
    assert.equal(closed, 1);
  });

  it('stops reading once disposed', () => {
    const { stream, read, reader } = reading();
    reader.dispose();
    stream.emit('data', frame(notification('late', 1)));
    assert.deepEqual(read, []);
  });

  it('any messages cut anywhere read as vscode-jsonrpc reads them, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        async (pairs, cuts) => {
          const messages = pairs.map(([method, params]) => JSON.parse(JSON.stringify(notification(method, params))) as Message);
          const chunks = cutAt(Buffer.concat(messages.map((m) => frame(m))), cuts);
          const ours = reading();
          for (const c of chunks) ours.stream.emit('data', c);
          const library = new PassThrough();
          const theirs: Message[] = [];
          const done = new Promise<void>((resolve) =>
            new StreamMessageReader(library).listen((m) => {
              theirs.push(m);
              if (theirs.length === messages.length) resolve();
            }),
          );
          for (const c of chunks) library.write(c);
          await done;
          assert.deepEqual(ours.read, theirs);
          assert.deepEqual(ours.read, messages);
          assert.deepEqual(ours.errors, []);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('contentLength', () => {
  it('reads the length of any well-formed header block, whatever else it holds', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.array(fc.tuple(fc.stringMatching(/^X-[A-Za-z]{1,8}$/), fc.stringMatching(/^[ -~]{0,20}$/)), { maxLength: 4 }),
        (length, extra) => {
          const fields = [...extra.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${length}`];
          assert.equal(contentLength(fields.join('\r\n')), length);
        },
      ),
    );
  });

  it('a long header without a length, or with a charset made of repeats, has none', () => {
    assert.equal(contentLength('Content-Type: ' + 'charset='.repeat(1000)), undefined);
    assert.equal(contentLength('X: ' + ':'.repeat(MAX_HEADER_BYTES)), undefined);
  });
});
