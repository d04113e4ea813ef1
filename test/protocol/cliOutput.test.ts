import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The built CLI writes its output straight to descriptors 1 and 2 (cli/fdSink.ts) everywhere but
// Windows. The claims: through a pipe every line arrives; a reader that leaves early ends the run
// quietly; and Node's stdout and stderr streams are never built.

/** A preload that notes whether process.stdout or process.stderr was ever built (their getters build them). */
const WATCH_STREAMS = (report: string) => `
const built = [];
for (const name of ['stdout', 'stderr']) {
  const own = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, { configurable: true, enumerable: true, get() { if (!built.includes(name)) built.push(name); return own.get.call(process); } });
}
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(built)));
`;

describe('runlocalai check: output through the descriptors', function () {
  this.timeout(60000);
  let dir: string;
  let files: string[];
  const cli = path.resolve('dist/cli.js');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-output-'));
    files = [];
    for (let i = 0; i < 300; i++) {
      const file = path.join(dir, `m${i}`, 'Modelfile');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, `FROM llama3.1:70b\nPARAMETER num_ctx ${32768 + i * 16}\n`);
      files.push(file);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one finding per file through a pipe, in order, all of it, and builds no output stream', () => {
    const report = path.join(dir, 'streams.json');
    const preload = path.join(dir, 'streams.js');
    fs.writeFileSync(preload, WATCH_STREAMS(report));
    const r = spawnSync(process.execPath, ['-r', preload, cli, 'check', ...files, '--gpu', 'RTX 4090', '--ram', '8'], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => l.slice(0, l.indexOf(':'))),
      files,
    );
    for (const l of lines) assert.match(l, /error \[wont-fit\]/);
    assert.deepEqual(JSON.parse(fs.readFileSync(report, 'utf8')), process.platform === 'win32' ? ['stdout', 'stderr'] : []);
  });

  it('ends quietly when its reader leaves after the first chunk (runlocalai check … | head -1)', async () => {
    // Lines of ~450 bytes: 300 files are two 64 KiB chunks, so the second write meets a closed pipe.
    const child = spawn(process.execPath, [cli, 'check', ...files, '--gpu', 'RTX 4090', '--ram', '8'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
