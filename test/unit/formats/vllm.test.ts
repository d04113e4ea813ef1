import * as assert from 'node:assert/strict';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { applyEdits, checkFile, textAt } from '../../helpers/formats';

const catalog = testCatalog();
const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 64);
const twoA100 = gpuHardware(catalog, 'A100 SXM4 80GB', 2, 256);

describe('vLLM configs', () => {
  it('reads a --config YAML in its own spelling, with the ranges of its values', () => {
    const text =
      'model: meta-llama/Llama-3.1-8B-Instruct\nmax-model-len: 8192\ngpu-memory-utilization: 0.85\ntensor-parallel-size: 1\nkv-cache-dtype: fp8\n';
    const { format, parsed, result } = checkFile('serve.yaml', text, rtx4090, 'yaml');
    assert.equal(format, 'vllm');
    const [d] = parsed!.deployments;
    assert.equal(d.model?.value, 'meta-llama/Llama-3.1-8B-Instruct');
    assert.equal(textAt(text, d.settings.context!.range), '8192');
    assert.equal(textAt(text, d.settings.gpuMemoryUtilization!.range), '0.85');
    assert.equal(result.deployments[0].answer?.input.gpuMemoryUtilization, 0.85);
    assert.equal(result.deployments[0].answer?.input.kvType, 'fp8');
  });

  it('loads the checkpoint in its own dtype, never a GGUF default', () => {
    const { result } = checkFile('serve.yaml', 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 8192\n', rtx4090, 'yaml');
    assert.equal(result.deployments[0].answer?.quant.id, 'SAFETENSORS_BF16');
    const awq = checkFile('serve.yaml', 'model: Qwen/Qwen2.5-7B-Instruct\nquantization: awq\nmax_model_len: 8192\n', rtx4090, 'yaml');
    assert.equal(awq.result.deployments[0].answer?.quant.id, 'AWQ_INT4_G128');
    const fp8 = checkFile('serve.yaml', 'model: deepseek-ai/DeepSeek-V3\nmax_model_len: 8192\n', twoA100, 'yaml');
    assert.equal(fp8.result.deployments[0].answer?.quant.id, 'FP8');
  });

  it('defaults max_model_len to the trained context and says vLLM would stop when the KV cache is shorter; the fix fits', () => {
    const text = 'model: meta-llama/Llama-3.1-8B-Instruct\ngpu_memory_utilization: 0.9\n';
    const { result } = checkFile('serve.yaml', text, rtx4090, 'yaml');
    const f = result.findings.find((x) => x.code === 'vllm-kv-cache-too-small');
    assert.ok(f, result.findings.map((x) => `${x.code}: ${x.message}`).join('\n'));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /estimated maximum model length is [\d,]+/);
    const fixed = applyEdits(text, f.fixes[0].edits!);
    assert.match(fixed, /\nmax_model_len: \d+\n$/, 'the key is added in the file’s snake_case');
    assert.deepEqual(
      checkFile('serve.yaml', fixed, rtx4090, 'yaml').result.findings.filter((x) => x.severity === 'error'),
      [],
    );
  });

  it('reads max_model_len auto as the largest context that fits, as vLLM picks it', () => {
    const { result } = checkFile('serve.yaml', 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: auto\n', rtx4090, 'yaml');
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'error'),
      [],
    );
    const ctx = result.deployments[0].answer?.ctx ?? 0;
    assert.ok(ctx > 8192 && ctx < 131072, `auto picked ${ctx}`);
  });

  it('refuses max_model_len above the trained context', () => {
    const text = 'model: Qwen/Qwen2.5-7B-Instruct\nmax_model_len: 65536\n';
    const f = checkFile('serve.yaml', text, twoA100, 'yaml').result.findings.find((x) => x.code === 'context-above-trained');
    assert.ok(f);
    assert.equal(textAt(text, f.range), '65536');
    assert.match(applyEdits(text, f.fixes[0].edits!), /max_model_len: 32768/);
  });

  it('refuses tensor_parallel_size above the GPUs present, and one that does not divide the heads', () => {
    const over = checkFile(
      'serve.yaml',
      'model: Qwen/Qwen2.5-7B-Instruct\ntensor_parallel_size: 4\nmax_model_len: 8192\n',
      twoA100,
      'yaml',
    );
    const f = over.result.findings.find((x) => x.code === 'tensor-parallel-exceeds-gpus');
    assert.ok(f);
    assert.match(f.message, /needs 4 GPUs/);
    const replicas = checkFile(
      'serve.yaml',
      'model: Qwen/Qwen2.5-7B-Instruct\ntensor_parallel_size: 2\ndata_parallel_size: 2\n',
      twoA100,
      'yaml',
    );
    assert.match(
      replicas.result.findings.find((x) => x.code === 'tensor-parallel-exceeds-gpus')?.message ?? '',
      /needs 4 GPUs for tensor_parallel_size 2 × data_parallel_size 2/,
    );
    const heads = checkFile(
      'serve.yaml',
      'model: Qwen/Qwen2.5-7B-Instruct\ntensor_parallel_size: 3\n',
      gpuHardware(catalog, 'A100 SXM4 80GB', 4),
      'yaml',
    );
    assert.ok(
      heads.result.findings.some((x) => x.code === 'tensor-parallel-heads'),
      heads.result.findings.map((x) => x.code).join(),
    );
  });

  it('reads vllm serve in a Kubernetes container with args, its GPU limit, and adds flags in the list’s style', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: vllm',
      '          image: vllm/vllm-openai:latest',
      '          command: ["vllm", "serve"]',
      '          args:',
      '            - meta-llama/Llama-3.1-70B-Instruct',
      '            - --tensor-parallel-size=2',
      '          resources:',
      '            limits:',
      '              nvidia.com/gpu: 2',
    ].join('\n');
    const { parsed, result } = checkFile('k8s/deploy.yaml', text, gpuHardware(catalog, 'A100 SXM4 80GB', 1, 256), 'yaml');
    const [d] = parsed!.deployments;
    assert.equal(d.model?.value, 'meta-llama/Llama-3.1-70B-Instruct');
    assert.equal(d.requestedGpus?.count, 2);
    assert.ok(!result.findings.some((x) => x.code === 'tensor-parallel-exceeds-gpus'), 'the limit of 2 GPUs counts');
    const fixed = applyEdits(text, d.edit('context', '8192'));
    assert.match(fixed, /- --tensor-parallel-size=2\n {12}- --max-model-len=8192/);
  });

  it('reads KubeAI models with the GPUs their resourceProfile names, and production-stack Helm values', () => {
    const kubeai =
      'apiVersion: kubeai.org/v1\nkind: Model\nmetadata:\n  name: m\nspec:\n  url: hf://meta-llama/Llama-3.1-8B-Instruct\n  engine: VLLM\n  args:\n    - --max-model-len=8192\n  resourceProfile: nvidia-gpu-l4:1\n';
    const k = checkFile('model.yaml', kubeai, rtx4090, 'yaml');
    assert.equal(k.result.deployments[0].model, 'Llama 3.1 8B');
    assert.match(k.result.lenses[0].title, /Llama 3\.1 8B/);
    assert.equal(k.parsed!.deployments[0].requestedGpus?.gpu, 'l4');
    const helm =
      'servingEngineSpec:\n  modelSpec:\n  - name: llama\n    modelURL: meta-llama/Llama-3.1-8B-Instruct\n    requestGPU: 1\n    vllmConfig:\n      maxModelLen: 4096\n';
    const h = checkFile('values.yaml', helm, rtx4090, 'yaml');
    assert.equal(h.format, 'vllm');
    const [d] = h.parsed!.deployments;
    assert.equal(textAt(helm, d.settings.context!.range), '4096');
    assert.match(applyEdits(helm, d.edit('gpuMemoryUtilization', '0.8')), /maxModelLen: 4096\n {6}gpuMemoryUtilization: 0.8/);
  });

  it('gives invalid YAML one parse diagnostic at its position', () => {
    const { result } = checkFile('serve.yaml', 'model: x\nmax_model_len: [8192\n', rtx4090, 'yaml');
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].code, 'parse-error');
    assert.ok(result.findings[0].range.start.line >= 1);
  });
});
