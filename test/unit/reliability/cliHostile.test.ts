import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testCatalog } from '../../helpers/catalog';
import { cli } from '../../helpers/cli';

const posix = process.platform !== 'win32';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-hostile-'));
}

/** Runs the CLI and says how long it took. */
async function timedCli(args: string[]) {
  const started = performance.now();
  const r = await cli(args);
  return { ...r, ms: performance.now() - started };
}

describe('runlocalai CLI on hostile input (issue 11, items 1-3)', () => {
  // The catalog is loaded once per process; the CLI binary reads it precompiled at start.
  before(() => void testCatalog());

  it('check answers within a second on a Modelfile line of 200,000 whitespace characters', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Modelfile');
    fs.writeFileSync(file, `FROM llama3.1:8b\nPARAMETER num_ctx 8${'\t'.repeat(200_000)}x\n`);
    const r = await timedCli(['check', file, '--gpu', 'RTX 4090']);
    assert.ok(r.ms < 1000, `took ${r.ms.toFixed(0)} ms`);
    // No config has a 200,000-character line: the file is refused as input, not judged (exit 2), and nothing of it is quoted.
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /Modelfile: skipped, line 2 is longer than 65,536 characters: not a config RunLocalAI checks/);
    assert.ok(r.err.length < 500, `a ${r.err.length}-character report`);
    // A shorter line of the same shape is read and judged: its num_ctx is not a number (exit 1), quoted short.
    fs.writeFileSync(file, `FROM llama3.1:8b\nPARAMETER num_ctx 8${'\t'.repeat(20_000)}x\n`);
    const judged = await timedCli(['check', file, '--gpu', 'RTX 4090']);
    assert.equal(judged.code, 1, judged.err);
    assert.match(judged.out, /num_ctx must be a whole number of at least 1, found "8 x"/);
    assert.ok(judged.out.length < 500, `a ${judged.out.length}-character report`);
  });

  it('check answers a config.json with 1e8 layers within a second, with the key named, exit 2', async () => {
    const dir = tempDir();
    const config = JSON.parse(fs.readFileSync('test/fixtures/calibration/configs/Meta-Llama-3.1-8B.json', 'utf8'));
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, num_hidden_layers: 1e8 }));
    const r = await timedCli(['check', path.join(dir, 'config.json'), '--gpu', 'RTX 4090']);
    assert.ok(r.ms < 1000, `took ${r.ms.toFixed(0)} ms`);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.out, /num_hidden_layers must be a whole number from 1 to 1024/);
  });

  it('check refuses a Modelfile that is a symlink to /dev/zero, within a second, exit 2', async function () {
    if (!posix || !fs.existsSync('/dev/zero')) this.skip();
    const file = path.join(tempDir(), 'Modelfile');
    fs.symlinkSync('/dev/zero', file);
    const r = await timedCli(['check', file, '--gpu', 'RTX 4090']);
    assert.ok(r.ms < 1000, `took ${r.ms.toFixed(0)} ms`);
    assert.equal(r.code, 2);
    assert.match(r.err, /Modelfile: skipped, it is a link to a file outside the folder it was named in/);
    const direct = await timedCli(['check', '/dev/zero', '--gpu', 'RTX 4090']);
    assert.equal(direct.code, 2);
    assert.match(direct.err, /not a regular file \(a character device\)/);
  });

  it('check refuses a FIFO at once instead of waiting for a writer, exit 2', async function () {
    if (!posix) this.skip();
    const file = path.join(tempDir(), 'Modelfile');
    execFileSync('mkfifo', [file]);
    const r = await timedCli(['check', file, '--gpu', 'RTX 4090']);
    assert.ok(r.ms < 1000, `took ${r.ms.toFixed(0)} ms`);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a regular file \(a FIFO\)/);
  });

  it('estimate --config refuses a config.json with 1e8 layers within a second, exit 2, no stack', async () => {
    const file = path.join(tempDir(), 'config.json');
    const config = JSON.parse(fs.readFileSync('test/fixtures/calibration/configs/Meta-Llama-3.1-8B.json', 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...config, num_hidden_layers: 1e8 }));
    const r = await timedCli(['estimate', '--config', file, '--gpu', 'RTX 4090']);
    assert.ok(r.ms < 1000, `took ${r.ms.toFixed(0)} ms`);
    assert.equal(r.code, 2);
    assert.match(r.err, /num_hidden_layers must be a whole number from 1 to 1024, got 100000000/);
    fs.writeFileSync(file, JSON.stringify({ ...config, num_hidden_layers: 2.5 }));
    const fractional = await cli(['estimate', '--config', file, '--gpu', 'RTX 4090']);
    assert.equal(fractional.code, 2);
    assert.doesNotMatch(fractional.err, /RangeError|at .*\.js/);
  });

  it('estimate --config has a size cap', async () => {
    const file = path.join(tempDir(), 'config.json');
    fs.writeFileSync(file, `{"pad": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const r = await cli(['estimate', '--config', file, '--gpu', 'RTX 4090']);
    assert.equal(r.code, 2);
    assert.match(r.err, /larger than 1 MiB/);
  });

  it('never prints a line of a token file linked or copied in as a Modelfile', async function () {
    if (!posix) this.skip();
    const token = 'npm_TOPSECRET0123456789';
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'home'));
    fs.mkdirSync(path.join(dir, 'repo', 'models'), { recursive: true });
    const npmrc = path.join(dir, 'home', '.npmrc');
    fs.writeFileSync(npmrc, `//registry.npmjs.org/:_authToken=${token}\nalways-auth=true\n`);
    const linked = path.join(dir, 'repo', 'models', 'Modelfile');
    fs.symlinkSync(npmrc, linked);
    const copied = path.join(dir, 'repo', 'copied.Modelfile');
    fs.copyFileSync(npmrc, copied);
    for (const file of [linked, copied]) {
      for (const json of [[], ['--json']]) {
        const r = await cli(['check', file, '--gpu', 'RTX 4090', ...json]);
        assert.notEqual(r.code, 0);
        assert.ok(!(r.out + r.err).includes(token), `${path.basename(file)} ${json}: the token was printed`);
        assert.ok(!(r.out + r.err).includes('registry.npmjs.org'), `${path.basename(file)}: a line was printed`);
      }
    }
  });

  for (const raw of ['0x10', '-0', '1e20', '1e3', '', 'Infinity', '+5', '99999999999999999999', '2.5']) {
    it(`estimate --ctx ${JSON.stringify(raw)} is rejected with a clear message, exit 2`, async () => {
      const r = await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', `--ctx=${raw}`]);
      assert.equal(r.code, 2, r.out);
      assert.match(r.err, /--ctx must be a whole number of tokens .* from 0 to 16777216, got "/);
    });
  }

  for (const [flag, raw] of [
    ['--gpus', '100000000'],
    ['--gpus', '1e6'],
    ['--parallel', '1e9'],
    ['--tensor-parallel', '100000000'],
  ]) {
    it(`estimate ${flag} ${raw} is refused at once, without building anything that size`, async () => {
      const started = performance.now();
      const before = process.memoryUsage().heapUsed;
      const r = await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', flag, raw]);
      assert.equal(r.code, 2, r.out);
      assert.match(r.err, new RegExp(`${flag} must be`));
      assert.ok(performance.now() - started < 1000);
      assert.ok(process.memoryUsage().heapUsed - before < 100 * 1024 * 1024, 'the heap grew by more than 100 MB');
    });
  }

  it('estimate --ctx still takes plain numbers, and 0 (the model maximum)', async () => {
    assert.equal((await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', '--ctx', '8192', '--json'])).code, 0);
    assert.equal((await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', '--ctx=0', '--json'])).code, 0);
  });
});
