import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMMANDS } from '../../../server/src/cli/cli';
import { cacheFileFor, cacheFolder, cacheNameFor, hex128, type CacheOutcome } from '../../../server/src/startup/codeCache';
import { copyCliDist } from '../../helpers/cliDist';

interface Loaded {
  outcome: CacheOutcome;
  exports: { answer: number; file: string; dir: string };
  saved?: boolean;
  cacheFile?: string;
}

/** loadBundle in a fresh Node process (a start), optionally saving the cache after the run. */
function load(bundle: string, name: string, env: NodeJS.ProcessEnv, save = false): Loaded {
  const child = path.join(__dirname, 'loadBundleChild.js');
  const r = spawnSync(process.execPath, [child, bundle, name, ...(save ? ['--save'] : [])], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Loaded;
}

// A bundle the size of nothing, but one whose result shows which text ran and with which
// require, __filename and __dirname.
const bundleText = (answer: number) =>
  `const path = require('node:path');\nmodule.exports = { answer: ${answer}, file: path.basename(__filename), dir: __dirname };\n`;

describe('V8 code cache for the shipped bundles', function () {
  this.timeout(60000);
  let work: string;
  let bundle: string;
  let env: NodeJS.ProcessEnv;
  const cachesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-codecache-'));
    bundle = path.join(work, 'x.bundle.js');
    fs.writeFileSync(bundle, bundleText(1));
    env = { XDG_CACHE_HOME: path.join(work, 'cache'), LOCALAPPDATA: path.join(work, 'cache'), RUNLOCALAI_CODE_CACHE: '' };
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('runs the bundle as Node would, writes the cache on save, and starts from it next time', () => {
    const first = load(bundle, 'x', env, true);
    assert.equal(first.outcome, 'missing');
    assert.deepEqual(first.exports, { answer: 1, file: 'x.bundle.js', dir: work });
    assert.equal(first.saved, true);
    assert.ok(first.cacheFile && fs.statSync(first.cacheFile).size > 0);
    const second = load(bundle, 'x', env, true);
    assert.equal(second.outcome, 'hit');
    assert.deepEqual(second.exports, first.exports);
    assert.equal(second.saved, false, 'a cache that was used is not written again');
  });

  it('gives a changed bundle another cache file, even at the same length (V8 checks only its length)', () => {
    const folder = path.join(work, 'cache', 'runlocalai');
    const before = cacheFileFor(folder, 'x', bundleText(1));
    assert.equal(cacheFileFor(folder, 'x', bundleText(1)), before);
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(2)), before);
    assert.notEqual(cacheFileFor(folder, 'y', bundleText(1)), before);
    const first = load(bundle, 'x', env, true);
    fs.writeFileSync(bundle, bundleText(2));
    const rebuilt = load(bundle, 'x', env);
    assert.equal(rebuilt.outcome, 'missing');
    assert.notEqual(rebuilt.cacheFile, first.cacheFile);
    assert.equal(rebuilt.exports.answer, 2);
  });

  it("keys a shipped bundle by the build's hash, its time and its size, without hashing it at start", () => {
    const folder = path.join(work, 'cache', 'runlocalai');
    const built = { sha256: 'a'.repeat(64), mtimeMs: 1000, size: 70 };
    const key = cacheFileFor(folder, 'x', bundleText(1), built);
    assert.match(path.basename(key), /^x-[0-9a-f]{32}\.v8cache$/);
    assert.equal(cacheFileFor(folder, 'x', bundleText(1), { ...built }), key);
    // Another build, the bundle written again after the build (its time), or another length: another cache.
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(1), { ...built, sha256: 'b'.repeat(64) }), key);
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(1), { ...built, mtimeMs: 1001 }), key);
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(1), { ...built, size: 71 }), key);
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(10), built), key);
    assert.notEqual(cacheFileFor(folder, 'y', bundleText(1), built), key);
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(1)), key, 'an unstamped bundle is keyed by its own hash');
    // V8 refuses a cache made under other flags: flags a bin sets on itself name another cache.
    assert.equal(cacheFileFor(folder, 'x', bundleText(1), built, []), key);
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(1), built, ['--max-opt=1']), key);
    assert.notEqual(cacheFileFor(folder, 'x', bundleText(1), undefined, ['--max-opt=1']), cacheFileFor(folder, 'x', bundleText(1)));
    assert.equal(hex128('ab'), hex128('ab'));
    assert.notEqual(hex128('ab'), hex128('ba'));
    assert.notEqual(hex128('a\u0100'), hex128('a\u0000'));
  });

  it('starts the stamped dist/cli.js from its cache, and a rewritten bundle (same text, new time) gets a new cache', () => {
    const dist = copyCliDist(work);
    const modelfile = path.join(work, 'Modelfile');
    fs.writeFileSync(modelfile, 'FROM llama3.1:8b\n');
    const run = () =>
      spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', modelfile, '--gpu', 'RTX 4090'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    const folder = path.join(work, 'cache', 'runlocalai');
    const first = run();
    assert.equal(first.status, 0, first.stderr);
    const caches = cachesIn(folder);
    assert.equal(caches.length, 1);
    const written = fs.statSync(path.join(folder, caches[0])).mtimeMs;
    assert.equal(run().stdout, first.stdout);
    assert.deepEqual(cachesIn(folder), caches, 'the second start used the first cache');
    assert.equal(fs.statSync(path.join(folder, caches[0])).mtimeMs, written, 'and did not write it again');
    const bundleFile = path.join(dist, 'cli.bundle.js');
    const later = new Date(fs.statSync(bundleFile).mtimeMs + 5000);
    fs.utimesSync(bundleFile, later, later);
    assert.equal(run().stdout, first.stdout);
    assert.equal(cachesIn(folder).length, 2, 'a bundle written after the build is not trusted with the old cache');
  });

  it('compiles from source when the cache is corrupt, and replaces it', () => {
    const file = load(bundle, 'x', env).cacheFile!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from('not a V8 code cache, only bytes that look nothing like one'));
    const corrupt = load(bundle, 'x', env, true);
    assert.equal(corrupt.outcome, 'rejected');
    assert.equal(corrupt.exports.answer, 1);
    assert.equal(corrupt.saved, true);
    assert.equal(load(bundle, 'x', env).outcome, 'hit');
  });

  it('compiles from source when the cache is truncated', () => {
    const first = load(bundle, 'x', env, true);
    const data = fs.readFileSync(first.cacheFile!);
    fs.writeFileSync(first.cacheFile!, data.subarray(0, Math.floor(data.length / 2)));
    const truncated = load(bundle, 'x', env);
    assert.equal(truncated.outcome, 'rejected');
    assert.equal(truncated.exports.answer, 1);
  });

  it('does not read a cache file larger than the cap', () => {
    const file = load(bundle, 'x', env).cacheFile!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Sparse: 33 MiB long without writing 33 MiB.
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 33 * 1024 * 1024);
    const oversized = load(bundle, 'x', env);
    assert.equal(oversized.outcome, 'unreadable');
    assert.equal(oversized.exports.answer, 1);
  });

  it('skips writing, silently, where the cache folder cannot be made', () => {
    const blocker = path.join(work, 'a-file');
    fs.writeFileSync(blocker, '');
    const blocked = { ...env, XDG_CACHE_HOME: path.join(blocker, 'cache'), LOCALAPPDATA: path.join(blocker, 'cache') };
    const loaded = load(bundle, 'x', blocked, true);
    assert.equal(loaded.exports.answer, 1);
    assert.equal(loaded.saved, false);
  });

  it('is off with RUNLOCALAI_CODE_CACHE=0: nothing read, nothing written', () => {
    const loaded = load(bundle, 'x', { ...env, RUNLOCALAI_CODE_CACHE: '0' }, true);
    assert.equal(loaded.outcome, 'off');
    assert.equal(loaded.saved, false);
    assert.deepEqual(cachesIn(path.join(work, 'cache', 'runlocalai')), []);
  });

  it('keeps the newest few caches of a bin, leaving other bins alone', () => {
    let newest: Loaded | undefined;
    for (let i = 1; i <= 6; i++) {
      fs.writeFileSync(bundle, bundleText(i));
      newest = load(bundle, 'x', env, true);
      assert.equal(newest.saved, true);
    }
    const other = path.join(work, 'y.bundle.js');
    fs.writeFileSync(other, bundleText(7));
    load(other, 'y', env, true);
    const folder = path.join(work, 'cache', 'runlocalai');
    const left = cachesIn(folder);
    assert.equal(left.filter((f) => f.startsWith('x-')).length, 4);
    assert.equal(left.filter((f) => f.startsWith('y-')).length, 1);
    assert.ok(left.includes(path.basename(newest!.cacheFile!)), 'the newest is kept');
  });

  it('puts the cache in the user cache folder of each platform', () => {
    assert.equal(cacheFolder({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), path.join('/xdg', 'runlocalai'));
    assert.equal(cacheFolder({}, 'linux', '/home/u'), path.join('/home/u', '.cache', 'runlocalai'));
    assert.equal(cacheFolder({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u'), path.join('/home/u', '.cache', 'runlocalai'));
    assert.equal(cacheFolder({}, 'darwin', '/Users/u'), path.join('/Users/u', 'Library', 'Caches', 'runlocalai'));
    assert.equal(
      cacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', ''),
      path.join('C:\\Users\\u\\AppData\\Local', 'runlocalai'),
    );
    assert.equal(cacheFolder({}, 'win32', 'C:\\Users\\u'), undefined);
    assert.equal(cacheFolder({}, 'linux', ''), undefined);
  });

  it('gives `check` a cache of its own: a --version run first does not leave check compiling its code at every run', () => {
    assert.equal(cacheNameFor('cli', ['check', 'Modelfile']), 'cli-check');
    assert.equal(cacheNameFor('cli', ['--version']), 'cli');
    assert.equal(cacheNameFor('cli', ['gpu', '--json']), 'cli');
    assert.equal(cacheNameFor('cli', []), 'cli');
    assert.equal(cacheNameFor('server', ['check']), 'server');
    assert.ok(
      COMMANDS.some((c) => c.name === 'check'),
      'the CLI still has a check command',
    );
    const cli = path.resolve('dist/cli.js');
    const modelfile = path.join(work, 'Modelfile');
    fs.writeFileSync(modelfile, 'FROM llama3.1:8b\n');
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(run('--version').status, 0);
    const folder = path.join(work, 'cache', 'runlocalai');
    assert.deepEqual(
      cachesIn(folder).map((f) => f.replace(/-[0-9a-f]{32}\.v8cache$/, '')),
      ['cli'],
    );
    const checked = run('check', modelfile, '--gpu', 'RTX 4090');
    assert.ok(checked.status === 0 || checked.status === 1, checked.stderr);
    assert.deepEqual(
      cachesIn(folder)
        .map((f) => f.replace(/-[0-9a-f]{32}\.v8cache$/, ''))
        .sort(),
      ['cli', 'cli-check'],
    );
    // Pruning the bin's older caches leaves check's alone.
    for (let i = 2; i <= 7; i++) {
      fs.writeFileSync(bundle, bundleText(i));
      load(bundle, 'cli', env, true);
    }
    const names = cachesIn(folder).map((f) => f.replace(/-[0-9a-f]{32}\.v8cache$/, ''));
    assert.equal(names.filter((n) => n === 'cli-check').length, 1);
    assert.equal(names.filter((n) => n === 'cli').length, 4);
  });
});
