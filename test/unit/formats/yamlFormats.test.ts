import * as assert from 'node:assert/strict';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { applyEdits, checkFile, textAt } from '../../helpers/formats';

const catalog = testCatalog();
const rtx4070 = gpuHardware(catalog, 'RTX 4070', 1, 32);
const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 64);
const serious = (r: ReturnType<typeof checkFile>) => r.result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

describe('LocalAI model YAML', () => {
  const text =
    'name: gpt-4\nbackend: llama-cpp\ncontext_size: 131072\ngpu_layers: 99\nf16: true\nparameters:\n  model: Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\n';

  it('reads parameters.model, backend and the memory keys with their ranges', () => {
    const { format, parsed } = checkFile('models/gpt-4.yaml', text, rtx4090, 'yaml');
    assert.equal(format, 'localai');
    const [d] = parsed!.deployments;
    assert.equal(d.runtime, 'llama.cpp');
    assert.equal(d.label, 'gpt-4');
    assert.equal(textAt(text, d.model!.range), 'Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf');
    assert.equal(textAt(text, d.settings.context!.range), '131072');
    assert.equal(textAt(text, d.settings.gpuLayers!.range), '99');
  });

  it('fixes context_size in place, and the fixed file fits', () => {
    const r = checkFile('models/gpt-4.yaml', text, rtx4070, 'yaml');
    const fix = serious(r)
      .flatMap((f) => f.fixes)
      .find((x) => x.title.startsWith('Set context_size'));
    assert.ok(
      fix?.edits,
      serious(r)
        .map((f) => `${f.code} ${f.fixes.map((x) => x.title)}`)
        .join('\n'),
    );
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /^context_size: \d+$/m);
    assert.ok(serious(checkFile('models/gpt-4.yaml', fixed, rtx4070, 'yaml')).every((f) => f.code !== 'wont-fit'));
  });

  it('adds a missing key at the top level of the file', () => {
    const plain = 'name: m\nparameters:\n  model: Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\ncontext_size: 4096\n';
    const [d] = checkFile('m.yaml', plain, rtx4090, 'yaml').parsed!.deployments;
    assert.equal(applyEdits(plain, d.edit('gpuLayers', '20')), plain + 'gpu_layers: 20\n');
  });
});

describe('llama-swap', () => {
  const text = [
    'macros:',
    '  server: /opt/llama-server --port ${PORT}',
    '  ctx: 32768',
    'models:',
    '  coder:',
    '    cmd: |',
    '      ${server}',
    '      -m /models/Qwen2.5-32B-Instruct-Q4_K_M.gguf',
    '      -c ${ctx}',
    '    env:',
    '      - CUDA_VISIBLE_DEVICES=0',
    '  chat:',
    '    cmd: ${server} -m /models/Meta-Llama-3.1-8B-Instruct-Q8_0.gguf -c 16384',
    'groups:',
    '  together:',
    '    swap: false',
    '    members:',
    '      - coder',
    '      - chat',
  ].join('\n');

  it('expands macros, keeps ranges in the macro, and reads env', () => {
    const { format, parsed } = checkFile('config.yaml', text, rtx4090, 'yaml');
    assert.equal(format, 'llama-swap');
    const [coder, chat] = parsed!.deployments;
    assert.equal(coder.label, 'coder');
    assert.equal(coder.model?.value, '/models/Qwen2.5-32B-Instruct-Q4_K_M.gguf');
    assert.equal(textAt(text, coder.settings.context!.range), '32768', 'the -c value is the macro’s');
    assert.equal(coder.env.CUDA_VISIBLE_DEVICES, '0');
    assert.deepEqual(coder.notes, [], '${PORT} is llama-swap’s own, not an unresolved variable');
    assert.equal(textAt(text, chat.settings.context!.range), '16384');
  });

  it('budgets a group that stays loaded together, and names the group', () => {
    const { result } = checkFile('config.yaml', text, rtx4090, 'yaml');
    const group = result.findings.filter((f) => f.code === 'group-wont-fit');
    assert.equal(group.length, 2, result.findings.map((f) => f.code).join());
    assert.match(group[0].message, /Group "together" loads 2 models together/);
    // Swapped one at a time, they are not budgeted together.
    const swapped = checkFile('config.yaml', text.replace('swap: false', 'swap: true'), rtx4090, 'yaml');
    assert.equal(swapped.result.findings.filter((f) => f.code === 'group-wont-fit').length, 0);
  });

  it('says when a group names a model that is not defined', () => {
    const { result } = checkFile('config.yaml', text.replace('      - chat', '      - chatt'), rtx4090, 'yaml');
    assert.ok(result.findings.some((f) => f.code === 'unknown-group-member' && /chatt/.test(f.message)));
  });
});

describe('docker-compose', () => {
  const text = [
    'services:',
    '  ollama:',
    '    image: ollama/ollama',
    '    environment:',
    '      OLLAMA_CONTEXT_LENGTH: "65536"',
    '      OLLAMA_NUM_PARALLEL: "2"',
    '    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 5 && ollama pull llama3.1:8b && wait"]',
    '    deploy:',
    '      resources:',
    '        reservations:',
    '          devices:',
    '            - driver: nvidia',
    '              count: all',
    '              capabilities: [gpu]',
    '  vllm:',
    '    image: vllm/vllm-openai:latest',
    '    command: ["--model", "Qwen/Qwen2.5-7B-Instruct", "--max-model-len", "8192"]',
    '    deploy:',
    '      resources:',
    '        reservations:',
    '          devices:',
    '            - driver: nvidia',
    '              count: all',
    '              capabilities: [gpu]',
    'models:',
    '  small:',
    '    model: ai/llama3.2:3B-Q4_K_M',
    '    context_size: 8192',
  ].join('\n');

  it('reads Ollama env, a vLLM command and Compose models, each with its ranges', () => {
    const { format, parsed } = checkFile('docker-compose.yml', text, rtx4090, 'yaml');
    assert.equal(format, 'compose');
    const [ollama, vllm, small] = parsed!.deployments;
    assert.equal(ollama.runtime, 'ollama');
    assert.equal(ollama.model?.value, 'llama3.1:8b');
    assert.equal(textAt(text, ollama.settings.context!.range), '65536');
    assert.equal(vllm.runtime, 'vllm');
    assert.equal(vllm.model?.value, 'Qwen/Qwen2.5-7B-Instruct');
    assert.equal(textAt(text, vllm.settings.context!.range), '8192');
    assert.equal(small.runtime, 'llama.cpp');
    assert.equal(textAt(text, small.settings.context!.range), '8192');
  });

  it('budgets services that share the GPUs together', () => {
    const { result } = checkFile('docker-compose.yml', text, rtx4090, 'yaml');
    const group = result.findings.filter((f) => f.code === 'group-wont-fit');
    assert.equal(group.length, 2, result.findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
    assert.match(group[0].message, /ollama .* \+ vllm/);
  });

  it('edits OLLAMA_CONTEXT_LENGTH in place and adds a flag to the command list', () => {
    const { parsed } = checkFile('docker-compose.yml', text, rtx4090, 'yaml');
    const [ollama, vllm] = parsed!.deployments;
    assert.match(applyEdits(text, ollama.edit('context', '16384')), /OLLAMA_CONTEXT_LENGTH: "16384"/);
    assert.match(applyEdits(text, vllm.edit('gpuMemoryUtilization', '0.5')), /"8192", "--gpu-memory-utilization", "0.5"\]/);
  });
});

describe('llama.cpp presets', () => {
  const text = '[*]\nn-gpu-layers = 99\n\n[llama-8b]\nmodel = /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\nctx-size = 0\nparallel = 4\n';

  it('reads each section as a model, with [*] defaults, and edits in the section', () => {
    const { format, parsed, result } = checkFile('preset.ini', text, rtx4090, 'ini');
    assert.equal(format, 'llamacpp-preset');
    const [d] = parsed!.deployments;
    assert.equal(d.label, 'llama-8b');
    assert.equal(d.settings.gpuLayers?.value, '99');
    assert.equal(textAt(text, d.settings.context!.range), '0');
    assert.equal(result.deployments[0].answer?.ctx, 131072, 'ctx-size 0 is the trained context');
    assert.match(applyEdits(text, d.edit('context', '8192')), /ctx-size = 8192/);
    assert.match(applyEdits(text, d.edit('kvType', 'q8_0')), /parallel = 4\ncache-type-k = q8_0/);
  });
});

describe('Hugging Face config.json', () => {
  it('judges the model at its trained context in its own dtype', () => {
    const config = JSON.stringify(
      {
        _name_or_path: 'org/small-llama',
        architectures: ['LlamaForCausalLM'],
        model_type: 'llama',
        hidden_size: 2048,
        intermediate_size: 8192,
        num_hidden_layers: 16,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        vocab_size: 128256,
        max_position_embeddings: 131072,
        torch_dtype: 'bfloat16',
      },
      null,
      2,
    );
    const { format, result } = checkFile('config.json', config, rtx4090, 'json');
    assert.equal(format, 'hf-config');
    const [d] = result.deployments;
    assert.equal(d.answer?.ctx, 131072);
    assert.equal(d.answer?.quant.id, 'SAFETENSORS_BF16');
    assert.equal(d.source, 'config.json');
    assert.equal(result.lenses.length, 1);
  });

  it('gives invalid JSON one parse diagnostic at its position', () => {
    const { result } = checkFile('config.json', '{\n  "model_type": "llama",\n  "num_hidden_layers": 2,,\n}', rtx4090, 'json');
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].code, 'parse-error');
    assert.equal(result.findings[0].range.start.line, 2);
  });
});
