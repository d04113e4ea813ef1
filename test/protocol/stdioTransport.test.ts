import * as assert from 'node:assert/strict';
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
