import * as assert from 'node:assert/strict';
import type { Deployment, SettingName } from '../../../server/src/engine/formats/types';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { applyEdits, checkFile } from '../../helpers/formats';

const catalog = testCatalog();
const rtx4070 = gpuHardware(catalog, 'RTX 4070', 1, 32);
const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 64);

/** A file, its first (or named) deployment, and a way to apply that deployment's edits and read the file again. */
function open(name: string, text: string, hardware: Hardware, label?: string) {
  const languageId = name.endsWith('.ini') ? 'ini' : 'yaml';
  const first = checkFile(name, text, hardware, languageId);
  const parsed = first.parsed;
  assert.ok(parsed, `${name} is not recognised`);
  const index = label ? parsed.deployments.findIndex((d) => d.label === label) : 0;
  assert.ok(index >= 0, `no deployment ${label}`);
  const d: Deployment = parsed.deployments[index];
  const reread = (fixed: string) => {
    const again = checkFile(name, fixed, hardware, languageId);
    const i = label ? again.parsed!.deployments.findIndex((x) => x.label === label) : 0;
    return { d: again.parsed!.deployments[i], result: again.result, total: totalOf(again.result, label) };
  };
  const edit = (...changes: [SettingName, string][]) => {
    const fixed = applyEdits(
      text,
      changes.flatMap(([s, v]) => d.edit(s, v)),
    );
    return { fixed, ...reread(fixed) };
  };
  return { d, result: first.result, total: totalOf(first.result, label), edit, text };
}

function totalOf(result: ReturnType<typeof checkFile>['result'], label?: string): number {
  const r = label ? result.deployments.find((x) => x.label === label) : result.deployments[0];
  assert.ok(r?.totalBytes, `no estimate for ${label ?? 'the first deployment'}`);
  return r.totalBytes;
}

const serious = (r: ReturnType<typeof checkFile>['result']) =>
  r.findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.code !== 'group-wont-fit');

describe('each format’s edits, applied and re-checked', () => {
  describe('docker-compose', () => {
    const ollama = [
      'services:',
      '  ollama:',
      '    image: ollama/ollama',
      '    environment:',
      '      OLLAMA_CONTEXT_LENGTH: "131072"',
      '    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 5 && ollama run llama3.1:8b && wait"]',
    ].join('\n');

    it('Ollama service: the context fix replaces OLLAMA_CONTEXT_LENGTH and the file then fits', () => {
      const f = open('docker-compose.yml', ollama, rtx4070);
      const finding = serious(f.result)[0];
      assert.ok(finding, 'expected a finding for 128K tokens on a 12 GB card');
      const fix = finding.fixes.find((x) => x.title.startsWith('Set OLLAMA_CONTEXT_LENGTH'));
      assert.ok(fix?.edits, finding.fixes.map((x) => x.title).join());
      const fixed = applyEdits(ollama, fix.edits);
      assert.match(fixed, /OLLAMA_CONTEXT_LENGTH: "\d+"/);
      assert.deepEqual(serious(checkFile('docker-compose.yml', fixed, rtx4070, 'yaml').result), []);
    });

    it('Ollama service: missing keys are added to the environment map in its style; KV type with flash attention shrinks the cache', () => {
      const f = open('docker-compose.yml', ollama, rtx4090);
      const q8 = f.edit(['kvType', 'q8_0'], ['flashAttention', 'on']);
      assert.match(q8.fixed, /\n {6}OLLAMA_KV_CACHE_TYPE: "q8_0"/);
      assert.match(q8.fixed, /\n {6}OLLAMA_FLASH_ATTENTION: "1"/, 'Ollama reads a boolean, not "on"');
      assert.ok(q8.total < f.total, `${q8.total} < ${f.total}`);
      const parallel = f.edit(['parallel', '4']);
      assert.match(parallel.fixed, /\n {6}OLLAMA_NUM_PARALLEL: "4"/);
      assert.ok(parallel.total > f.total, 'four slots of the full context cost more');
    });

    it('Ollama service with a list environment adds NAME=value items', () => {
      const list = ollama.replace('      OLLAMA_CONTEXT_LENGTH: "131072"', '      - OLLAMA_CONTEXT_LENGTH=131072');
      const f = open('docker-compose.yml', list, rtx4090);
      const q8 = f.edit(['kvType', 'q8_0']);
      assert.match(q8.fixed, /\n {6}- OLLAMA_KV_CACHE_TYPE=q8_0/);
    });

    const vllm = [
      'services:',
      '  vllm:',
      '    image: vllm/vllm-openai:latest',
      '    command: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--max-model-len", "131072"]',
    ].join('\n');

    it('vLLM service: max_model_len in place, gpu_memory_utilization added to the command list', () => {
      const f = open('docker-compose.yml', vllm, rtx4090);
      assert.ok(serious(f.result).length > 0, 'expected 128K on a 24 GB card to be refused');
      const ctx = f.edit(['context', '16384']);
      assert.match(ctx.fixed, /"--max-model-len", "16384"\]/);
      assert.deepEqual(serious(ctx.result), []);
      const util = f.edit(['context', '16384'], ['gpuMemoryUtilization', '0.8']);
      assert.match(util.fixed, /"16384", "--gpu-memory-utilization", "0.8"\]/);
      assert.equal(util.d.settings.gpuMemoryUtilization?.value, '0.8');
    });

    const llama = [
      'services:',
      '  llama:',
      '    image: ghcr.io/ggml-org/llama.cpp:server-cuda',
      '    command:',
      '      - -m',
      '      - /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf',
      '      - -c',
      '      - "131072"',
    ].join('\n');

    it('llama.cpp service: context in place, GPU layers, KV type and flash attention added as list items', () => {
      const f = open('docker-compose.yml', llama, rtx4070);
      const ctx = f.edit(['context', '8192']);
      assert.match(ctx.fixed, /- "8192"/);
      assert.ok(ctx.total < f.total);
      assert.deepEqual(serious(ctx.result), []);
      const q8 = f.edit(['kvType', 'q8_0'], ['kvTypeV', 'q8_0'], ['flashAttention', 'on']);
      assert.match(q8.fixed, /- "131072"\n {6}- "--cache-type-k"\n {6}- "q8_0"/);
      assert.equal(q8.d.settings.kvTypeV?.value, 'q8_0');
      assert.equal(q8.d.settings.flashAttention?.value, 'on');
      assert.ok(q8.total < f.total, `${q8.total} < ${f.total}`);
      const layers = f.edit(['context', '8192'], ['gpuLayers', '20'], ['parallel', '2']);
      assert.equal(layers.d.settings.gpuLayers?.value, '20');
      assert.equal(layers.d.settings.parallel?.value, '2');
      assert.equal(layers.result.deployments[0].answer?.estimate.gpuLayers, 20);
    });

    it('Compose models: context_size in place or added under the model', () => {
      const text = 'services:\n  app:\n    image: my/app\nmodels:\n  small:\n    model: ai/llama3.1:8B-Q4_K_M\n    context_size: 131072\n';
      const f = open('compose.yaml', text, rtx4070, 'small');
      const ctx = f.edit(['context', '8192']);
      assert.match(ctx.fixed, /context_size: 8192/);
      assert.ok(ctx.total < f.total);
      const bare = open('compose.yaml', text.replace('    context_size: 131072\n', ''), rtx4070, 'small');
      assert.match(bare.edit(['context', '8192']).fixed, /\n {4}model: ai\/llama3\.1:8B-Q4_K_M\n {4}context_size: 8192/);
    });
  });

  describe('llama-swap', () => {
    const text = [
      'macros:',
      '  ctx: 131072',
      'models:',
      '  coder:',
      '    cmd: |',
      '      llama-server --port ${PORT}',
      '      -m /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf',
      '      -c ${ctx}',
      '  chat:',
      '    cmd: llama-server --port ${PORT} -m /models/Meta-Llama-3.1-8B-Instruct-Q8_0.gguf -c 131072',
    ].join('\n');

    it('the context fix edits the macro’s value, and the model then fits', () => {
      const f = open('config.yaml', text, rtx4070, 'coder');
      const finding = serious(f.result).find((x) => /coder/.test(x.message));
      const fix = finding?.fixes.find((x) => x.title.startsWith('Set -c'));
      assert.ok(
        fix?.edits,
        serious(f.result)
          .map((x) => `${x.code}: ${x.fixes.map((y) => y.title)}`)
          .join('\n'),
      );
      const fixed = applyEdits(text, fix.edits);
      assert.match(fixed, /^ {2}ctx: \d+$/m);
      assert.equal(serious(checkFile('config.yaml', fixed, rtx4070, 'yaml').result).filter((x) => /coder/.test(x.message)).length, 0);
    });

    it('adds missing flags to a block cmd on a new line in its own style, without shell continuations', () => {
      const f = open('config.yaml', text, rtx4070, 'coder');
      const q8 = f.edit(['kvType', 'q8_0'], ['flashAttention', 'on']);
      assert.match(q8.fixed, /-c \$\{ctx\}\n {6}--cache-type-k q8_0/);
      assert.ok(!q8.fixed.includes('\\'), q8.fixed);
      assert.equal(q8.d.settings.kvType?.value, 'q8_0');
      assert.ok(q8.total < f.total);
      const layers = f.edit(['gpuLayers', '16']);
      assert.equal(layers.d.settings.gpuLayers?.value, '16');
      assert.equal(layers.result.deployments.find((x) => x.label === 'coder')?.answer?.estimate.gpuLayers, 16);
    });

    it('edits a one-line cmd in place and appends to it', () => {
      const f = open('config.yaml', text, rtx4070, 'chat');
      const ctx = f.edit(['context', '8192'], ['parallel', '2']);
      assert.match(ctx.fixed, /-c 8192 --parallel 2$/m);
      assert.ok(ctx.total < f.total);
      assert.equal(ctx.d.settings.parallel?.value, '2');
    });
  });

  describe('llama.cpp presets', () => {
    const text = '[*]\nn-gpu-layers = 99\n\n[llama-8b]\nmodel = /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\nctx-size = 131072\n';

    it('the context fix edits the section’s value, and the model then fits', () => {
      const f = open('preset.ini', text, rtx4070);
      const finding = serious(f.result)[0];
      const fix = finding?.fixes.find((x) => x.title.startsWith('Set ctx-size'));
      assert.ok(
        fix?.edits,
        serious(f.result)
          .map((x) => `${x.code}: ${x.fixes.map((y) => y.title)}`)
          .join('\n'),
      );
      const fixed = applyEdits(text, fix.edits);
      assert.match(fixed, /^ctx-size = \d+$/m);
      assert.deepEqual(serious(checkFile('preset.ini', fixed, rtx4070, 'ini').result), []);
    });

    it('adds missing keys to the model’s own section in the file’s spacing; a [*] default is overridden there', () => {
      const f = open('preset.ini', text, rtx4070);
      const q8 = f.edit(['kvType', 'q8_0'], ['kvTypeV', 'q8_0'], ['flashAttention', 'on']);
      assert.match(q8.fixed, /ctx-size = 131072\ncache-type-k = q8_0/);
      assert.match(q8.fixed, /\nflash-attn = on/);
      assert.ok(q8.total < f.total);
      const layers = f.edit(['gpuLayers', '20'], ['parallel', '2']);
      assert.match(layers.fixed, /^\[\*\]\nn-gpu-layers = 99\n/, 'the shared default stays');
      assert.match(layers.fixed, /\nn-gpu-layers = 20/);
      assert.equal(layers.d.settings.gpuLayers?.value, '20');
      assert.equal(layers.d.settings.parallel?.value, '2');
      const tight = open('preset.ini', text.replace(/ = /g, '='), rtx4070);
      assert.match(tight.edit(['parallel', '2']).fixed, /\nparallel=2/);
    });
  });

  describe('vLLM YAML, LocalAI and command lines', () => {
    it('vLLM --config: every memory key edited in place or added in snake case, and the cache shrinks', () => {
      const text = 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 131072\n';
      const f = open('serve.yaml', text, rtx4090);
      const fixed = f.edit(['context', '32768'], ['kvType', 'fp8'], ['parallel', '8'], ['gpuMemoryUtilization', '0.95']);
      assert.match(fixed.fixed, /^max_model_len: 32768\nkv_cache_dtype: fp8\nmax_num_seqs: 8\ngpu_memory_utilization: 0.95$/m);
      assert.ok(fixed.total < f.total, `${fixed.total} < ${f.total}`);
      assert.deepEqual(serious(fixed.result), []);
    });

    it('LocalAI: context and GPU layers in place or added, KV type with flash attention added at the top level', () => {
      const text = 'name: m\nbackend: llama-cpp\ncontext_size: 131072\nparameters:\n  model: Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\n';
      const f = open('models/m.yaml', text, rtx4090);
      const q8 = f.edit(['kvType', 'q8_0'], ['kvTypeV', 'q8_0'], ['flashAttention', 'true']);
      assert.match(q8.fixed, /\ncache_type_k: q8_0\ncache_type_v: q8_0\nflash_attention: true/);
      assert.ok(q8.total < f.total);
      const ctx = f.edit(['context', '8192'], ['gpuLayers', '99']);
      assert.match(ctx.fixed, /^context_size: 8192$/m);
      assert.ok(ctx.total < f.total);
    });
  });
});
