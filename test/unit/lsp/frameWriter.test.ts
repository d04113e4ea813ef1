import * as assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import fc from 'fast-check';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { routeConsoleToClient } from '../../../server/src/lsp/connection';
import { FrameWriter } from '../../../server/src/lsp/frameWriter';

/** Every message the library's own reader parses out of what `write` put on the stream, in order. */
async function roundTrip(messages: Message[]): Promise<{ read: Message[]; writes: number }> {
  const stream = new PassThrough();
  let writes = 0;
  const write = stream.write.bind(stream);
  stream.write = ((...args: Parameters<typeof write>) => (writes++, write(...args))) as typeof stream.write;
  const read: Message[] = [];
  const reader = new StreamMessageReader(stream);
  const all = new Promise<void>((resolve) => {
    if (messages.length === 0) resolve();
    reader.listen((m) => {
      read.push(m);
      if (read.length === messages.length) resolve();
    });
  });
  const writer = new FrameWriter(stream);
  await Promise.all(messages.map((m) => writer.write(m)));
  await all;
  reader.dispose();
  return { read, writes };
}

const notification = (method: string, params: unknown): Message => ({ jsonrpc: '2.0', method, params }) as Message;

describe('FrameWriter', () => {
  it('writes each message as one frame, in the order sent, readable by vscode-jsonrpc', async () => {
    const messages = Array.from({ length: 500 }, (_, i) =>
      notification('textDocument/publishDiagnostics', { uri: `file:///m${i}`, version: i }),
    );
    const { read, writes } = await roundTrip(messages);
    assert.deepEqual(read, messages);
    assert.equal(writes, messages.length);
  });

  it('counts Content-Length in bytes: multi-byte text, astral characters and a 2 MB message arrive whole', async () => {
    const messages = [
      notification('window/logMessage', { type: 3, message: 'Won’t fit — 24.0 GiB ≈ 1.3 tokens/s 🚀' }),
      notification('window/logMessage', { type: 3, message: 'é'.repeat(1024 * 1024) }),
      notification('window/logMessage', { type: 3, message: 'after' }),
    ];
    assert.deepEqual((await roundTrip(messages)).read, messages);
  });

  it('any sequence of messages round-trips unchanged and in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 3 })), { maxLength: 20 }),
        async (pairs) => {
          // JSON cannot carry -0 or undefined: compare with what any JSON-RPC peer would receive.
          const messages = pairs.map(([method, params]) => JSON.parse(JSON.stringify(notification(method, params))) as Message);
          assert.deepEqual((await roundTrip(messages)).read, messages);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a failing stream rejects the write and reports the error with the message', async () => {
    const broken = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error('EPIPE')) });
    broken.on('error', () => undefined);
    const writer = new FrameWriter(broken);
    const reported: { error: Error; message?: Message; count?: number }[] = [];
    writer.onError(([error, message, count]) => reported.push({ error, message, count }));
    const message = notification('textDocument/publishDiagnostics', { uri: 'file:///x' });
    await assert.rejects(writer.write(message), /EPIPE/);
    assert.ok(reported.some((r) => r.message === message && r.count === 1 && /EPIPE/.test(r.error.message)));
  });
});

describe('routeConsoleToClient', () => {
  it('sends every console method to the client, formatted, and nothing to stdout', () => {
    const sent: string[] = [];
    const client = {
      log: (m: string) => sent.push(`log ${m}`),
      info: (m: string) => sent.push(`info ${m}`),
      warn: (m: string) => sent.push(`warn ${m}`),
      error: (m: string) => sent.push(`error ${m}`),
    };
    const target = { ...console } as Console;
    routeConsoleToClient(target, client);
    target.log('%d models', 3);
    target.info('a', { b: 1 });
    target.debug('d');
    target.warn('w');
    target.error(new Error('boom').message);
    target.trace('t');
    target.dir({ x: 1 });
    assert.deepEqual(sent, ['log 3 models', 'info a { b: 1 }', 'log d', 'warn w', 'error boom', 'log t', 'log { x: 1 }']);
  });
});
