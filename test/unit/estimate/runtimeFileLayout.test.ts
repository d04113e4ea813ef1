import * as assert from 'node:assert/strict';
import { estimateMemory } from '../../../server/src/engine/estimate/estimateMemory';
import type { EstimateInput } from '../../../server/src/engine/estimate/types';
import type { GpuDevice } from '../../../server/src/engine/hardware/types';
import { GiB } from '../../../server/src/engine/types';
import { modelFromConfig, quant } from '../../fixtures/calibration/load';

const root = process.cwd();
const gptOss120b = modelFromConfig(root, 'gpt-oss-120b');
const gptOss20b = modelFromConfig(root, 'gpt-oss-20b');
const card = (name: string, gib = 80): GpuDevice => ({ name, vendor: 'nvidia', totalBytes: gib * GiB, unified: false });
const vllm = (over: Partial<EstimateInput>): EstimateInput => ({
  model: gptOss120b,
  quant: { ...quant('MXFP4'), format: 'safetensors' },
  ctx: 8192,
  runtime: 'vllm',
  hardware: { source: 'setting', devices: [card('NVIDIA H100 80GB HBM3')] },
  ...over,
});

describe('weights as the runtime lays them out in memory', () => {
  it('pads gpt-oss MXFP4 experts to Marlin tiles on an H100 as vLLM did (65.97 GiB loaded, vllm#23278)', () => {
    const e = estimateMemory(vllm({}));
    assert.ok(Math.abs(e.weightsBytes / GiB - 65.9651) / 65.9651 < 0.01, `${e.weightsBytes / GiB} GiB`);
    assert.ok((e.warnings ?? []).some((w) => w.includes('MXFP4')));
  });

  it('pads more on datacenter Blackwell (FlashInfer rounds both sides to 256) and not at all for dense BF16 models', () => {
    const hopper = estimateMemory(vllm({})).weightsBytes;
    const blackwell = estimateMemory(vllm({ hardware: { source: 'setting', devices: [card('NVIDIA B200', 180)] } })).weightsBytes;
    assert.ok(blackwell > hopper, `${blackwell} vs ${hopper}`);
    const llama = modelFromConfig(root, 'Meta-Llama-3.1-8B');
    const bf16 = { ...quant('BF16'), format: 'safetensors' as const };
    assert.equal(
      estimateMemory(vllm({ model: llama, quant: bf16 })).weightsBytes,
      estimateMemory(vllm({ model: llama, quant: bf16, runtime: 'llama.cpp' })).weightsBytes,
    );
  });

  it('pads each tensor-parallel rank on its own: two ranks of 1440 FFN rows round up further than one of 2880', () => {
    const two = { source: 'setting' as const, devices: [card('NVIDIA H100 80GB HBM3'), card('NVIDIA H100 80GB HBM3')] };
    const one = estimateMemory(vllm({})).weightsBytes;
    const split = estimateMemory(vllm({ tensorParallel: 2, hardware: two })).weightsBytes;
    assert.ok(split > one, `${split} vs ${one}`);
  });

  it("loads Ollama's MXFP4 gpt-oss with BF16 outside the experts (12.8 GiB in its log, ollama#12147), larger than the llama.cpp GGUF", () => {
    const base = {
      model: gptOss20b,
      quant: quant('MXFP4'),
      ctx: 8192,
      hardware: { source: 'setting' as const, devices: [card('RTX 4090', 24)] },
    };
    const ollama = estimateMemory({ ...base, runtime: 'ollama' }).weightsBytes / GiB;
    const llamaCpp = estimateMemory({ ...base, runtime: 'llama.cpp' }).weightsBytes / GiB;
    assert.ok(Math.abs(ollama - 12.8) < 0.05, `${ollama}`);
    assert.ok(Math.abs(llamaCpp * GiB - 12.1e9) / 12.1e9 < 0.01, `${llamaCpp}`);
  });
});
