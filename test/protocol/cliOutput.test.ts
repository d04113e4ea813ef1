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

  const exitOf = (child: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));

  it('goes on quietly when its reader leaves after the first chunk (… | head -1), and exits with the verdict', async () => {
    // Lines of ~450 bytes: 300 files are two 64 KiB chunks, so the second write meets a closed pipe.
    const child = spawn(process.execPath, [cli, 'check', ...files, '--gpu', 'RTX 4090', '--ram', '8'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    child.stdout!.destroy();
    const code = await exitOf(child);
    assert.equal(stderr, '');
    // 1: a file will not fit. A CI step with `set -o pipefail` sees it, however little of the log it read.
    assert.equal(code, 1);
  });

  it('exits with the verdict when the reader is gone before its only write', async () => {
    const child = spawn(process.execPath, [cli, 'check', files[0], '--gpu', 'RTX 4090', '--ram', '8'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    assert.equal(await exitOf(child), 1);
    assert.equal(stderr, '');
  });

  it('says why on standard error, exit 3, when its output cannot be written (a full disk)', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const r = spawnSync(process.execPath, [cli, 'check', files[0], '--gpu', 'RTX 4090', '--ram', '8'], {
      encoding: 'utf8',
      stdio: ['ignore', fs.openSync('/dev/full', 'w'), 'pipe'],
    });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /^runlocalai: .*ENOSPC/);
  });
});
