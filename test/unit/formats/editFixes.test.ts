import * as assert from 'node:assert/strict';
import type { EditFix, EditFixKind } from '../../../server/src/engine/formats/editFixes';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { formatBytes } from '../../../server/src/engine/render/format';
import type { Fix } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { applyEdits } from '../../helpers/edits';
import { checkFile } from '../../helpers/formats';

const catalog = testCatalog();
const rtx4070 = gpuHardware(catalog, 'RTX 4070', 1, 32);
const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 128);
const two4090 = gpuHardware(catalog, 'RTX 4090', 2, 128);

interface Scenario {
  name: string;
  languageId: string;
  text: string;
  hardware: Hardware;
}

const isEditFix = (f: Fix): f is EditFix => 'promise' in f && Array.isArray(f.edits);

/** Configs that do not fit, in every format, each asking for a different kind of change. */
const SCENARIOS: Scenario[] = [
  { name: 'Modelfile', languageId: 'modelfile', text: 'FROM llama3.1:70b\nPARAMETER num_ctx 8192\n', hardware: rtx4070 },
  { name: 'Modelfile', languageId: 'modelfile', text: 'FROM qwen2.5:32b\n', hardware: rtx4090 },
  { name: 'Modelfile', languageId: 'modelfile', text: 'FROM qwen2.5:14b-instruct-q8_0\nPARAMETER num_ctx 8192\n', hardware: rtx4070 },
  { name: 'Modelfile', languageId: 'modelfile', text: 'FROM llama3.1:70b\nPARAMETER num_gpu 80\n', hardware: rtx4090 },
  {
    name: 'serve.sh',
    languageId: 'shellscript',
    text: 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 65536 -ngl 99\n',
    hardware: rtx4070,
  },
  {
    name: 'serve.sh',
    languageId: 'shellscript',
    text: 'llama-server \\\n  -m Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf \\\n  -c 8192\n',
    hardware: rtx4070,
  },
  {
    name: 'serve.sh',
    languageId: 'shellscript',
    text: 'llama-server -m Qwen3-30B-A3B-Q4_K_M.gguf -c 8192 -ngl 99 --fit off\n',
    hardware: rtx4070,
  },
  {
    name: 'serve.sh',
    languageId: 'shellscript',
    text: 'vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 131072\n',
    hardware: rtx4070,
  },
  {
    name: 'serve.sh',
    languageId: 'shellscript',
    text: 'vllm serve meta-llama/Llama-3.2-3B-Instruct --max-model-len 40960\n',
    hardware: rtx4070,
  },
  {
    name: 'serve.sh',
    languageId: 'shellscript',
    text: 'vllm serve Qwen/Qwen2.5-14B-Instruct --max-model-len 8192 --tensor-parallel-size 1\n',
    hardware: two4090,
  },
  {
    name: 'preset.ini',
    languageId: 'ini',
    text: '[chat]\nmodel = /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\nctx-size = 65536\nn-gpu-layers = 99\n',
    hardware: rtx4070,
  },
  {
    name: 'preset.ini',
    languageId: 'ini',
    text: '[big]\nmodel = /models/Meta-Llama-3.1-70B-Instruct-Q8_0.gguf\nctx-size = 0\n',
    hardware: rtx4070,
  },
  {
    name: 'preset.ini',
    languageId: 'ini',
    text: '[moe]\nmodel = /models/Qwen3-30B-A3B-Q4_K_M.gguf\nctx-size = 8192\nn-gpu-layers = 99\nfit = off\n',
    hardware: rtx4070,
  },
  { name: 'vllm.yaml', languageId: 'yaml', text: 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 131072\n', hardware: rtx4070 },
  { name: 'vllm.yaml', languageId: 'yaml', text: 'model: meta-llama/Llama-3.2-3B-Instruct\nmax_model_len: 40960\n', hardware: rtx4070 },
  {
    name: 'vllm.yaml',
    languageId: 'yaml',
    text: 'model: Qwen/Qwen2.5-14B-Instruct\nmax_model_len: 8192\ntensor_parallel_size: 1\n',
    hardware: two4090,
  },
  {
    name: 'deployment.yaml',
    languageId: 'yaml',
    text: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: vllm',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: vllm',
      '          image: vllm/vllm-openai:latest',
      '          args:',
      '            - --model=meta-llama/Llama-3.1-8B-Instruct',
      '            - --max-model-len=131072',
      '',
    ].join('\n'),
    hardware: rtx4070,
  },
  {
    name: 'models/chat.yaml',
    languageId: 'yaml',
    text: 'name: chat\nbackend: llama-cpp\ncontext_size: 65536\ngpu_layers: 99\nparameters:\n  model: Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\n',
    hardware: rtx4070,
  },
  {
    name: 'models/big.yaml',
    languageId: 'yaml',
    text: 'name: big\nbackend: llama-cpp\ncontext_size: 8192\nparameters:\n  model: Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf\n',
    hardware: rtx4070,
  },
  {
    name: 'config.yaml',
    languageId: 'yaml',
    text: 'models:\n  chat:\n    cmd: llama-server --port ${PORT} -m /m/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 65536 -ngl 99\n',
    hardware: rtx4070,
  },
  {
    name: 'config.yaml',
    languageId: 'yaml',
    text: 'models:\n  big:\n    cmd: llama-server --port ${PORT} -m /m/Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf -c 8192\n',
    hardware: rtx4070,
  },
  {
    name: 'config.yaml',
    languageId: 'yaml',
    text: [
      'models:',
      '  coder:',
      '    cmd: |',
      '      llama-server --port ${PORT}',
      '      -m /models/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
      '      -c 32768',
      '  chat:',
      '    cmd: llama-server --port ${PORT} -m /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 16384',
      'groups:',
      '  always-on:',
      '    swap: false',
      '    members: [coder, chat]',
      '',
    ].join('\n'),
    hardware: rtx4070,
  },
  {
    name: 'docker-compose.yml',
    languageId: 'yaml',
    text: [
      'services:',
      '  llamacpp:',
      '    image: ghcr.io/ggml-org/llama.cpp:server-cuda',
      '    command: ["-m", "/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "-c", "65536", "-ngl", "99"]',
      '',
    ].join('\n'),
    hardware: rtx4070,
  },
  {
    name: 'docker-compose.yml',
    languageId: 'yaml',
    text: [
      'services:',
      '  ollama:',
      '    image: ollama/ollama',
      '    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 3 && ollama pull llama3.1:8b && wait"]',
      '    environment:',
      '      OLLAMA_CONTEXT_LENGTH: "131072"',
      '',
    ].join('\n'),
    hardware: rtx4070,
  },
  {
    name: 'docker-compose.yml',
    languageId: 'yaml',
    text: [
      'services:',
      '  vllm:',
      '    image: vllm/vllm-openai',
      '    command: --model meta-llama/Llama-3.1-8B-Instruct --max-model-len 131072',
      '',
    ].join('\n'),
    hardware: rtx4070,
  },
  {
    name: 'docker-compose.yml',
    languageId: 'yaml',
    text: [
      'services:',
      '  ollama:',
      '    image: ollama/ollama',
      '    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 3 && ollama pull llama3.2:3b && wait"]',
      '    environment:',
      '      OLLAMA_CONTEXT_LENGTH: "8192"',
      '    gpus: all',
      '  llamacpp:',
      '    image: ghcr.io/ggml-org/llama.cpp:server-cuda',
      '    command: ["-m", "/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "-c", "32768", "-ngl", "99"]',
      '    gpus: all',
      '',
    ].join('\n'),
    hardware: rtx4070,
  },
  {
    name: 'docker-compose.yml',
    languageId: 'yaml',
    text: 'services:\n  vllm:\n    image: vllm/vllm-openai\n    command: --model Qwen/Qwen2.5-14B-Instruct --max-model-len 8192\n',
    hardware: two4090,
  },
  {
    name: 'docker-compose.yml',
    languageId: 'yaml',
    text: 'services:\n  vllm:\n    image: vllm/vllm-openai\n    command: --model meta-llama/Llama-3.2-3B-Instruct --max-model-len 40960\n',
    hardware: rtx4070,
  },
  {
    name: 'docker-compose.yml',
    languageId: 'yaml',
    text: [
      'services:',
      '  llamacpp:',
      '    image: ghcr.io/ggml-org/llama.cpp:server-cuda',
      '    command: ["-m", "/models/Qwen3-30B-A3B-Q4_K_M.gguf", "-c", "8192", "-ngl", "99", "--fit", "off"]',
      '',
    ].join('\n'),
    hardware: rtx4070,
  },
  {
    name: 'models/q.yaml',
    languageId: 'yaml',
    text: 'name: q\nbackend: vllm\ncontext_size: 8192\ntensor_parallel_size: 1\nparameters:\n  model: Qwen/Qwen2.5-14B-Instruct\n',
    hardware: two4090,
  },
];

type Kind = EditFixKind | 'group';

/** Every kind of edit fix each format must offer and keep its promise for (what its syntax can express). */
const EXPECTED: Record<string, Kind[]> = {
  modelfile: ['quantization', 'context', 'gpu-layers', 'smaller-model'],
  'command-line': [
    'tensor-parallel',
    'kv-cache',
    'gpu-memory-utilization',
    'quantization',
    'context',
    'experts-on-cpu',
    'gpu-layers',
    'smaller-model',
  ],
  'llamacpp-preset': ['kv-cache', 'quantization', 'context', 'experts-on-cpu', 'gpu-layers', 'smaller-model'],
  vllm: ['tensor-parallel', 'kv-cache', 'gpu-memory-utilization', 'context', 'smaller-model'],
  localai: ['tensor-parallel', 'kv-cache', 'quantization', 'context', 'gpu-layers', 'smaller-model'],
  'llama-swap': ['kv-cache', 'quantization', 'context', 'gpu-layers', 'smaller-model', 'group'],
  compose: [
    'tensor-parallel',
    'kv-cache',
    'gpu-memory-utilization',
    'quantization',
    'context',
    'experts-on-cpu',
    'gpu-layers',
    'smaller-model',
    'group',
  ],
};

describe('quick fixes keep the verdict their titles promise', () => {
  const seen = new Map<string, Set<Kind>>();

  for (const s of SCENARIOS) {
    it(`${s.name}: ${s.text
      .split('\n')
      .find((l) => /model|FROM|cmd|command|serve|pull/.test(l))
      ?.trim()}`, () => {
      const before = checkFile(s.name, s.text, s.hardware, s.languageId);
      assert.ok(before.format, `${s.name} is not recognised`);
      const fixes = before.result.findings.flatMap((f) => f.fixes.filter(isEditFix).map((fix) => ({ f, fix })));
      assert.ok(fixes.length > 0, `no edit fix for:\n${before.result.findings.map((f) => `${f.code}: ${f.message}`).join('\n')}`);
      for (const { f, fix } of fixes) {
        const fixed = applyEdits(s.text, fix.edits);
        const after = checkFile(s.name, fixed, s.hardware, s.languageId);
        const where = `"${fix.title}" turned\n${s.text}into\n${fixed}`;
        assert.equal(after.format, before.format, where);
        const kind: Kind = f.code === 'group-wont-fit' ? 'group' : fix.kind;
        if (kind === 'group') {
          assert.ok(!after.result.findings.some((x) => x.code === 'group-wont-fit'), `${where}\nand the group still does not fit`);
          const total = after.result.deployments.reduce((sum, d) => sum + (d.totalBytes ?? 0), 0);
          assert.match(fix.title, new RegExp(`the group fits, ${formatBytes(total).replace('.', '\\.')} of`), where);
        } else {
          assert.equal(after.result.deployments.length, before.result.deployments.length, where);
          const d = after.result.deployments[0];
          assert.equal(d.verdict, fix.promise.verdict, `${where}\nwhich re-checks to ${d.verdict}`);
          assert.equal(d.totalBytes, fix.promise.totalBytes, where);
          const words = { fits: 'fits', tight: 'fits, tightly', 'partial-offload': 'partial offload', 'wont-fit': "won't fit" }[d.verdict!];
          assert.ok(fix.title.includes(`— ${words}, ${formatBytes(d.totalBytes!)}`), `${fix.title} does not promise ${words}`);
          // A fix that reaches a verdict that runs is named in the message.
          if (fix.isPreferred) assert.ok(f.message.includes(`Best fix: ${fix.title}`), f.message);
        }
        const kinds = seen.get(before.format!) ?? new Set<Kind>();
        kinds.add(kind);
        seen.set(before.format!, kinds);
      }
    });
  }

  it('offers no edit that leaves the verdict as it was (num_gpu set to what Ollama already places)', () => {
    const r = checkFile('Modelfile', 'FROM llama3.1:70b\n', gpuHardware(catalog, 'RTX 4070', 1, 64), 'modelfile');
    const [f] = r.result.findings;
    assert.equal(f.code, 'partial-offload');
    const edits = f.fixes.filter(isEditFix);
    assert.ok(edits.length > 0);
    for (const fix of edits) assert.notEqual(fix.promise.verdict, 'partial-offload', fix.title);
  });

  it('covers every kind of fix in every format that can express it', () => {
    for (const [format, kinds] of Object.entries(EXPECTED)) {
      const got = seen.get(format) ?? new Set<Kind>();
      assert.deepEqual(
        kinds.filter((k) => !got.has(k)),
        [],
        `${format} offered ${[...got].join(', ')}`,
      );
    }
  });
});
