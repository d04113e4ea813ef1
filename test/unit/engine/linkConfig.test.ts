import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type DocumentLike } from '../../../server/src/engine/languageService';
import { linkLogToConfig, modelKey } from '../../../server/src/engine/logs/linkConfig';
import { buildRuntimeReport } from '../../../server/src/engine/logs/runtimeReport';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { applyEdits } from '../../helpers/edits';
import { checkFile } from '../../helpers/formats';

const catalog = testCatalog();
const NAMES: Record<string, [string, string]> = {
  vllm: ['serve.yaml', 'yaml'],
  'command-line': ['run.sh', 'shellscript'],
  modelfile: ['Modelfile', 'modelfile'],
};
/** The deployments a format reads from a text, as the editor would recognise the file. */
function parseWith(format: string, text: string) {
  const [name, languageId] = NAMES[format];
  const r = checkFile(name, text, gpuHardware(catalog, 'RTX 4090'), languageId);
  assert.equal(r.format, format);
  return r.parsed!;
}
const service = () => createLanguageService({ catalog });
let version = 0;
const file = (name: string, languageId: string, text: string): DocumentLike => ({
  uri: `file:///work/${name}`,
  version: ++version,
  languageId,
  getText: () => text,
});

// vLLM V1's KV check, worded as in ../shared/corpus/errors/tpu-inference-223 (vLLM's kv_cache_utils.py).
const VLLM_LOG = [
  "INFO 05-01 10:00:00 [utils.py:326] non-default args: {'model': 'meta-llama/Llama-3.1-8B-Instruct', 'max_model_len': 131072}",
  "ValueError: To serve at least one request with the models's max seq len (131072), (16.00 GiB KV cache is needed, which is larger than the available KV cache memory (0.71 GiB). Based on the available memory, the estimated maximum model length is 5632. Try increasing `gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.",
].join('\n');

// llama-server's load lines (format as in test/fixtures/logs), with layers left on the CPU.
const LLAMA_LOG = [
  'llama_model_loader: loaded meta data with 33 key-value pairs and 292 tensors from /models/Meta-Llama-3.1-70B-Instruct-Q8_0.gguf (version GGUF V3 (latest))',
  'load_tensors: offloaded 11/81 layers to GPU',
  'llama_context: n_ctx         = 32768',
].join('\n');

const VLLM_CONFIG = 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 131072\ngpu_memory_utilization: 0.9\n';
const OTHER_VLLM = 'model: Qwen/Qwen2.5-7B-Instruct\nmax_model_len: 131072\n';
const SCRIPT = [
  '#!/bin/sh',
  'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 8192 -ngl 99',
  'llama-server -m Meta-Llama-3.1-70B-Instruct-Q8_0.gguf -c 32768 -ngl 99',
  '',
].join('\n');
const MODELFILE = 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n';

describe('a log line links to the config it came from', () => {
  const rtx4090 = gpuHardware(catalog, 'RTX 4090');

  it('picks the vLLM config that runs the model the log names, not another model or runtime', () => {
    const s = service();
    const configs = [
      file('other.yaml', 'yaml', OTHER_VLLM),
      file('Modelfile', 'modelfile', MODELFILE),
      file('serve.yaml', 'yaml', VLLM_CONFIG),
      file('run.sh', 'shellscript', SCRIPT),
    ];
    const link = s.linkLog(file('vllm.log', 'log', VLLM_LOG), configs, rtx4090);
    assert.equal(link?.uri, 'file:///work/serve.yaml');
    assert.equal(link.line, 0);
    assert.ok(link.reasons.some((r) => r.startsWith('same model')));
    assert.ok(link.reasons.includes('same runtime (vllm)'));
  });

  it('picks the llama-server line of a script by the model file, and the Modelfile when only it runs that model', () => {
    const s = service();
    const log = file('server.log', 'log', LLAMA_LOG);
    const script = file('run.sh', 'shellscript', SCRIPT);
    const modelfile = file('Modelfile', 'modelfile', MODELFILE);
    const link = s.linkLog(log, [modelfile, script], rtx4090);
    assert.equal(link?.uri, script.uri);
    assert.equal(link.line, 2, 'the 70B launch, not the 8B one');
    // llama.cpp lines printed by Ollama (0.30 and later) still point to the Modelfile of the same model.
    assert.equal(s.linkLog(log, [modelfile], rtx4090)?.uri, modelfile.uri);
  });

  it('links nothing when no config runs the model', () => {
    const s = service();
    assert.equal(s.linkLog(file('vllm.log', 'log', VLLM_LOG), [file('other.yaml', 'yaml', OTHER_VLLM)], rtx4090), undefined);
  });

  it('offers the linked config its own best fix, an edit in the config', () => {
    const s = service();
    const script = 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 131072 -ngl 99\n';
    const log = file(
      'server.log',
      'log',
      'llama_model_loader: loaded meta data with 33 key-value pairs and 292 tensors from /m/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf (version GGUF V3 (latest))',
    );
    const link = s.linkLog(log, [file('run.sh', 'shellscript', script)], gpuHardware(catalog, 'RTX 4060'));
    assert.ok(link?.fix, 'a 131,072-token Llama 3.1 8B on an 8 GB card has a fix');
    assert.match(link.fix.message, /Won't fit/);
    const edited = applyEdits(script, link.fix.edits);
    assert.notEqual(edited, script);
    assert.equal(
      checkFile('run.sh', edited, gpuHardware(catalog, 'RTX 4060'), 'shellscript').result.findings.filter((f) => f.severity === 'error')
        .length,
      0,
    );
  });

  it("writes vLLM's estimated maximum model length into max_model_len; the re-read config holds it", () => {
    const s = service();
    const config = file('serve.yaml', 'yaml', VLLM_CONFIG);
    const link = s.linkLog(file('vllm.log', 'log', VLLM_LOG), [config], rtx4090, 1);
    assert.equal(link?.figureFix?.setting, 'context');
    assert.equal(link.figureFix.value, '5632');
    assert.equal(link.figureFix.logLine, 1);
    const edited = applyEdits(VLLM_CONFIG, link.figureFix.edits);
    const reread = parseWith('vllm', edited).deployments[0];
    assert.equal(reread.settings.context?.value, '5632');
    assert.equal(s.linkLog(file('vllm.log', 'log', VLLM_LOG), [config], rtx4090, 0)?.figureFix, undefined, 'not on another line');
  });

  it('writes the tokens a vLLM V0 KV cache holds into max_model_len', () => {
    const s = service();
    const config = 'model: Qwen/Qwen2.5-7B-Instruct\nmax_model_len: 4096\n';
    // The V0 refusal as printed in ../shared/corpus/errors/vllm-10517, after V0's engine line naming the model.
    const log = file(
      'v0.log',
      'log',
      [
        "INFO 11-20 10:00:00 llm_engine.py:237] Initializing an LLM engine (v0.6.4) with config: model='Qwen/Qwen2.5-7B-Instruct', dtype=torch.bfloat16",
        "ValueError: The model's max seq len (4096) is larger than the maximum number of tokens that can be stored in KV cache (3664). Try increasing gpu_memory_utilization or decreasing max_model_len when initializing the engine.",
      ].join('\n'),
    );
    const link = s.linkLog(log, [file('serve.yaml', 'yaml', config)], rtx4090, 1);
    assert.equal(link?.figureFix?.value, '3664');
    assert.equal(
      checkFile('serve.yaml', applyEdits(config, link.figureFix.edits), rtx4090, 'yaml').parsed!.deployments[0].settings.context?.value,
      '3664',
    );
  });

  it("writes the layers llama.cpp put on the GPU into -ngl and Ollama's num_gpu", () => {
    const s = service();
    const log = file('server.log', 'log', LLAMA_LOG);
    const script = s.linkLog(log, [file('run.sh', 'shellscript', SCRIPT)], rtx4090, 1);
    assert.equal(script?.figureFix?.value, '11');
    const editedScript = applyEdits(SCRIPT, script.figureFix.edits);
    const launches = parseWith('command-line', editedScript).deployments;
    assert.equal(launches[1].settings.gpuLayers?.value, '11');
    assert.equal(launches[0].settings.gpuLayers?.value, '99', 'the other launch is left alone');
    const mf = s.linkLog(log, [file('Modelfile', 'modelfile', MODELFILE)], rtx4090, 1);
    const editedModelfile = applyEdits(MODELFILE, mf!.figureFix!.edits);
    assert.equal(parseWith('modelfile', editedModelfile).deployments[0].settings.gpuLayers?.value, '11');
  });

  it('a model key ignores paths, case, punctuation and the .gguf suffix, in one pass', () => {
    assert.equal(modelKey('/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf'), 'metallama318binstructq4km');
    assert.equal(modelKey('C:\\models\\Qwen2.5-7B.gguf'), 'qwen257b');
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => /^[a-z0-9]*$/.test(modelKey(s))));
  });

  it('without a model in the log, a runtime and a context that both agree are needed', () => {
    const resolver = createModelResolver(catalog);
    const report = buildRuntimeReport(['llama_context: n_ctx         = 32768', 'load_tensors: offloaded 11/81 layers to GPU']);
    const s = parseWith('command-line', SCRIPT);
    const link = linkLogToConfig(report, [{ uri: 'file:///run.sh', deployments: s.deployments }], (r) => resolver.resolve(r)?.model.id);
    assert.equal(link?.line, 2, 'the launch with -c 32768');
    const none = buildRuntimeReport(['llama_context: n_ctx         = 4096']);
    assert.equal(
      linkLogToConfig(none, [{ uri: 'file:///run.sh', deployments: s.deployments }], (r) => resolver.resolve(r)?.model.id),
      undefined,
    );
  });
});
