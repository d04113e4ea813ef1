import * as assert from 'node:assert/strict';
import { marked } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { applyEdits, checkFile, textAt } from '../../helpers/formats';

const catalog = testCatalog();
const rtx4070 = gpuHardware(catalog, 'RTX 4070', 1, 32);
const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 64);
const errorsAndWarnings = (r: ReturnType<typeof checkFile>) =>
  r.result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

describe('llama.cpp command lines', () => {
  it('reads long and short flags with their ranges from a continued shell command', () => {
    const text = [
      '#!/bin/sh',
      'exec ./build/bin/llama-server \\',
      '  -m models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf \\',
      '  --ctx-size 16384 -ngl 99 -np 2 \\',
      '  -fa on -ctk q8_0 --cache-type-v=q8_0 -ub 256',
    ].join('\n');
    const { format, parsed } = checkFile('serve.sh', text, rtx4090);
    assert.equal(format, 'command-line');
    const [d] = parsed!.deployments;
    assert.equal(d.runtime, 'llama.cpp');
    assert.equal(d.model?.value, 'models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf');
    const s = d.settings;
    assert.deepEqual(
      [
        s.context?.value,
        s.gpuLayers?.value,
        s.parallel?.value,
        s.flashAttention?.value,
        s.kvType?.value,
        s.kvTypeV?.value,
        s.microBatch?.value,
      ],
      ['16384', '99', '2', 'on', 'q8_0', 'q8_0', '256'],
    );
    assert.equal(textAt(text, s.context!.range), '16384');
    assert.equal(textAt(text, s.kvTypeV!.range), 'q8_0');
    assert.equal(s.kvTypeV!.range.start.line, 4);
  });

  it('finds commands in Dockerfile exec form, systemd units, Makefiles and Markdown code blocks', () => {
    const cases: [string, string][] = [
      [
        'Dockerfile',
        'FROM ghcr.io/ggml-org/llama.cpp:server\nCMD ["llama-server", "-m", "/models/qwen2.5-7b-instruct-q4_k_m.gguf", "-c", "8192"]\n',
      ],
      ['llama.service', '[Service]\nExecStart=/usr/local/bin/llama-server -m /srv/qwen2.5-7b-instruct-q4_k_m.gguf -c 8192\n'],
      ['Makefile', 'serve:\n\tllama-server -m qwen2.5-7b-instruct-q4_k_m.gguf -c 8192\n'],
      [
        'README.md',
        'Run it:\n\n```sh\nllama-server -m qwen2.5-7b-instruct-q4_k_m.gguf -c 8192\n```\n\nNot this: llama-server -m other.gguf\n',
      ],
    ];
    for (const [name, text] of cases) {
      const { format, parsed } = checkFile(name, text, rtx4090);
      assert.equal(format, 'command-line', name);
      assert.equal(parsed!.deployments.length, 1, name);
      const d = parsed!.deployments[0];
      assert.match(d.model!.value, /qwen2\.5-7b-instruct-q4_k_m\.gguf$/, name);
      assert.equal(textAt(text, d.settings.context!.range), '8192', name);
    }
  });

  it('leaves ${VAR} unresolved and says so, instead of guessing a model', () => {
    const { result } = checkFile('run.sh', 'llama-server -m "${MODEL_DIR}/model.gguf" -c 4096\n', rtx4090);
    assert.equal(result.findings[0]?.code, 'unresolved-model');
    assert.match(result.findings[0].message, /MODEL_DIR/);
  });

  it('names a quantization label it does not know, on the model', () => {
    const text = 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q9_K_M.gguf -c 4096\n';
    const f = checkFile('run.sh', text, rtx4090).result.findings.find((x) => x.code === 'unknown-quantization');
    assert.ok(f);
    assert.equal(textAt(text, f.range), 'Meta-Llama-3.1-8B-Instruct-Q9_K_M.gguf');
    assert.match(f.message, /"Q9_K_M"/);
  });

  it('reads -hf repo:quant, -c 0 as the trained context and -ngl all', () => {
    const { result } = checkFile('run.sh', 'llama-server -hf bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q8_0 -c 0 -ngl all\n', rtx4090);
    const [d] = result.deployments;
    assert.equal(d.answer?.quant.id, 'Q8_0');
    assert.equal(d.answer?.ctx, 131072, '-c 0 is the trained context');
  });

  it("puts won't fit on -c when the context decides it; its fix, applied, makes the command fit", () => {
    const { text, range } = marked('llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c [[131072]] -np 1\n');
    const before = checkFile('run.sh', text, rtx4070);
    const f = errorsAndWarnings(before)[0];
    assert.ok(f, 'expected a finding for 128K tokens on a 12 GB card');
    assert.deepEqual(f.range, range);
    const fix = f.fixes.find((x) => x.title.startsWith('Set -c'));
    assert.ok(fix?.edits, `no context fix in ${f.fixes.map((x) => x.title).join(', ')}`);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /-c \d+ -np 1/);
    assert.deepEqual(errorsAndWarnings(checkFile('run.sh', fixed, rtx4070)), []);
  });

  it('adds a missing flag on a new continued line in the command’s own layout', () => {
    const text = 'llama-server \\\n    -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf \\\n    -ngl 99\n';
    const { parsed } = checkFile('run.sh', text, rtx4090);
    const fixed = applyEdits(text, parsed!.deployments[0].edit('context', '8192'));
    assert.equal(fixed, 'llama-server \\\n    -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf \\\n    -ngl 99 \\\n    --ctx-size 8192\n');
    assert.equal(checkFile('run.sh', fixed, rtx4090).parsed!.deployments[0].settings.context?.value, '8192');
  });

  it('refuses a quantized V cache with flash attention off, and the fix turns it on', () => {
    const text = 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 8192 -fa off -ctv q4_0\n';
    const f = checkFile('run.sh', text, rtx4090).result.findings.find((x) => x.code === 'quantized-v-without-flash-attention');
    assert.ok(f);
    assert.equal(textAt(text, f.range), 'q4_0');
    const fixed = applyEdits(text, f.fixes[0].edits!);
    assert.match(fixed, /-fa on/);
    assert.equal(
      checkFile('run.sh', fixed, rtx4090).result.findings.find((x) => x.code === 'quantized-v-without-flash-attention'),
      undefined,
    );
  });

  it('says partial offload with the expected speed when layers must stay on the CPU', () => {
    const { result } = checkFile(
      'run.sh',
      'llama-server -m Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf -c 8192\n',
      gpuHardware(catalog, 'RTX 4090', 1, 128),
    );
    const f = result.findings.find((x) => x.code === 'partial-offload');
    assert.ok(f, result.findings.map((x) => x.code).join(', '));
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /tokens\/s/);
  });

  it('reads llama-cpp-python server flags and ollama run lines', () => {
    const py = checkFile(
      'run.sh',
      'python3 -m llama_cpp.server --model qwen2.5-7b-instruct-q4_k_m.gguf --n_ctx 8192 --n_gpu_layers -1\n',
      rtx4090,
    );
    assert.equal(py.parsed!.deployments[0].settings.context?.value, '8192');
    const ollama = checkFile('setup.sh', 'OLLAMA_CONTEXT_LENGTH=8192 ollama run llama3.1:8b\n', rtx4090);
    const [d] = ollama.parsed!.deployments;
    assert.equal(d.runtime, 'ollama');
    assert.equal(d.env.OLLAMA_CONTEXT_LENGTH, '8192');
    assert.equal(ollama.result.deployments[0].answer?.ctx, 8192);
  });

  it('gives a code lens with the total and the verdict on the model, also when it fits', () => {
    const { result } = checkFile('run.sh', 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 8192\n', rtx4090);
    assert.deepEqual(result.findings, []);
    assert.equal(result.lenses.length, 1);
    assert.match(result.lenses[0].title, /GiB of .* GiB · Fits/);
  });
});
