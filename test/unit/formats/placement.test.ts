import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../../server/src/engine/types';
import { allExpertsToCpu } from '../../../server/src/engine/formats/placementFlags';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { checkFile, textAt } from '../../helpers/formats';

const catalog = testCatalog();
const rtx4070 = gpuHardware(catalog, 'RTX 4070', 1, 64);
const moe = 'llama-server -m Qwen3-30B-A3B-Q4_K_M.gguf -c 8192';
const estimateOf = (cmd: string, hw = rtx4070) => {
  const { result } = checkFile('run.sh', cmd + '\n', hw);
  assert.ok(result.deployments[0]?.answer, result.findings.map((f) => f.message).join('\n'));
  return { e: result.deployments[0].answer.estimate, findings: result.findings };
};
const notModelled = (findings: Finding[]) => findings.filter((f) => f.code === 'setting-not-modelled');

describe('placement flags in the estimate', () => {
  it('--n-cpu-moe N keeps the experts of exactly the first N layers in system RAM', () => {
    const ten = estimateOf(`${moe} --n-cpu-moe 10`).e;
    assert.equal(ten.cpuMoeLayers, 10);
    const twenty = estimateOf(`${moe} --n-cpu-moe 20`).e;
    assert.equal(twenty.cpuMoeLayers, 20);
    assert.ok((twenty.cpuBytes ?? 0) > (ten.cpuBytes ?? 0), 'more layers’ experts, more system RAM');
  });

  it('--cpu-moe and -ot exps=CPU put every layer’s experts in system RAM, alike', () => {
    const all = estimateOf(`${moe} --cpu-moe`).e;
    assert.equal(all.cpuMoeLayers, 48);
    for (const ot of ['exps=CPU', '".ffn_.*_exps.=CPU"', "'\\.ffn_(up|down|gate)_exps=CPU'"]) {
      const { e, findings } = estimateOf(`${moe} -ot ${ot}`);
      assert.equal(e.cpuMoeLayers, 48, ot);
      assert.equal(e.cpuBytes, all.cpuBytes, ot);
      assert.deepEqual(notModelled(findings), [], ot);
    }
  });

  it('names an -ot override it cannot model, at its value', () => {
    const cmd = `${moe} -ot "blk\\.(1[0-9])\\.ffn_(up|down)_exps=CPU"`;
    const [f] = notModelled(estimateOf(cmd).findings);
    assert.ok(f);
    assert.equal(f.severity, 'information');
    assert.match(f.message, /^-ot .* is not modelled/);
    assert.equal(textAt(cmd + '\n', f.range), 'blk\\.(1[0-9])\\.ffn_(up|down)_exps=CPU');
  });

  it('recognises only all-expert CPU rules as --cpu-moe', () => {
    assert.ok(allExpertsToCpu('exps=CPU'));
    assert.ok(!allExpertsToCpu('exps=CUDA0'));
    assert.ok(!allExpertsToCpu('ffn_(up|down)_exps=CPU'));
    assert.ok(!allExpertsToCpu('blk.3.ffn_.*_exps=CPU'));
    assert.ok(!allExpertsToCpu('attn=CPU'));
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => typeof allExpertsToCpu(s) === 'boolean'));
  });

  it('-sm none puts the whole model on the GPU -mg names; layer split uses both', () => {
    const two = gpuHardware(catalog, 'RTX 4070', 2, 64);
    const cmd = 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 65536';
    const split = estimateOf(cmd, two).e;
    assert.equal(split.devices?.filter((d) => d.layers > 0).length, 2);
    const none = estimateOf(`${cmd} -sm none -mg 1`, two);
    assert.equal(none.e.devices?.length, 1);
    assert.ok(none.e.usableBytes < split.usableBytes);
    assert.deepEqual(notModelled(none.findings), []);
  });

  it('says so for -sm row, -ts and -nkvo instead of ignoring them', () => {
    const two = gpuHardware(catalog, 'RTX 4070', 2, 64);
    const { findings } = estimateOf('llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 8192 -sm row -ts 3,1 -nkvo', two);
    const named = notModelled(findings).map((f) => f.message);
    assert.equal(named.length, 3, named.join('\n'));
    assert.match(named.join('\n'), /-sm row is not modelled/);
    assert.match(named.join('\n'), /-ts 3,1 is not modelled/);
    assert.match(named.join('\n'), /-nkvo is not modelled/);
  });

  it('LocalAI: low_vram, no_kv_offloading and tensor_split are named', () => {
    const text =
      'name: m\nbackend: llama-cpp\ncontext_size: 8192\nlow_vram: true\nno_kv_offloading: true\ntensor_split: "1,1"\nparameters:\n  model: Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf\n';
    const { result } = checkFile('models/m.yaml', text, rtx4070, 'yaml');
    const keys = notModelled(result.findings).map((f) => textAt(text, f.range));
    assert.deepEqual(keys.sort(), ['1,1', 'low_vram', 'no_kv_offloading']);
  });

  it('vLLM cpu_offload_gb: weights per GPU in system RAM let a model load that otherwise would not', () => {
    const base = 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 8192\n';
    const without = checkFile('serve.yaml', base, rtx4070, 'yaml').result;
    assert.equal(without.deployments[0].verdict, 'wont-fit');
    const offload = checkFile('serve.yaml', base + 'cpu_offload_gb: 8\n', rtx4070, 'yaml').result;
    const e = offload.deployments[0].answer!.estimate;
    assert.notEqual(e.verdict, 'wont-fit');
    assert.equal(e.cpuBytes, 8 * 2 ** 30);
  });

  it('vLLM kv_cache_memory_bytes sets the cache: too small for max_model_len is vLLM’s start-up error', () => {
    const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 64);
    const base = 'model: meta-llama/Llama-3.2-3B-Instruct\nmax_model_len: 32768\n';
    assert.notEqual(checkFile('serve.yaml', base, rtx4090, 'yaml').result.deployments[0].verdict, 'wont-fit');
    const small = checkFile('serve.yaml', base + 'kv_cache_memory_bytes: 1Gi\n', rtx4090, 'yaml').result;
    const f = small.findings.find((x) => x.code === 'vllm-kv-cache-too-small');
    assert.ok(f, small.findings.map((x) => `${x.code}: ${x.message}`).join('\n'));
    const big = checkFile('serve.yaml', base + 'kv_cache_memory_bytes: 8g\n', rtx4090, 'yaml').result;
    assert.notEqual(big.deployments[0].verdict, 'wont-fit');
    const ambiguous = checkFile('serve.yaml', base + 'kv_cache_memory_bytes: 8G\n', rtx4090, 'yaml').result;
    assert.ok(ambiguous.findings.some((x) => x.code === 'invalid-value'));
  });
});
