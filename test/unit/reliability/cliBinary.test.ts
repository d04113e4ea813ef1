import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cliJs = path.resolve('dist/cli.js');

/** The Done-when of issue 11: each answers quickly with a clear message and exit 2, as a real process. */
describe('dist/cli.js on hostile files', function () {
  if (process.platform === 'win32') return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-bin-'));
  before(() => {
    fs.writeFileSync(path.join(dir, 'Modelfile'), `FROM llama3.1:8b\nPARAMETER num_ctx 8${' '.repeat(200_000)}x\n`);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.Modelfile'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.Modelfile')]);
    const config = JSON.parse(fs.readFileSync('test/fixtures/calibration/configs/Meta-Llama-3.1-8B.json', 'utf8'));
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, num_hidden_layers: 1e8 }));
  });

  const cases: [string, string[], number, RegExp][] = [
    [
      'a 200k-whitespace line',
      ['check', 'Modelfile', '--gpu', 'RTX 4090'],
      2,
      /Modelfile: skipped, line 2 is longer than 65,536 characters/,
    ],
    ['a /dev/zero symlink', ['check', 'zero.Modelfile'], 2, /zero\.Modelfile: skipped, it is a link to a file outside the folder/],
    ['a FIFO', ['check', 'fifo.Modelfile'], 2, /fifo\.Modelfile: skipped, not a regular file \(a FIFO\)/],
    [
      'a 1e8-layer config.json',
      ['estimate', '--config', 'config.json', '--gpu', 'RTX 4090'],
      2,
      /num_hidden_layers must be a whole number from 1 to 1024/,
    ],
  ];
  for (const [name, args, code, message] of cases) {
    it(`answers ${name} at once with a clear message (exit ${code})`, () => {
      const started = performance.now();
      // The process limit only stops a hang; the bound below is the assertion (node's own start included).
      const r = spawnSync(process.execPath, [cliJs, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      const ms = performance.now() - started;
      assert.equal(r.status, code, `${r.stdout}${r.stderr}`);
      assert.match(r.stdout + r.stderr, message);
      assert.ok((r.stdout + r.stderr).length < 1000, 'a long report');
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'a stack trace');
      assert.ok(ms < 2500, `took ${ms.toFixed(0)} ms`);
    });
  }
});

describe('dist/cli.js exits once its report is written', function () {
  if (process.platform === 'win32') return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-exit-'));
  const count = 300;
  before(() => {
    for (let i = 0; i < count; i++) {
      fs.mkdirSync(path.join(dir, `m${i}`));
      fs.writeFileSync(path.join(dir, `m${i}`, 'Modelfile'), `FROM llama3.1:70b\nPARAMETER num_ctx 32768\n`);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes every finding into a pipe read late (more than the pipe holds) and exits 1', () => {
    // The reader starts late: the report (over 100 KB) waits on a full pipe; the exit status goes to stderr.
    const script = '{ "$0" "$1" check . --gpu "RTX 4090"; echo "exit $?" >&2; } | { sleep 0.3; cat; }';
    const r = spawnSync('sh', ['-c', script, process.execPath, cliJs], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    const lines = r.stdout.trimEnd().split('\n');
    const code = Number(/exit (\d+)/.exec(r.stderr)?.[1]);
    assert.equal(code, 1);
    assert.equal(lines.length, count);
    assert.ok(
      lines.every((l) => /^m\d+\/Modelfile:1:6: error \[wont-fit\] /.test(l)),
      lines.find((l) => !l.includes('wont-fit')),
    );
  });
});
