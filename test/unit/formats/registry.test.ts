import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { globMatch } from '../../../server/src/engine/formats/glob';
import { recognise } from '../../../server/src/engine/formats/registry';
import { parseTargetFile, targetHardware } from '../../../server/src/engine/formats/target';
import { testCatalog } from '../../helpers/catalog';

const id = (uri: string, text: string, languageId = 'plaintext', formats = {}) =>
  recognise({ uri: `file:///p/${uri}`, languageId, text }, formats).format?.id;

describe('format recognition', () => {
  it('lets the language id decide first, and the path only for plain text', () => {
    assert.equal(id('x.yaml', 'max_model_len: 4096\nmodel: a/b\n', 'yaml'), 'vllm');
    assert.equal(id('x.yaml', 'max_model_len: 4096\nmodel: a/b\n'), 'vllm', 'plain text named .yaml is read as YAML');
    assert.equal(id('x.txt', 'max_model_len: 4096\nmodel: a/b\n'), undefined);
    assert.equal(id('notes.md', 'max_model_len: 4096', 'markdown'), undefined, 'a markdown language id is not YAML');
  });

  it('tells the YAML formats apart by content, wherever the file lives', () => {
    assert.equal(id('a.yaml', 'services:\n  x:\n    image: ollama/ollama\n'), 'compose');
    assert.equal(id('a.yaml', 'models:\n  m:\n    cmd: llama-server -m x.gguf\n'), 'llama-swap');
    assert.equal(id('a.yaml', 'name: m\nbackend: llama-cpp\nparameters:\n  model: x.gguf\n'), 'localai');
    assert.equal(id('deep/dir/any.yml', 'engine_args:\n  max_model_len: 4096\n'), 'vllm');
    assert.equal(id('a.yaml', 'name: ci\non: push\n'), undefined);
  });

  it('recognises Modelfiles by name, and commands by language', () => {
    assert.equal(id('Modelfile', 'FROM llama3.1:8b\n'), 'modelfile');
    assert.equal(id('repo__Modelfile', 'FROM llama3.1:8b\n'), 'modelfile');
    assert.equal(id('notes.txt', 'FROM llama3.1:8b\nPARAMETER num_ctx 4096\n'), undefined, 'a text file is not a Modelfile to Ollama');
    assert.equal(id('start.sh', 'llama-server -m x.gguf\n'), 'command-line');
    assert.equal(id('start.sh', 'echo hello\n'), undefined);
    assert.equal(id('config.json', '{"model_type": "llama", "num_hidden_layers": 2}'), 'hf-config');
  });

  it('lets runlocalai.formats add and exclude files', () => {
    assert.equal(id('deploy/serve.conf', 'model: a/b\n', 'plaintext', { 'deploy/*.conf': 'vllm' }), 'vllm');
    assert.equal(id('vendor/Modelfile', 'FROM llama3.1:8b\n', 'plaintext', { 'vendor/**': 'none' }), undefined);
    assert.equal(id('x/Modelfile', 'FROM llama3.1:8b\n', 'plaintext', { Modelfile: 'none' }), undefined, 'a bare name matches anywhere');
  });
});

describe('glob matching', () => {
  it('matches *, ** and {a,b} as editors do', () => {
    assert.ok(globMatch('**/*.yaml', '/p/a/b/c.yaml'));
    assert.ok(globMatch('deploy/**', 'deploy/a/b'));
    assert.ok(globMatch('*.{yml,yaml}', 'x.yml'));
    assert.ok(!globMatch('*.yaml', 'a/x.yaml'), '* does not cross folders');
    assert.ok(globMatch('a/**/b', 'a/b'), '**/ matches no folder too');
  });

  it('runs in bounded time on adversarial patterns', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a*?/]{0,40}$/), fc.stringMatching(/^[ab/]{0,200}$/), (pattern, path) => {
        const started = Date.now();
        globMatch(pattern, path);
        assert.ok(Date.now() - started < 50);
      }),
    );
    const started = Date.now();
    globMatch('*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(50_000));
    assert.ok(Date.now() - started < 2000);
  });
});

describe('target hardware', () => {
  const catalog = testCatalog();
  it('reads "gpus: 2 x RTX 3090" and "ram: 64GB", and says where it came from', () => {
    const parsed = parseTargetFile('gpus: 2 x RTX 3090\nram: 64GB\n');
    assert.deepEqual(parsed.settings, { gpu: 'RTX 3090', gpuCount: 2, vramGB: null, ramGB: 64 });
    const t = targetHardware(parsed.settings!, catalog, { devices: [], source: 'detected' }, '.runlocalai.yaml');
    assert.equal(t.hardware?.devices.length, 2);
    assert.equal(t.hardware?.ramBytes, 64 * 1024 ** 3);
    assert.match(t.hardware?.note ?? '', /\.runlocalai\.yaml/);
  });

  it('rejects what it cannot read, with a reason', () => {
    assert.match(parseTargetFile('gpus: 0 x RTX 3090\n').error ?? '', /GPU count/);
    assert.match(parseTargetFile('gpus: RTX 3090\nram: lots\n').error ?? '', /size/);
    const unknown = targetHardware(parseTargetFile('gpus: Quantum 9000\n').settings!, catalog, { devices: [], source: 'detected' }, 'x');
    assert.match(unknown.error ?? '', /not a catalog GPU/);
  });
});
