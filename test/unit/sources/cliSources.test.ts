import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../../helpers/cli';
import { denseGqa, moe, tensorSum, writeGguf, writeHfCache, writeOllamaStore } from '../../helpers/gguf';
import { tempDir } from './stores.test';

const noGpu = { devices: [], source: 'failed' as const };

describe('runlocalai estimate and check report where the facts came from', () => {
  let root: string;
  beforeEach(() => (root = tempDir()));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('estimate ./model.gguf: exact weights, source gguf-file with its path', async () => {
    const f = denseGqa();
    const file = path.join(root, 'custom-name.gguf');
    fs.writeFileSync(file, writeGguf(f.spec));
    const r = await cli(['estimate', file, '--runtime', 'llama.cpp', '--ctx', '4096', '--gpu', 'RTX 4090', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.source, { kind: 'gguf-file', path: file });
    assert.equal(j.weightsBytes, tensorSum(f.spec.tensors));
    assert.equal(j.quant, 'Q4_K_M');
    const text = await cli(['estimate', file, '--gpu', 'RTX 4090']);
    assert.match(text.out, new RegExp(`source: gguf-file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('estimate qwen2.5:32b with OLLAMA_MODELS set reads the pulled blob, not the catalog', async () => {
    const f = moe();
    const store = path.join(root, 'ollama');
    const { modelBlob } = writeOllamaStore(store, 'qwen2.5', '32b', writeGguf(f.spec), { params: { num_ctx: 12288 } });
    const r = await cli(['estimate', 'qwen2.5:32b', '--gpu', 'RTX 4090', '--json'], noGpu, { OLLAMA_MODELS: store });
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.source, { kind: 'ollama-store', id: 'qwen2.5:32b', path: modelBlob });
    assert.equal(j.weightsBytes, tensorSum(f.spec.tensors));
    assert.equal(j.ctx, 12288, 'num_ctx of the params layer');
    const flag = await cli(['estimate', 'qwen2.5:32b', '--gpu', 'RTX 4090', '--json', '--ollama-models', store]);
    assert.equal(JSON.parse(flag.out).source.kind, 'ollama-store');
    const without = await cli(['estimate', 'qwen2.5:32b', '--gpu', 'RTX 4090', '--json'], noGpu, {
      OLLAMA_MODELS: path.join(root, 'empty'),
    });
    assert.equal(JSON.parse(without.out).source.kind, 'catalog');
  });

  it('estimate org/name with an HF cache reads config.json and the exact checkpoint size', async () => {
    const config = fs.readFileSync(path.join('test', 'fixtures', 'calibration', 'configs', 'Qwen2.5-7B.json'), 'utf8');
    const hub = path.join(root, 'hub');
    writeHfCache(hub, 'acme/qwen-tune', {
      'config.json': config,
      'model.safetensors.index.json': JSON.stringify({ metadata: { total_size: 15_000_000_000 } }),
    });
    const r = await cli(['estimate', 'acme/qwen-tune', '--runtime', 'vllm', '--gpu', 'H100 80GB', '--json'], noGpu, { HF_HUB_CACHE: hub });
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.source.kind, 'hf-cache');
    assert.equal(j.source.id, 'acme/qwen-tune');
    assert.equal(j.quant, 'SAFETENSORS_BF16');
    assert.equal(j.weightsBytes, 15_000_000_000);
    const flag = await cli(['estimate', 'acme/qwen-tune', '--runtime', 'vllm', '--gpu', 'H100 80GB', '--json', '--hf-cache', hub]);
    assert.equal(JSON.parse(flag.out).weightsBytes, 15_000_000_000);
  });

  it('--runtime vllm counts the checkpoint dtype (BF16), not a GGUF', async () => {
    const r = await cli(['estimate', 'meta-llama/Llama-3.1-8B-Instruct', '--runtime', 'vllm', '--gpu', 'H100 80GB', '--json'], noGpu, {
      HF_HUB_CACHE: path.join(root, 'none'),
    });
    const j = JSON.parse(r.out);
    assert.equal(j.quant, 'SAFETENSORS_BF16');
    assert.ok(j.weightsBytes > 14.5 * 2 ** 30 && j.weightsBytes < 15.5 * 2 ** 30, `${j.weightsBytes}`);
    const ollama = JSON.parse((await cli(['estimate', 'meta-llama/Llama-3.1-8B-Instruct', '--gpu', 'H100 80GB', '--json'])).out);
    assert.equal(ollama.quant, 'Q4_K_M', "Ollama pulls the tag's own quantization");
  });

  it('check: a Modelfile whose FROM is a pulled tag reports the store as its source', async () => {
    const f = moe();
    const store = path.join(root, 'ollama');
    writeOllamaStore(store, 'my-moe', 'latest', writeGguf(f.spec));
    const mf = path.join(root, 'Modelfile');
    fs.writeFileSync(mf, 'FROM my-moe\nPARAMETER num_ctx 2048\n');
    const r = await cli(['check', mf, '--vram', '0.1'], noGpu, { OLLAMA_MODELS: store });
    assert.match(r.out, /Modelfile:1:6: .*source: ollama-store my-moe:latest, /);
  });

  it('check: FROM ./bad.gguf gives an error at the reference saying why', async () => {
    fs.mkdirSync(path.join(root, 'dir.gguf'));
    const mf = path.join(root, 'Modelfile');
    fs.writeFileSync(mf, 'FROM ./dir.gguf\n');
    const r = await cli(['check', mf, '--gpu', 'RTX 4090']);
    assert.equal(r.code, 1);
    assert.match(r.out, /Modelfile:1:6: error \[unreadable-model\] Cannot read the model: \.\/dir\.gguf is a folder, not a GGUF file/);
  });
});
