import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { corpusDir } from '../helpers/corpus';

/** A project folder with the given files; returns its path. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-explain-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

// vLLM's V1 KV check as printed in ../shared/corpus/errors/tpu-inference-223, after the args line naming the model.
function vllmLog(test: Mocha.Context): string {
  const corpus = fs.readFileSync(path.join(corpusDir(test), 'errors', 'tpu-inference-223__v1-kv-cache-needed.log'), 'utf8');
  return `INFO 05-01 10:00:00 [utils.py:326] non-default args: {'model': 'meta-llama/Llama-3.1-8B-Instruct', 'max_model_len': 131072}\n${corpus}`;
}

describe('runlocalai explain: the config a log came from', () => {
  it('names the config, its own fix and the value vLLM estimated, in text and JSON', async function () {
    const root = project({
      'deploy/serve.yaml': 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 131072\n',
      'deploy/other.yaml': 'model: Qwen/Qwen2.5-7B-Instruct\nmax_model_len: 32768\n',
      'logs/vllm.log': vllmLog(this),
    });
    const log = path.join(root, 'logs', 'vllm.log');
    const text = await cli(['explain', log, '--config-dir', path.join(root, 'deploy'), '--gpu', 'RTX 4090']);
    assert.equal(text.code, 0, text.err);
    const config = text.out.split('\n').find((l) => l.startsWith('config: '));
    assert.ok(config, text.out);
    assert.match(config, /deploy[/\\]serve\.yaml:1 runs meta-llama\/Llama-3\.1-8B-Instruct/);
    assert.match(text.out, /its fix: Set max_model_len to/);
    assert.match(text.out, /the runtime's own figure \(log line \d+\): Set max_model_len to 5632/);

    const json = await cli(['explain', log, '--config-dir', path.join(root, 'deploy'), '--gpu', 'RTX 4090', '--json']);
    const parsed = JSON.parse(json.out).config;
    assert.equal(parsed.line, 1);
    assert.match(parsed.path, /serve\.yaml$/);
    assert.deepEqual({ setting: parsed.figureFix.setting, value: parsed.figureFix.value }, { setting: 'context', value: '5632' });
  });

  it('says nothing of a config when none runs the model, and keeps the exit code of what the log shows', async function () {
    const root = project({ 'serve.yaml': 'model: Qwen/Qwen2.5-7B-Instruct\nmax_model_len: 32768\n', 'vllm.log': vllmLog(this) });
    const r = await cli(['explain', path.join(root, 'vllm.log'), '--config-dir', root, '--gpu', 'RTX 4090', '--json']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).config, null);
  });

  it('exits 2 when --config-dir is not a folder', async function () {
    const root = project({ 'vllm.log': vllmLog(this) });
    const r = await cli(['explain', path.join(root, 'vllm.log'), '--config-dir', path.join(root, 'vllm.log')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a folder/);
  });
});
