import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { testCatalog } from '../../helpers/catalog';
import { doc, gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
// Hovers link to the full entry where the client runs our commands, as VS Code does.
const service = createLanguageService({ catalog, links: 'command' });
const hw = gpuHardware(catalog, 'RTX 3090', 2);

// A note a user might write; every piece of jargon in it should explain itself on hover.
const NOTE = `# Llama 3.1 70B on two RTX 3090s

This note runs Llama 3.1 70B under llama-server, the server of llama.cpp, from a GGUF file
quantized to Q4_K_M with an importance matrix. The model weights take about 40 GiB, so they are
split over both cards with a tensor split of 1,1; each RTX 3090 has 24 GB of VRAM, and we use
full GPU offloading.

We want a 32k context. At f16 the KV cache would need 10 GiB, so we turn on flash attention and
keep the KV cache quantization at q8_0, which halves it. Grouped-query attention keeps the cache
small: 80 transformer layers, 8 KV heads and a head dimension of 128.

Expect about 20 tokens per second: generation is memory-bound, limited by memory bandwidth.
Prompt processing is much faster. With parallel slots, the context window is shared. Sampling
uses temperature 0.7 and min-p 0.05, and the chat template comes from the GGUF. When it runs out
of memory, lower the micro-batch or the context window, and watch nvidia-smi.
`;

/** Each piece of jargon and what its hover must be: a glossary id, or 'model' / 'gpu'. */
const JARGON: [string, string][] = [
  ['Llama 3.1 70B', 'model'],
  ['RTX 3090', 'gpu'],
  ['llama-server', 'llama-server'],
  ['llama.cpp', 'llama.cpp'],
  ['GGUF', 'gguf'],
  ['quantized', 'quantization'],
  ['Q4_K_M', 'q4-k-m'],
  ['importance matrix', 'imatrix'],
  ['model weights', 'model-weights'],
  ['tensor split', 'tensor-split'],
  ['VRAM', 'vram'],
  ['GPU offloading', 'gpu-offloading'],
  ['32k context', 'long-context'],
  ['f16', 'f16'],
  ['KV cache', 'kv-cache'],
  ['flash attention', 'flash-attention'],
  ['KV cache quantization', 'kv-cache-quantization'],
  ['q8_0', 'q8-0'],
  ['Grouped-query attention', 'gqa'],
  ['transformer layers', 'transformer-layers'],
  ['KV heads', 'kv-heads'],
  ['head dimension', 'head-dimension'],
  ['tokens per second', 'tokens-per-second'],
  ['memory-bound', 'memory-bound'],
  ['memory bandwidth', 'memory-bandwidth'],
  ['Prompt processing', 'prompt-processing'],
  ['parallel slots', 'parallel-slots'],
  ['context window', 'context-window'],
  ['temperature', 'temperature'],
  ['min-p', 'min-p'],
  ['Sampling', 'sampler-chain'],
  ['chat template', 'chat-template'],
  ['micro-batch', 'micro-batch'],
  ['nvidia-smi', 'nvidia-smi'],
];

describe('a Markdown note about Llama 3.1 70B on two RTX 3090s', () => {
  const lines = NOTE.split('\n');
  const document = doc(NOTE, 'markdown');

  for (const [phrase, expected] of JARGON) {
    it(`hovers "${phrase}"`, () => {
      // Every occurrence of the phrase, not just the first.
      let found = 0;
      lines.forEach((line, n) => {
        for (let at = line.indexOf(phrase); at >= 0; at = line.indexOf(phrase, at + 1)) {
          // Inside a longer listed phrase ("KV cache" in "KV cache quantization") the longer one wins.
          if (JARGON.some(([p]) => p.length > phrase.length && p.startsWith(phrase) && line.startsWith(p, at))) continue;
          found++;
          const h = service.doHover(document, { line: n, character: at + Math.floor(phrase.length / 2) }, hw);
          assert.ok(h, `no hover on "${phrase}" at ${n}:${at}`);
          const covered = line.slice(h.range.start.character, h.range.end.character);
          if (expected === 'model') assert.match(h.markdown, /Llama 3\.1 70B/);
          else if (expected === 'gpu') assert.match(h.markdown, /RTX 3090/);
          else {
            const id = /\[Open the full entry\]\(command:runlocalai\.showTerm\?([^)]+)\)/.exec(h.markdown);
            assert.ok(id, `"${phrase}" hovered "${covered}" without a glossary entry`);
            assert.equal((JSON.parse(decodeURIComponent(id[1])) as { id: string }[])[0].id, expected, `"${phrase}" hovered "${covered}"`);
          }
        }
      });
      assert.ok(found > 0, `"${phrase}" is not in the note`);
    });
  }
});
