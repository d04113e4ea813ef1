import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyCliDist } from '../../helpers/cliDist';

// `runlocalai check --gpu NAME` neither detects hardware nor looks models up online: the Node
// built-ins only those need (child_process with net and dgram, crypto with streams) are not loaded.
describe('what a start of `check --gpu` loads', function () {
  this.timeout(30000);
  let work: string;
  beforeEach(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-check-start-'))));
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  /** The built-in modules loaded by the end of a dist/cli.js run, as Node lists them. */
  const loadedBy = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const report = path.join(work, 'modules.json');
    // Written at exit, after the CLI's own exit: what the whole run loaded.
    const preload = path.join(work, 'preload.js');
    fs.writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.moduleLoadList)));\n`,
    );
    const r = spawnSync(process.execPath, ['--require', preload, path.resolve('dist/cli.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache'), ...env },
    });
    return { status: r.status, stderr: r.stderr, modules: JSON.parse(fs.readFileSync(report, 'utf8')) as string[] };
  };

  it('loads neither child_process nor crypto, with and without its code cache', () => {
    const modelfile = path.join(work, 'Modelfile');
    fs.writeFileSync(modelfile, 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
    for (const env of [{ RUNLOCALAI_CODE_CACHE: '0' }, {}, {}]) {
      const run = loadedBy(['check', modelfile, '--gpu', 'RTX 4090'], env);
      assert.equal(run.status, 1, run.stderr);
      assert.ok(run.modules.includes('NativeModule fs'), 'the list is the run’s');
      assert.ok(!run.modules.includes('NativeModule child_process'), 'child_process loaded');
      assert.ok(!run.modules.includes('NativeModule crypto'), 'crypto loaded');
    }
  });

  it('never reads the glossary: checks where dist/glossary.json is missing, where define names it', () => {
    const dist = copyCliDist(work);
    const modelfile = path.join(work, 'Modelfile');
    fs.writeFileSync(modelfile, 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(dist, 'cli.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache') },
      });
    const checked = run('check', modelfile, '--gpu', 'RTX 4090');
    assert.equal(checked.status, 1, checked.stderr);
    assert.match(checked.stdout, /wont-fit/);
    const defined = run('define', 'KV cache');
    assert.notEqual(defined.status, 0);
    assert.ok(defined.stderr.includes(path.join(dist, 'glossary.json')), defined.stderr);
    fs.copyFileSync(path.resolve('dist', 'glossary.json'), path.join(dist, 'glossary.json'));
    assert.equal(run('define', 'KV cache').status, 0);
  });

  it('still hashes a loader the build did not stamp (the check runs the same)', () => {
    const dist = path.join(work, 'dist');
    fs.mkdirSync(dist);
    for (const f of ['cli.bundle.js', 'catalog.json', 'detectWorker.js']) fs.copyFileSync(path.resolve('dist', f), path.join(dist, f));
    // The loader without its stamp: the bundle's hash is then computed at start, through node:crypto.
    const loader = fs.readFileSync(path.resolve('dist/cli.js'), 'utf8').replace(/"[0-9a-f]{64}"/, 'undefined');
    assert.notEqual(loader, fs.readFileSync(path.resolve('dist/cli.js'), 'utf8'), 'dist/cli.js carries its bundle hash');
    fs.writeFileSync(path.join(dist, 'cli.js'), loader);
    const modelfile = path.join(work, 'Modelfile');
    fs.writeFileSync(modelfile, 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
    const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', modelfile, '--gpu', 'RTX 4090'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache') },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /wont-fit/);
    assert.equal(fs.readdirSync(path.join(work, 'cache', 'runlocalai')).filter((f) => f.startsWith('cli-check-')).length, 1);
  });
});
