import * as assert from 'node:assert/strict';
import { openDocument as open, startTestServer } from '../helpers/lspClient';
import { caret } from '../helpers/caret';

const until = async (what: string, check: () => Promise<boolean> | boolean, tries = 100) => {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`never: ${what}`);
};

describe('a hover before the client has answered for its file', () => {
  it("is answered at once with the workspace's settings; later hovers use the file's own", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The workspace has hovers on; the file (a [markdown] override, say) has them off.
    const s = await startTestServer({
      pullDiagnostics: false,
      documentConfigurationHeld: held,
      configurationFor: (section, scopeUri) => (section === 'runlocalai.hover' ? { enabled: !scopeUri } : undefined),
    });
    try {
      // The server asks for the workspace's settings (and hover settings) at start; a request
      // after the answers has them in. (A server that never asks for the latter fails below.)
      const asked = Date.now();
      await until(
        'the workspace settings asked for',
        () => s.arrivals.filter((a) => a === 'workspace/configuration ').length >= 2 || Date.now() - asked > 1000,
      );
      await s.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///none.md' },
        position: { line: 0, character: 0 },
      });

      const uri = 'file:///ws/first-hover.md';
      const { text, position } = caret('Shrink the K|V cache with q8_0.');
      open(s, uri, 'markdown', text);
      const hover = s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000));
      const first: any = await Promise.race([hover, waited]);
      assert.notEqual(first, 'waited', "the first hover waited for the file's own settings");
      assert.match(first?.contents.value ?? '', /KV cache/);
      assert.ok(
        s.arrivals.includes(`workspace/configuration ${uri}`),
        "the file's own settings are asked for, for the hovers after this one",
      );

      release();
      await until("a hover with the file's own settings (off)", async () => {
        const h = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
        return h === null;
      });
    } finally {
      release();
      await s.stop();
    }
  });
});
