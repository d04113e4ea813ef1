import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol/nodeFlags';
import { startTestServer } from '../helpers/lspClient';

const exited = (p: import('node:child_process').ChildProcess) =>
  new Promise<number | null>((resolve) => (p.exitCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code))));

describe('language server over stdio: its end', () => {
  it('exits with 0 when the client closes stdin after shutdown (without exit)', async () => {
    const s = await startTestServer();
    await s.connection.sendRequest('shutdown');
    s.process.stdin!.end();
    assert.equal(await exited(s.process), 0, s.stderr());
    s.connection.dispose();
  });

  it('exits with 1 when the client closes stdin without shutdown', async () => {
    const s = await startTestServer();
    s.process.stdin!.end();
    assert.equal(await exited(s.process), 1, s.stderr());
    s.connection.dispose();
  });

  it('reads a message however the pipe cuts it, and goes on past a frame that is not JSON', async () => {
    // Raw bytes only: a client library's writer would put its own frames between the pieces.
    const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.resolve('dist/server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const reader = new StreamMessageReader(server.stdout!);
    const uri = 'file:///cut/Modelfile';
    const diagnostics = new Promise<{ diagnostics: unknown[] }>((resolve) =>
      reader.listen((m) => {
        const n = m as { method?: string; params?: { uri?: string; diagnostics: unknown[] } };
        if (n.method === 'textDocument/publishDiagnostics' && n.params?.uri === uri) resolve(n.params);
      }),
    );
    const frame = (body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify({ jsonrpc: '2.0', ...(body as object) });
      return Buffer.from(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`, 'utf8');
    };
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    try {
      const initializationOptions = { settings: { gpu: 'RTX 4090' } };
      server.stdin!.write(
        frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions } }),
      );
      server.stdin!.write(frame({ method: 'initialized', params: {} }));
      server.stdin!.write(frame('{"jsonrpc": "2.0", "method": "textDoc'));
      const text = 'FROM llama3.1:70b\nPARAMETER num_ctx 131072\n';
      const open = frame({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'modelfile', version: 1, text } } });
      // Cut inside the header's blank line and inside the JSON: each piece its own write.
      for (const [from, to] of [
        [0, 10],
        [10, 19],
        [19, 60],
        [60, open.length],
      ]) {
        server.stdin!.write(open.subarray(from, to));
        await pause();
      }
      const published = await diagnostics;
      assert.ok(published.diagnostics.length > 0, JSON.stringify(published));
      assert.equal(server.exitCode, null);
    } finally {
      reader.dispose();
      server.kill();
    }
  });

  it('keeps stdout to protocol frames: a burst of 200 requests gets 200 answers, each to its id', async () => {
    const s = await startTestServer();
    try {
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          s.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: `file:///none/${i}.md` },
            position: { line: 0, character: 0 },
          }),
        ),
      );
      assert.deepEqual(answers, Array(200).fill(null));
    } finally {
      await s.stop();
    }
  });
});
