import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../../helpers/cli';

const fixture = (name: string) => path.join(process.cwd(), 'test', 'fixtures', 'calibration', 'configs', name);

const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  const j = JSON.parse(r.out);
  // Exit 1 means won't fit, and nothing else does.
  assert.equal(r.code, j.verdict === 'wont-fit' ? 1 : 0, r.err);
  return j;
};

describe('runlocalai estimate (estimator flags)', () => {
  it('prints layers, speed and parts with their inputs', async () => {
    const j = await json(['estimate', 'llama3.1:8b', '--quant', 'Q4_K_M', '--ctx', '8192', '--gpu', 'RTX 4090']);
    assert.equal(j.gpuLayers, 32);
    assert.equal(j.totalLayers, 32);
    assert.ok(j.tokensPerSecond > 0);
    assert.equal(j.parts.find((p: { name: string }) => p.name === 'kvCache').inputs.cells, 8192);
  });

  it('--kv-type q8_0 with flash attention shrinks the KV cache to 34/32 bytes per value; --parallel multiplies it', async () => {
    const f16 = await json(['estimate', 'llama3.1:8b', '--ctx', '8192', '--gpu', 'RTX 4090', '--runtime', 'llama.cpp']);
    const q8 = await json(['estimate', 'llama3.1:8b', '--ctx', '8192', '--gpu', 'RTX 4090', '--runtime', 'llama.cpp', '--kv-type', 'q8_0']);
    assert.equal(q8.kvCacheBytes * 32, f16.kvCacheBytes * 17);
    const par = await json(['estimate', 'llama3.1:8b', '--ctx', '8192', '--gpu', 'RTX 4090', '--parallel', '4']);
    assert.equal(par.kvCacheBytes, 4 * f16.kvCacheBytes);
  });

  it('--config reads a Hugging Face config.json and --runtime vllm uses its maximum context', async () => {
    const j = await json(['estimate', '--config', fixture('Qwen2.5-7B.json'), '--runtime', 'vllm', '--gpu', 'RTX 4090']);
    assert.equal(j.ctx, 131072);
    assert.equal(j.quant, 'SAFETENSORS_BF16');
    assert.equal(j.weightsBytes, 7615616512 * 2);
    assert.equal(j.verdict, 'wont-fit');
    const short = await json([
      'estimate',
      '--config',
      fixture('Qwen2.5-7B.json'),
      '--runtime',
      'vllm',
      '--ctx',
      '4096',
      '--gpu',
      'RTX 4090',
    ]);
    assert.notEqual(short.verdict, 'wont-fit');
  });

  it('--gpus splits across cards and --ram decides whether a partial offload can run', async () => {
    const one = await json(['estimate', 'llama3.1:70b', '--quant', 'Q4_K_M', '--ctx', '8192', '--gpu', 'RTX 4090', '--ram', '64']);
    assert.equal(one.verdict, 'partial-offload');
    const two = await json([
      'estimate',
      'llama3.1:70b',
      '--quant',
      'Q4_K_M',
      '--ctx',
      '8192',
      '--gpu',
      'RTX 4090',
      '--gpus',
      '2',
      '--ram',
      '64',
    ]);
    assert.equal(two.gpuLayers, 80);
    assert.equal(two.devices.length, 2);
    const starved = await json(['estimate', 'llama3.1:70b', '--quant', 'Q4_K_M', '--ctx', '8192', '--gpu', 'RTX 4090', '--ram', '8']);
    assert.equal(starved.verdict, 'wont-fit');
  });

  it('shards vLLM across the GPUs given, or as many as --tensor-parallel says', async () => {
    const args = [
      'estimate',
      '--config',
      fixture('Meta-Llama-3.1-70B.json'),
      '--runtime',
      'vllm',
      // Two 80 GB ranks hold 65.7 GiB of BF16 weights each plus the activation peak that every
      // rank profiles in full; about 25k tokens of KV cache remain, so 32k would not fit.
      '--ctx',
      '16384',
      '--gpu',
      'H100 SXM5 80GB',
    ];
    const one = await json(args);
    assert.equal(one.verdict, 'wont-fit');
    assert.equal(one.model, 'llama');
    const two = await json([...args, '--gpus', '2']);
    assert.notEqual(two.verdict, 'wont-fit');
    assert.equal(two.devices.length, 2);
    assert.match(two.warnings.join(), /tensor_parallel_size 2/);
    const pinned = await json([...args, '--gpus', '2', '--tensor-parallel', '1']);
    assert.equal(pinned.verdict, 'wont-fit');
  });

  it('rejects bad flags and unreadable configs with exit code 2', async () => {
    assert.equal((await cli(['estimate', 'llama3.1:8b', '--runtime', 'tgi', '--gpu', 'RTX 4090'])).code, 2);
    assert.equal((await cli(['estimate', 'llama3.1:8b', '--kv-type', 'q5', '--gpu', 'RTX 4090'])).code, 2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-est-'));
    const bad = path.join(dir, 'config.json');
    fs.writeFileSync(bad, '{"model_type": "llama"}');
    const r = await cli(['estimate', '--config', bad, '--gpu', 'RTX 4090']);
    assert.equal(r.code, 2);
    assert.match(r.err, /layer count/);
  });
});
