import * as assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import { HoverSettingsCache } from '../../../server/src/lsp/hoverSettings';

/**
 * A cache over a client whose workspace/configuration answers wait until the test releases them;
 * `canPull` false: a client that cannot be asked, which pushed `pushed`.
 */
function slowClient(canPull = true, pushed: unknown = undefined) {
  const pending: { uri?: string; answer: (value: unknown) => void }[] = [];
  const connection = {
    workspace: {
      getConfiguration: (item: { scopeUri?: string }) => new Promise((answer) => pending.push({ uri: item.scopeUri, answer })),
    },
  } as unknown as Connection;
  const cache = new HoverSettingsCache(
    connection,
    () => canPull,
    () => pushed,
  );
  return { cache, pending };
}

const tick = () => new Promise((r) => setImmediate(r));

// The server prepares a document's first hover when it opens, with the hover settings known at
// that moment: known() must never claim an answer the client has not given, or one it forgot.
describe('hover settings known without a round trip', () => {
  it('are unknown until the client answers, then its answer, sanitized', async () => {
    const { cache, pending } = slowClient();
    const asked = cache.get('file:///a.py');
    assert.equal(cache.known('file:///a.py'), undefined);
    pending[0].answer({ inCode: 'everywhere', enabled: 'yes' });
    assert.deepEqual(await asked, { enabled: true, inCode: 'everywhere' });
    assert.deepEqual(cache.known('file:///a.py'), { enabled: true, inCode: 'everywhere' });
    assert.equal(cache.known('file:///b.py'), undefined, 'another document has its own settings');
  });

  it('are forgotten with the document, also when the answer comes after the close', async () => {
    const { cache, pending } = slowClient();
    void cache.get('file:///a.py');
    pending[0].answer({ inCode: 'off' });
    await tick();
    cache.forget('file:///a.py');
    assert.equal(cache.known('file:///a.py'), undefined);
    void cache.get('file:///a.py');
    cache.forget('file:///a.py');
    pending[1].answer({ inCode: 'everywhere' });
    await tick();
    assert.equal(cache.known('file:///a.py'), undefined, 'an answer to a forgotten question was kept');
    void cache.get('file:///a.py');
    cache.clear();
    pending[2].answer({ inCode: 'everywhere' });
    await tick();
    assert.equal(cache.known('file:///a.py'), undefined, 'an answer from before clear() was kept');
  });

  it('are the pushed settings for a client that cannot be asked', () => {
    const { cache, pending } = slowClient(false, { inCode: 'off' });
    assert.deepEqual(cache.known('file:///a.py'), { enabled: true, inCode: 'off' });
    assert.equal(pending.length, 0);
  });
});

// A hover that comes before the client has answered for its document is judged with these.
describe('hover settings likely for a document', () => {
  it("are the document's own once in, else the workspace's once in, else unknown", async () => {
    const { cache, pending } = slowClient();
    assert.equal(cache.likely('file:///a.md'), undefined);
    void cache.get('');
    void cache.get('file:///a.md');
    assert.equal(cache.likely('file:///a.md'), undefined, 'nothing answered yet');
    pending[0].answer({ enabled: true, inCode: 'off' });
    await tick();
    assert.deepEqual(cache.likely('file:///a.md'), { enabled: true, inCode: 'off' });
    assert.equal(cache.known('file:///a.md'), undefined, 'the workspace answer is no answer for the document');
    pending[1].answer({ enabled: false });
    await tick();
    assert.equal(cache.likely('file:///a.md')?.enabled, false);
    assert.equal(cache.likely('file:///b.md')?.enabled, true);
    cache.clear();
    assert.equal(cache.likely('file:///b.md'), undefined, 'a workspace answer from before clear() was kept');
  });
});
