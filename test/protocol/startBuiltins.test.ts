import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol/nodeFlags';

// The shipped server sets a V8 flag at run time (server/src/startup/runtimeFlags.ts); a built-in
// Node loads after that is compiled from source instead of from Node's own code cache. The claim is
// that start pays none of that: every built-in loaded before initialize has answered was loaded
// before the flag. A preload watches dist/server.js as it starts and answers.
const PRELOAD = `
const fs = require('node:fs');
const v8 = require('node:v8');
const set = v8.setFlagsFromString;
const seen = { flags: [], atFlag: -1 };
v8.setFlagsFromString = (flags) => { seen.flags.push(flags); seen.atFlag = process.moduleLoadList.length; return set(flags); };
const write = process.stdout.write.bind(process.stdout);
let done = false;
process.stdout.write = (...args) => {
  if (!done) {
    done = true;
    const late = seen.atFlag < 0 ? [] : process.moduleLoadList.slice(seen.atFlag).filter((m) => m.startsWith('NativeModule '));
    const loaded = process.moduleLoadList.filter((m) => m === 'NativeModule child_process' || m === 'NativeModule crypto');
    fs.writeFileSync(process.env.START_REPORT, JSON.stringify({ flags: seen.flags, late, loaded }));
  }
  return write(...args);
};
`;

describe('language server start: a V8 flag set at run time costs no built-in its code cache', function () {
  this.timeout(30000);

  it('sets the young generation flag once, and loads no built-in between it and the initialize result', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-start-'));
    const preload = path.join(dir, 'preload.js');
    const report = path.join(dir, 'report.json');
    fs.writeFileSync(preload, PRELOAD);
    const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, '-r', preload, path.resolve('dist/server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, START_REPORT: report },
    });
    try {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: null, rootUri: null, capabilities: {} },
      });
      server.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      await new Promise((resolve, reject) => {
        server.stdout!.once('data', resolve);
        server.once('exit', (code) => reject(new Error(`server exited (${code}) before answering`)));
      });
      const seen = JSON.parse(fs.readFileSync(report, 'utf8')) as { flags: string[]; late: string[]; loaded: string[] };
      assert.deepEqual(seen.flags, ['--semi-space-growth-factor=1']);
      assert.deepEqual(seen.late, []);
      // Required by the language server library and by llama-fit-params, used by neither at start
      // (scripts/build.mjs, builtinsOnFirstUse): loading them was a few ms of every start.
      assert.deepEqual(seen.loaded, []);
    } finally {
      server.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
