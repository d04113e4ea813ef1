import * as assert from 'node:assert/strict';
import { checkCommand, loadRuntimeFlags } from '../../../scripts/catalog-check/runtimeFlags';

const flags = loadRuntimeFlags(process.cwd());
const problems = (command: string) => checkCommand(command, flags).problems;

describe('fix commands checked against the runtimes’ own flag lists', () => {
  it('accepts flags, variables and parameters the runtimes have', () => {
    assert.deepEqual(problems('llama-server -m model.gguf -c 32768 -fa on -ctk q8_0 -ctv q8_0 --fit-ctx 8192'), []);
    assert.deepEqual(problems('OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q8_0 ollama serve'), []);
    assert.deepEqual(problems('vllm serve <model> --max-model-len 8192 --gpu-memory-utilization 0.9'), []);
    assert.deepEqual(problems('PARAMETER num_ctx 8192'), []);
    assert.deepEqual(problems('cmake -B build -DGGML_CUDA=ON && cmake --build build --config Release -- -j 16'), []);
  });

  it('rejects the mistakes the seed site made, each by name', () => {
    assert.deepEqual(problems('ollama run llama3.1 --param num_ctx 8192'), ['unknown ollama flag --param']);
    assert.deepEqual(problems('OLLAMA_NUM_CTX=8192 ollama serve'), ['unknown environment variable OLLAMA_NUM_CTX']);
    assert.deepEqual(problems('OLLAMA_NUM_GPU=1 ollama serve'), ['unknown environment variable OLLAMA_NUM_GPU']);
    assert.deepEqual(problems('PYTORCH_MPS_MEMORY_LIMIT_MB=8000 python app.py'), ['unknown environment variable PYTORCH_MPS_MEMORY_LIMIT_MB']);
    assert.deepEqual(problems('cmake -B build -DLLAMA_METAL=ON'), ['unknown CMake option LLAMA_METAL']);
    assert.deepEqual(problems('/set parameter num_gpus 20'), ['unknown Ollama parameter "num_gpus"']);
    assert.deepEqual(problems('llama-server -m model.gguf --ctx 8192'), ['unknown llama-server flag --ctx']);
    assert.deepEqual(problems('vllm run <model>'), ['unknown vllm subcommand "run"']);
  });

  it('reports programs it has no list for instead of passing them silently', () => {
    const r = checkCommand('sudo nvidia-smi --query-gpu=name --format=csv', flags);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.unchecked, ['nvidia-smi']);
  });

  it('keeps quoted arguments whole', () => {
    const r = checkCommand('HSA_OVERRIDE_GFX_VERSION="10.3.0" ollama serve', flags);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.checked.map((c) => c.name),
      ['HSA_OVERRIDE_GFX_VERSION', 'ollama serve'],
    );
  });
});
