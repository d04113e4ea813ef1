import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';

const GPU = ['--gpu', 'RTX 4070', '--ram', '32'];

/** A temporary copy of files from examples/, so --fix edits the copy. */
function copyOfExamples(...names: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-fix-'));
  fs.mkdirSync(path.join(root, '.git'));
  for (const name of names) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.copyFileSync(path.resolve('examples', name), path.join(root, name));
  }
  return root;
}

const lines = (text: string) => text.split('\n');

describe('runlocalai check --fix', () => {
  it('rewrites the headline Modelfile to a model that fits, keeping every other line, and exits from the re-check', async () => {
    const root = copyOfExamples('ollama/Modelfile');
    const file = path.join(root, 'ollama/Modelfile');
    const original = fs.readFileSync(file, 'utf8');
    const before = await cli(['check', file, ...GPU]);
    assert.equal(before.code, 1, before.out);
    const fixed = await cli(['check', file, ...GPU, '--fix']);
    assert.equal(fixed.code, 0, fixed.out + fixed.err);
    assert.match(fixed.err, /Modelfile: fixed: Use llama3\.1:8b \(Llama 3\.1 8B\) — fits/);
    const after = fs.readFileSync(file, 'utf8');
    const changed = lines(after).filter((l, i) => l !== lines(original)[i]);
    assert.deepEqual(changed, ['FROM llama3.1:8b'], `only the FROM line changes:\n${after}`);
    assert.equal(fixed.out, '', 'nothing is left to report');
  });

  it('fixes each launch in a script (a quantization for the 32B, a smaller model for the 70B), comments and layout kept', async () => {
    const root = copyOfExamples('llamacpp/serve.sh');
    const file = path.join(root, 'llamacpp/serve.sh');
    const original = fs.readFileSync(file, 'utf8');
    const r = await cli(['check', file, ...GPU, '--fix']);
    const after = fs.readFileSync(file, 'utf8');
    assert.equal(r.code, 0, r.out + r.err + after);
    assert.match(after, /-hf bartowski\/Qwen2\.5-32B-Instruct-GGUF:IQ2_XS \\\n/);
    assert.match(after, /exec llama-server -m Meta-Llama-3\.1-8B-Instruct-Q8_0\.gguf -c \d+ -ngl 99\n/);
    // Every comment and the structure around the commands are as they were.
    const comments = (t: string) => lines(t).filter((l) => l.trim().startsWith('#'));
    assert.deepEqual(comments(after), comments(original));
    assert.equal(lines(after).length, lines(original).length);
    assert.doesNotMatch(r.out, /partial-offload|wont-fit/);
  });

  it('makes a compose group fit over several passes, and the exit code follows the re-check', async () => {
    const root = copyOfExamples('compose/docker-compose.yml');
    const file = path.join(root, 'compose/docker-compose.yml');
    const r = await cli(['check', file, ...GPU, '--fix', '--format', 'json']);
    const after = fs.readFileSync(file, 'utf8');
    const report = JSON.parse(r.out);
    const codes = report.files[0].findings.map((f: { code: string }) => f.code);
    assert.ok(!codes.includes('group-wont-fit') && !codes.includes('wont-fit'), `left: ${codes.join(', ')}\n${after}`);
    assert.equal(r.code, 0);
    assert.match(after, /^# Ollama and a llama\.cpp server sharing one GPU/, 'the comment stays');
    assert.match(after, /command: \["-m", "\/models\/Meta-Llama-3\.1-8B-Instruct-Q4_K_M\.gguf", "-c", "\d+", "-ngl", "99"/);
  });

  it('leaves a file it cannot fix as it was, and still fails', async () => {
    const root = copyOfExamples('hf/config.json');
    const file = path.join(root, 'hf/config.json');
    const original = fs.readFileSync(file, 'utf8');
    const r = await cli(['check', file, ...GPU, '--fix']);
    assert.equal(r.code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), original);
    assert.equal(r.err, '');
  });

  it('keeps a byte-order mark and changes nothing without --fix', async () => {
    const root = copyOfExamples();
    const file = path.join(root, 'Modelfile');
    fs.writeFileSync(file, '\uFEFF# big\nFROM llama3.1:70b\nPARAMETER num_ctx 8192\n');
    const plain = await cli(['check', file, ...GPU]);
    assert.equal(plain.code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFF# big\nFROM llama3.1:70b\nPARAMETER num_ctx 8192\n');
    const fixed = await cli(['check', file, ...GPU, '--fix']);
    assert.equal(fixed.code, 0, fixed.out);
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFF# big\nFROM llama3.1:8b\nPARAMETER num_ctx 8192\n');
  });
});
