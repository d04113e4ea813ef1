import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// dist/cli.js caps V8 at baseline code for `check` (server/src/startup/runtimeFlags.ts), set at run
// time: a built-in Node loads after that is compiled from source instead of from Node's own code
// cache. The claims: `check` sets the cap and loads no built-in after it, in text and JSON; other
// commands set nothing. A preload watches the real bin.
const PRELOAD = `
const v8 = require('node:v8');
const set = v8.setFlagsFromString;
const seen = { flags: [], atFlag: -1 };
v8.setFlagsFromString = (flags) => { seen.flags.push(flags); seen.atFlag = process.moduleLoadList.length; return set(flags); };
process.on('exit', () => {
  const late = seen.atFlag < 0 ? [] : process.moduleLoadList.slice(seen.atFlag).filter((m) => m.startsWith('NativeModule '));
  require('node:fs').writeFileSync(process.env.RUN_REPORT, JSON.stringify({ flags: seen.flags, late }));
});
`;

describe('runlocalai check: V8 capped at baseline code at run time, at no built-in’s cost', function () {
  this.timeout(60000);
  let dir: string;
  let preload: string;
  let modelfile: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-flags-'));
    preload = path.join(dir, 'preload.js');
    fs.writeFileSync(preload, PRELOAD);
    modelfile = path.join(dir, 'Modelfile');
    fs.writeFileSync(modelfile, 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => {
    const report = path.join(dir, 'report.json');
    fs.rmSync(report, { force: true });
    const r = spawnSync(process.execPath, ['-r', preload, path.resolve('dist/cli.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, RUN_REPORT: report, XDG_CACHE_HOME: path.join(dir, 'cache') },
    });
    return { status: r.status, stdout: r.stdout, ...(JSON.parse(fs.readFileSync(report, 'utf8')) as { flags: string[]; late: string[] }) };
  };

  for (const format of ['text', 'json']) {
    it(`check --format ${format}: sets --max-opt=1 once and loads no built-in after it`, () => {
      const r = run('check', modelfile, '--gpu', 'RTX 4090', '--format', format);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, /wont-fit/);
      assert.deepEqual(r.flags, ['--max-opt=1']);
      assert.deepEqual(r.late, []);
    });
  }

  it('other commands set no flag', () => {
    const r = run('estimate', 'llama3.1:8b', '--gpu', 'RTX 4090');
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(r.flags, []);
  });
});
