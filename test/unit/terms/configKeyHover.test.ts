import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { configKeyHover, findConfigKey } from '../../../server/src/engine/render/configKeyHover';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { doc, gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();

describe('config-key hovers', () => {
  it('has data for the keys and flags each runtime reads', () => {
    const want: [Parameters<typeof findConfigKey>[1], string][] = [
      ['ollama', 'num_ctx'],
      ['ollama', 'num_gpu'],
      ['ollama', 'OLLAMA_KV_CACHE_TYPE'],
      ['ollama', 'OLLAMA_NUM_PARALLEL'],
      ['ollama', 'OLLAMA_FLASH_ATTENTION'],
      ['llama.cpp', '-c'],
      ['llama.cpp', '-ngl'],
      ['llama.cpp', '-np'],
      ['llama.cpp', '-fa'],
      ['llama.cpp', '-ctk'],
      ['llama.cpp', '-ctv'],
      ['llama.cpp', '-ts'],
      ['llama.cpp', '--n-cpu-moe'],
      ['vllm', 'max_model_len'],
      ['vllm', 'gpu_memory_utilization'],
      ['vllm', 'tensor_parallel_size'],
      ['vllm', 'kv_cache_dtype'],
      ['vllm', 'max_num_seqs'],
      ['localai', 'context_size'],
      ['localai', 'gpu_layers'],
      ['localai', 'f16'],
    ];
    for (const [runtime, key] of want) assert.ok(findConfigKey(catalog, runtime, key), `${runtime} ${key}`);
  });

  it('matches flags exactly and other keys in any case, within one runtime', () => {
    assert.equal(findConfigKey(catalog, 'llama.cpp', '-c')?.id, 'llamacpp-ctx-size');
    assert.equal(findConfigKey(catalog, 'llama.cpp', '-C'), undefined);
    assert.equal(findConfigKey(catalog, 'ollama', 'NUM_CTX')?.id, 'ollama-num-ctx');
    assert.equal(findConfigKey(catalog, 'vllm', 'num_ctx'), undefined);
  });

  it('says what a key does to memory and speed and its default, per format', () => {
    const ngl = configKeyHover(catalog, { runtime: 'llama.cpp', key: '-ngl', value: '99' }) ?? '';
    assert.match(ngl, /### `--n-gpu-layers`/);
    assert.match(ngl, /\*\*Memory\.\*\*/);
    assert.match(ngl, /\*\*Default:\*\* auto/);
    assert.match(ngl, /\*\*Set here:\*\* `99`/);
    assert.match(configKeyHover(catalog, { runtime: 'vllm', key: 'gpu_memory_utilization' }) ?? '', /\*\*Default:\*\* 0\.9/);
    assert.match(configKeyHover(catalog, { runtime: 'localai', key: 'context_size' }) ?? '', /\*\*Default:\*\* 512/);
    assert.match(configKeyHover(catalog, { runtime: 'ollama', key: 'OLLAMA_KV_CACHE_TYPE' }) ?? '', /flash attention/);
    assert.equal(configKeyHover(catalog, { runtime: 'vllm', key: 'not_a_key' }), undefined);
  });

  it('prices the current value on the hardware and names a value that fits', () => {
    const md =
      configKeyHover(catalog, {
        runtime: 'vllm',
        key: 'max_model_len',
        value: '131072',
        estimate: {
          hardware: 'RTX 4090 <24 GiB>',
          verdict: 'wont-fit',
          neededBytes: 40 * 2 ** 30,
          usableBytes: 21.6 * 2 ** 30,
          cost: { label: 'KV cache for 131,072 tokens', bytes: 16 * 2 ** 30 },
          fits: { value: '32768', why: 'the largest length that fits' },
        },
      }) ?? '';
    assert.match(md, /won't fit, 40\.0 GiB needed of 21\.6 GiB usable/);
    assert.match(md, /costs 16\.0 GiB \(KV cache for 131,072 tokens\)/);
    assert.match(md, /\*\*Would fit:\*\* `max_model_len 32768`/);
    assert.ok(md.includes('RTX 4090 &lt;24 GiB&gt;'), 'hardware names are escaped');
    assert.ok(!md.includes('<24'), 'no raw angle brackets');
  });

  describe('in a Modelfile', () => {
    const service = createLanguageService({ catalog });
    const hoverAt = (marked: string, gpu = 'RTX 4090') => {
      const { text, position } = caret(marked);
      return service.doHover(doc(text, 'modelfile'), position, gpuHardware(catalog, gpu));
    };

    it('explains num_ctx with the KV cache it costs and the context that fits', () => {
      const h = hoverAt('FROM llama3.1:8b\nPARAMETER num_c|tx 131072\n', 'RTX 3060 12GB');
      assert.ok(h);
      assert.deepEqual(h.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 17 } });
      assert.match(h.markdown, /### `num_ctx`/);
      assert.match(h.markdown, /Ollama Modelfile PARAMETER/);
      assert.match(h.markdown, /This value costs 16\.0 GiB \(KV cache for 131,072 tokens\)/);
      const fits = /\*\*Would fit:\*\* `num_ctx (\d+)`/.exec(h.markdown);
      assert.ok(fits, h.markdown);
      assert.ok(Number(fits[1]) > 8192 && Number(fits[1]) < 131072, fits[1]);
    });

    it('says a fitting value fits, and explains sampling keys with their defaults', () => {
      assert.match(hoverAt('FROM llama3.1:8b\nPARAMETER num_c|tx 8192\n')?.markdown ?? '', /\*\*On .*:\*\* fits/);
      assert.match(hoverAt('FROM llama3.1:8b\nPARAMETER tempera|ture 0.2\n')?.markdown ?? '', /\*\*Default:\*\* 0\.8/);
      assert.match(hoverAt('FROM llama3.1:8b\nPARAMETER num_g|pu 10\n')?.markdown ?? '', /### `num_gpu`/);
    });
  });
});
