import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/** The Lua block under a README heading. */
function luaBlock(readme: string, heading: string): string {
  const at = readme.indexOf(heading);
  assert.ok(at >= 0, `README has no "${heading}"`);
  const open = readme.indexOf('```lua\n', at);
  const close = readme.indexOf('\n```', open + 1);
  assert.ok(open > at && close > open, `no Lua block after "${heading}"`);
  return readme.slice(open + '```lua\n'.length, close);
}

/** The Lua table after `key =` in a block, up to its matching brace. */
function luaTable(lua: string, key: string): string {
  const at = lua.indexOf(`${key} = {`);
  assert.ok(at >= 0, `the snippet sets no ${key}`);
  const start = lua.indexOf('{', at);
  let depth = 0;
  for (let i = start; i < lua.length; i++) {
    if (lua[i] === '{') depth++;
    else if (lua[i] === '}' && --depth === 0) return lua.slice(start, i + 1);
  }
  throw new Error(`unbalanced ${key} table`);
}

/** The Lua tables the snippet uses (a list of strings, or keys = strings, numbers and tables) as JSON. */
function luaToJson(table: string): unknown {
  const inner = table.trim().slice(1, -1).trim();
  if (inner.startsWith("'")) return [...inner.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const json = table.replace(/([A-Za-z_][A-Za-z0-9_]*) = /g, '"$1": ').replace(/'([^']*)'/g, '"$1"');
  return JSON.parse(json);
}

// The README's Neovim snippet is what users copy: start the server with its exact command line and
// init_options, so the two cannot drift apart.
describe("the server started as the README's Neovim snippet starts it", function () {
  this.timeout(30000);
  const lua = luaBlock(fs.readFileSync('README.md', 'utf8'), '**Neovim 0.11 and later**');
  const cmd = luaToJson(luaTable(lua, 'cmd')) as string[];
  const initOptions = luaToJson(luaTable(lua, 'init_options')) as { settings: { gpu: string } };

  it('answers initialize and hovers a term and a model, judged on the GPU the snippet names', async () => {
    const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
    const bin = manifest.bin[cmd[0]];
    assert.ok(bin, `${cmd[0]} is not a bin of the package`);
    assert.deepEqual(cmd.slice(1), ['--stdio']);
    const server = spawn(process.execPath, [path.resolve(bin), ...cmd.slice(1)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (d) => (stderr += d));
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.listen();
    try {
      // As Neovim 0.11 asks: no workspace/configuration answer here, so the settings come from init_options.
      const init: any = await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        initializationOptions: initOptions,
        capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
      });
      assert.equal(init.serverInfo.name, 'RunLocalAI');
      assert.equal(init.capabilities.hoverProvider, true);
      connection.sendNotification('initialized', {});
      const uri = 'file:///notes/README.md';
      const text = 'The KV cache grows with the context.\nRun llama3.1:8b locally.\n';
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const term: any = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
      assert.ok(term, `no hover on "KV cache"; stderr: ${stderr}`);
      assert.match(term.contents.value, /KV cache/i);
      const model: any = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
      assert.ok(model, 'no hover on the model');
      assert.ok(model.contents.value.includes(initOptions.settings.gpu), `the hover does not judge on ${initOptions.settings.gpu}`);
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
      await new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.on('exit', () => resolve())));
      assert.equal(server.exitCode, 0);
    } finally {
      connection.dispose();
      if (server.exitCode === null) server.kill();
    }
  });
});
