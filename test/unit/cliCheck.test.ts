import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';

/** A throwaway project folder with the given files (paths relative to it). */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-check-'));
  fs.mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const FITS = 'FROM llama3.2:1b\nPARAMETER num_ctx 4096\n';
const TOO_BIG = 'FROM llama3.1:70b\n';

describe('runlocalai check on folders, globs and formats', () => {
  it('walks a folder, checks every recognised file, honours .gitignore and exits 1 on an error', async () => {
    const root = project({
      'ollama/Modelfile': FITS,
      'vllm/serve.yaml': 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 8192\n',
      'scripts/run.sh': 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 4096\n',
      'notes.txt': 'nothing here',
      'ignored/Modelfile': TOO_BIG,
      '.gitignore': 'ignored/\n',
    });
    const ok = await cli(['check', root, '--gpu', 'RTX 4090', '--format', 'json']);
    assert.equal(ok.code, 0, ok.out + ok.err);
    const report = JSON.parse(ok.out);
    assert.deepEqual(report.files.map((f: { format: string }) => f.format).sort(), ['command-line', 'modelfile', 'vllm']);
    assert.ok(report.skipped.some((s: { path: string; reason: string }) => s.path.endsWith('notes.txt') && s.reason));
    const bad = await cli(['check', root, path.join(root, 'ignored'), '--gpu', 'RTX 4070']);
    assert.equal(bad.code, 1, 'the ignored folder, named on the command line, is checked');
  });

  it('prints the JSON shape the issue specifies', async () => {
    const root = project({ Modelfile: TOO_BIG });
    const r = await cli(['check', path.join(root, 'Modelfile'), '--gpu', 'RTX 4070', '--format', 'json']);
    assert.equal(r.code, 1);
    const { files, skipped } = JSON.parse(r.out);
    assert.deepEqual(skipped, []);
    assert.deepEqual(Object.keys(files[0]), ['path', 'format', 'deployments', 'findings']);
    assert.deepEqual(Object.keys(files[0].deployments[0]), ['model', 'runtime', 'line', 'verdict', 'totalBytes', 'usableBytes', 'source']);
    assert.deepEqual(Object.keys(files[0].findings[0]), ['line', 'column', 'severity', 'code', 'message']);
    assert.equal(files[0].deployments[0].verdict, 'wont-fit');
  });

  it('says what it skipped and why with --verbose, and nothing without', async () => {
    const root = project({ 'a/notes.md': '# notes\n', 'a/Modelfile': FITS, '.gitignore': 'build\n', 'build/Modelfile': TOO_BIG });
    const quiet = await cli(['check', root, '--gpu', 'RTX 4090']);
    assert.equal(quiet.err, '');
    const loud = await cli(['check', root, '--gpu', 'RTX 4090', '--verbose']);
    assert.match(loud.err, /notes\.md: skipped, /);
    assert.match(loud.err, /build: skipped, ignored by \.gitignore/);
  });

  it('expands globs, and exits 2 on a path or glob that names nothing', async () => {
    const root = project({ 'deploy/a.yaml': 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 8192\n', 'deploy/b.txt': 'x' });
    const r = await cli(['check', `${root}/deploy/*.yaml`, '--gpu', 'RTX 4090', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).files.length, 1);
    assert.equal((await cli(['check', `${root}/nothing/*.yaml`, '--gpu', 'RTX 4090'])).code, 2);
    assert.equal((await cli(['check', `${root}/missing.yaml`, '--gpu', 'RTX 4090'])).code, 2);
  });

  it('judges against the .runlocalai.yaml of the repository, and says so', async () => {
    const root = project({
      '.runlocalai.yaml': 'gpus: 2 x RTX 3090\nram: 64GB\n',
      Modelfile: 'FROM llama3.1:70b\nPARAMETER num_ctx 8192\n',
    });
    const r = await cli(['check', root, '--format', 'json'], { devices: [], source: 'failed' });
    assert.match(r.err, /target hardware declared in .*\.runlocalai\.yaml/);
    const { files } = JSON.parse(r.out);
    assert.ok(files[0].deployments[0].usableBytes > 40 * 1024 ** 3, 'two 24 GB cards, not this machine');
    const broken = project({ '.runlocalai.yaml': 'gpus: 2 x Quantum 9000\n', Modelfile: FITS });
    assert.equal((await cli(['check', broken], { devices: [], source: 'failed' })).code, 2);
  });
});
