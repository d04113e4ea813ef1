import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { FrameReader } from '../../../server/src/lsp/frameReader';
import { peekingReader } from '../../../server/src/lsp/peekingReader';

const notification = (method: string, n: number): Message => ({ jsonrpc: '2.0', method, params: { n } }) as Message;
const numberOf = (m: Message) => (m as unknown as { params: { n: number } }).params.n;
const frame = (m: Message) => {
  const body = Buffer.from(JSON.stringify(m), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
};

describe('peekingReader', () => {
  it('shows each message to peek just before the connection gets it, in order, and delivers it whatever peek throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('textDocument/didOpen', 'textDocument/didChange', 'x'), fc.boolean()), { maxLength: 30 }),
        (specs) => {
          const stream = new PassThrough();
          const events: string[] = [];
          const errors: string[] = [];
          const reader = peekingReader(
            new FrameReader(stream),
            (m) => {
              const n = numberOf(m);
              events.push(`peek ${n}`);
              if (specs[n][1]) throw new Error(`peek failed on ${n}`);
            },
            (e) => errors.push((e as Error).message),
          );
          reader.listen((m) => events.push(`deliver ${numberOf(m)}`));
          // One chunk: every message is read in the same data event.
          stream.write(Buffer.concat(specs.map(([method], n) => frame(notification(method, n)))));
          assert.deepEqual(
            events,
            specs.flatMap((_, n) => [`peek ${n}`, `deliver ${n}`]),
          );
          assert.deepEqual(
            errors,
            specs.flatMap(([, throws], n) => (throws ? [`peek failed on ${n}`] : [])),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('passes on the reader’s errors and its end', async () => {
    const stream = new PassThrough();
    const reader = peekingReader(
      new FrameReader(stream),
      () => {},
      () => {},
    );
    const seen: string[] = [];
    reader.onError((e) => seen.push(`error ${e.message.slice(0, 24)}`));
    reader.onClose(() => seen.push('close'));
    reader.listen(() => {});
    stream.write('Content-Length: 2\r\n\r\nno');
    stream.end();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, ['error A message is not JSON: U', 'close']);
  });
});
