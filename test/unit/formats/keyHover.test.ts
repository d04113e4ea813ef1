import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const service = createLanguageService({ catalog });
const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 64);
let version = 0;

/** Hovers at the `|` caret of a file with this name and language. */
function hoverAt(name: string, languageId: string, markedText: string, hardware = rtx4090) {
  const { text, position } = caret(markedText);
  const doc = { uri: `file:///project/${++version}/${name}`, version, languageId, getText: () => text };
  const h = service.doHover(doc, position, hardware);
  return { markdown: h?.markdown ?? '', range: h?.range, text };
}

const slice = (text: string, r: { start: { line: number; character: number }; end: { character: number } } | undefined) =>
  r ? text.split('\n')[r.start.line].slice(r.start.character, r.end.character) : '';

describe('config-key hovers in every format', () => {
  it('vLLM YAML: a key gets its meaning, default and the value that would fit', () => {
    const h = hoverAt('serve.yaml', 'yaml', 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_mod|el_len: 131072\n');
    assert.match(h.markdown, /### `--max-model-len`/);
    assert.match(h.markdown, /\*\*Default:\*\*/);
    assert.match(h.markdown, /\*\*On .*RTX 4090.*:\*\* won't fit/);
    const fits = /\*\*Would fit:\*\* `max_model_len (\d+)`/.exec(h.markdown);
    assert.ok(fits, h.markdown);
    assert.ok(Number(fits[1]) >= 8192 && Number(fits[1]) < 131072, fits[1]);
    assert.equal(slice(h.text, h.range), 'max_model_len');
    const util = hoverAt('serve.yaml', 'yaml', 'model: meta-llama/Llama-3.1-8B-Instruct\ngpu_memory_util|ization: 0.8\n');
    assert.match(util.markdown, /### `--gpu-memory-utilization`/);
    assert.match(util.markdown, /\*\*Default:\*\* 0\.9/);
    assert.match(util.markdown, /\*\*Set here:\*\* `0\.8`/);
  });

  it('vLLM Helm values in camel case find the same entry', () => {
    const h = hoverAt(
      'values.yaml',
      'yaml',
      'servingEngineSpec:\n  modelSpec:\n  - name: llama\n    modelURL: meta-llama/Llama-3.1-8B-Instruct\n    vllmConfig:\n      maxMod|elLen: 4096\n',
    );
    assert.match(h.markdown, /### `--max-model-len`/);
  });

  it('vLLM command line in a shell script', () => {
    const h = hoverAt('serve.sh', 'shellscript', 'vllm serve meta-llama/Llama-3.1-8B-Instruct --gpu-memory-util|ization 0.85\n');
    assert.match(h.markdown, /### `--gpu-memory-utilization`/);
    assert.equal(slice(h.text, h.range), '--gpu-memory-utilization');
  });

  it('llama.cpp in a Markdown code block: modelled flags and flags the estimate does not read', () => {
    const md = '# Run it\n\n```bash\nllama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -n|gl 99 --threads 8\n```\n';
    const ngl = hoverAt('README.md', 'markdown', md);
    assert.match(ngl.markdown, /### `--n-gpu-layers`/);
    assert.match(ngl.markdown, /\*\*Set here:\*\* `99`/);
    assert.equal(slice(ngl.text, ngl.range), '-ngl');
    const threads = hoverAt('README.md', 'markdown', md.replace('-n|gl', '-ngl').replace('--threads', '--thr|eads'));
    assert.match(threads.markdown, /### `--threads`/);
    // Outside the code block the word is prose, not a flag.
    const prose = hoverAt('README.md', 'markdown', 'Pass --thr|eads to llama-server.\n\n```bash\nllama-server -m x.gguf\n```\n');
    assert.doesNotMatch(prose.markdown, /### `--threads`/);
  });

  it('llama.cpp in a Dockerfile, with the KV cache it costs', () => {
    const h = hoverAt(
      'Dockerfile',
      'dockerfile',
      'FROM ghcr.io/ggml-org/llama.cpp:server\nCMD llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -ct|k q8_0 -fa on\n',
    );
    assert.match(h.markdown, /### `--cache-type-k`/);
    assert.match(h.markdown, /This value costs [\d.]+ (MiB|GiB) \(KV cache for/);
  });

  it('llama-cpp-python spells flags with underscores: found by what they set', () => {
    const h = hoverAt('run.sh', 'shellscript', 'python3 -m llama_cpp.server --model qwen2.5-7b-instruct-q4_k_m.gguf --n_c|tx 8192\n');
    assert.match(h.markdown, /### `--ctx-size`/);
  });

  it('llama-swap: a flag inside a model’s cmd', () => {
    const text =
      'models:\n  chat:\n    cmd: llama-server --port ${PORT} -m /models/Meta-Llama-3.1-8B-Instruct-Q8_0.gguf --ctx-si|ze 16384\n';
    assert.match(hoverAt('config.yaml', 'yaml', text).markdown, /### `--ctx-size`/);
  });

  it('LocalAI model YAML: its own keys first, including ones the estimate does not model', () => {
    const base =
      'name: m\nbackend: llama-cpp\ncontext_size: 8192\nmmap: true\nparameters:\n  model: Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\n';
    const ctx = hoverAt('models/m.yaml', 'yaml', base.replace('context_size', 'context_si|ze'));
    assert.match(ctx.markdown, /### `context_size`/);
    assert.match(ctx.markdown, /LocalAI model YAML key/);
    const mmap = hoverAt('models/m.yaml', 'yaml', base.replace('mmap', 'mm|ap'));
    assert.match(mmap.markdown, /### `mmap`/);
  });

  it('docker-compose: OLLAMA_* environment of an Ollama service', () => {
    const text =
      'services:\n  ollama:\n    image: ollama/ollama\n    environment:\n      OLLAMA_KV_CACHE_TY|PE: q8_0\n      OLLAMA_KEEP_ALIVE: 24h\n    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 5 && ollama run llama3.1:8b"]\n';
    const kv = hoverAt('docker-compose.yml', 'yaml', text);
    assert.match(kv.markdown, /### `OLLAMA_KV_CACHE_TYPE`/);
    assert.equal(slice(kv.text, kv.range), 'OLLAMA_KV_CACHE_TYPE');
    const keep = hoverAt('docker-compose.yml', 'yaml', text.replace('TY|PE', 'TYPE').replace('KEEP_ALIVE', 'KEEP_AL|IVE'));
    assert.match(keep.markdown, /### `OLLAMA_KEEP_ALIVE`/);
  });

  it('shell: an OLLAMA_* variable set for one ollama run', () => {
    const h = hoverAt('setup.sh', 'shellscript', 'OLLAMA_CONTEXT_LEN|GTH=8192 ollama run llama3.1:8b\n');
    assert.match(h.markdown, /### `OLLAMA_CONTEXT_LENGTH`/);
  });

  it('llama.cpp presets: keys are flag names without dashes', () => {
    const text = '[*]\nn-gpu-layers = 99\n\n[llama-8b]\nmodel = /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\nctx-si|ze = 8192\n';
    const h = hoverAt('preset.ini', 'ini', text);
    assert.match(h.markdown, /### `--ctx-size`/);
    assert.equal(slice(h.text, h.range), 'ctx-size');
  });

  it('flags of placement and KV sizing have entries too', () => {
    const ot = hoverAt('run.sh', 'shellscript', 'llama-server -m Qwen3-30B-A3B-Q4_K_M.gguf -o|t exps=CPU\n');
    assert.match(ot.markdown, /### `--override-tensor`/);
    assert.match(ot.markdown, /\*\*Set here:\*\* `exps=CPU`/);
    const kv = hoverAt('serve.yaml', 'yaml', 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 8192\nkv_cache_memory_by|tes: 8g\n');
    assert.match(kv.markdown, /### `--kv-cache-memory-bytes`/);
  });

  it('no hover on a key no runtime reads', () => {
    const h = hoverAt('serve.yaml', 'yaml', 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 8192\nfavourite_co|lour: blue\n');
    assert.equal(h.markdown, '');
  });
});
