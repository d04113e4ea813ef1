import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FORMATS } from '../../../server/src/engine/formats/registry';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { applyEdits, checkFile, textAt } from '../../helpers/formats';

const catalog = testCatalog();
const rtx4090 = gpuHardware(catalog, 'RTX 4090', 1, 64);

describe('YAML anchors, aliases and merge keys', () => {
  const swap = [
    'x-defaults: &defaults',
    '  ttl: 300',
    '  env:',
    '    - CUDA_VISIBLE_DEVICES=1',
    'models:',
    '  llama:',
    '    <<: *defaults',
    '    cmd: &llama-cmd >',
    '      llama-server --port ${PORT}',
    '      -m /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 16384',
    '  llama-copy:',
    '    <<: *defaults',
    '    env: [CUDA_VISIBLE_DEVICES=0]',
    '    cmd: *llama-cmd',
  ].join('\n');

  it('llama-swap: a cmd shared by an alias is read for each model, with ranges in its definition', () => {
    const { format, parsed } = checkFile('config.yaml', swap, rtx4090, 'yaml');
    assert.equal(format, 'llama-swap');
    const [llama, copy] = parsed!.deployments;
    assert.equal(copy?.label, 'llama-copy');
    assert.equal(copy.model?.value, '/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf');
    assert.equal(textAt(swap, copy.settings.context!.range), '16384');
    assert.deepEqual(copy.settings.context!.range, llama.settings.context!.range);
  });

  it('llama-swap: merged keys count, and the mapping’s own keys win', () => {
    const { parsed } = checkFile('config.yaml', swap, rtx4090, 'yaml');
    const [llama, copy] = parsed!.deployments;
    assert.equal(llama.env.CUDA_VISIBLE_DEVICES, '1', 'env merged from x-defaults');
    assert.equal(copy.env.CUDA_VISIBLE_DEVICES, '0', 'the model’s own env wins over the merged one');
  });

  it('llama-swap: a model that is all merge (the cmd in the anchor) is read, and its edit goes to the anchor', () => {
    const text = [
      'models:',
      '  a: &base',
      '    cmd: llama-server --port ${PORT} -m /models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 4096',
      '    ttl: 300',
      '  b:',
      '    <<: *base',
    ].join('\n');
    const { parsed } = checkFile('config.yaml', text, rtx4090, 'yaml');
    assert.deepEqual(
      parsed!.deployments.map((d) => d.label),
      ['a', 'b'],
    );
    const fixed = applyEdits(text, parsed!.deployments[1].edit('context', '8192'));
    assert.match(fixed, /-c 8192\n {4}ttl/);
  });

  it('compose: GPU reservations merged from an x- anchor group the services', () => {
    const text = [
      'x-gpu: &gpu',
      '  deploy:',
      '    resources:',
      '      reservations:',
      '        devices:',
      '          - driver: nvidia',
      '            count: 1',
      '            capabilities: [gpu]',
      'services:',
      '  vllm:',
      '    image: vllm/vllm-openai:latest',
      '    <<: *gpu',
      '    command: ["--model", "Qwen/Qwen2.5-7B-Instruct", "--max-model-len", "8192"]',
    ].join('\n');
    const { parsed } = checkFile('docker-compose.yml', text, rtx4090, 'yaml');
    assert.equal(parsed!.deployments[0].requestedGpus?.count, 1);
  });

  it('a document of aliases of aliases stays fast and never throws', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    lines.push('max_model_len: 8192', 'model: meta-llama/Llama-3.1-8B-Instruct');
    const text = lines.join('\n');
    const cyclic = 'model: m\nmax_model_len: 8\na: &x {b: *x, c: *x, d: *x, e: [*x, *x, *x]}\n';
    const started = Date.now();
    for (const f of FORMATS) f.parse(text);
    for (const f of FORMATS) f.parse(cyclic);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('never throws on random anchors, aliases and merges', () => {
    const key = fc.constantFrom('a', 'b', 'cmd', 'models', '<<', 'max_model_len', 'env');
    const value = fc.constantFrom('*x', '*y', '&x 1', '&y {c: 2}', '[*x, *y]', 'llama-server -m m.gguf -c 8', '&x', '');
    const line = fc.tuple(fc.integer({ min: 0, max: 3 }), key, value).map(([indent, k, v]) => `${'  '.repeat(indent)}${k}: ${v}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (ls) => {
        const text = ls.join('\n');
        for (const f of FORMATS) f.parse(text);
      }),
      { numRuns: 300 },
    );
  });
});
