import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { withinLinearBound } from '../properties/bounds';
import { hardwareCatalog } from './ownCatalog';

/**
 * Model names as users write them (Ollama tags, Hugging Face ids, GGUF repositories and file
 * names, prose) and the catalog model each must resolve to. A wrong size is worse than no
 * answer, so the names that must resolve to nothing are listed too.
 */
const EXPECTED: [string, string][] = [
  // Ollama tags, with and without size, tag suffixes and registry prefixes.
  ['llama3.1', 'llama3.1-8b'],
  ['llama3.1:latest', 'llama3.1-8b'],
  ['llama3.1:8b', 'llama3.1-8b'],
  ['llama3.1:8b-instruct-q4_K_M', 'llama3.1-8b'],
  ['llama3.1:70b', 'llama3.1-70b'],
  ['llama3.1:70b-instruct-q8_0', 'llama3.1-70b'],
  ['llama3.1:405b', 'llama3.1-405b'],
  ['llama3.2', 'llama3.2-3b'],
  ['llama3.2:1b', 'llama3.2-1b'],
  ['llama3.2:3b', 'llama3.2-3b'],
  ['llama3.2:1b-instruct-q8_0', 'llama3.2-1b'],
  ['llama3.3', 'llama3.3-70b'],
  ['llama3.3:70b', 'llama3.3-70b'],
  ['llama3', 'llama3-8b'],
  ['llama3:8b', 'llama3-8b'],
  ['llama3:70b', 'llama3-70b'],
  ['llama2', 'llama2-7b'],
  ['llama2:7b-chat-q4_0', 'llama2-7b'],
  ['llama2:13b', 'llama2-13b'],
  ['llama2:70b-chat', 'llama2-70b'],
  ['meta-llama/Llama-2-13b-chat-hf', 'llama2-13b'],
  ['TheBloke/Llama-2-70B-Chat-GGUF', 'llama2-70b'],
  ['codellama', 'codellama-7b'],
  ['codellama:7b-instruct', 'codellama-7b'],
  ['registry.ollama.ai/library/llama3.1:8b', 'llama3.1-8b'],
  ['mistral:7b-instruct-v0.2-q4_0', 'mistral-7b-v0.2'],
  ['mistral:7b-instruct-v0.3-q4_K_M', 'mistral-7b'],
  ['qwen3:30b-a3b-instruct-2507-q4_K_M', 'qwen3-30b-a3b-instruct-2507'],
  ['qwen3:30b-a3b-q4_K_M', 'qwen3-30b-a3b'],
  ['qwen2.5', 'qwen2.5-7b'],
  ['qwen2.5:0.5b', 'qwen2.5-0.5b'],
  ['qwen2.5:1.5b', 'qwen2.5-1.5b'],
  ['qwen2.5:3b', 'qwen2.5-3b'],
  ['qwen2.5:7b', 'qwen2.5-7b'],
  ['qwen2.5:14b', 'qwen2.5-14b'],
  ['qwen2.5:32b-instruct-q4_K_M', 'qwen2.5-32b'],
  ['qwen2.5:72b', 'qwen2.5-72b'],
  ['qwen2.5-coder', 'qwen2.5-coder-7b'],
  ['qwen2.5-coder:0.5b', 'qwen2.5-coder-0.5b'],
  ['qwen2.5-coder:1.5b', 'qwen2.5-coder-1.5b'],
  ['qwen2.5-coder:3b', 'qwen2.5-coder-3b'],
  ['qwen2.5-coder:7b', 'qwen2.5-coder-7b'],
  ['qwen2.5-coder:14b', 'qwen2.5-coder-14b'],
  ['qwen2.5-coder:32b', 'qwen2.5-coder-32b'],
  ['qwen2.5-coder:32b-instruct-q8_0', 'qwen2.5-coder-32b'],
  ['qwq', 'qwq-32b'],
  ['qwq:32b', 'qwq-32b'],
  ['qwen3', 'qwen3-8b'],
  ['qwen3:0.6b', 'qwen3-0.6b'],
  ['qwen3:1.7b', 'qwen3-1.7b'],
  ['qwen3:4b', 'qwen3-4b'],
  ['qwen3:8b', 'qwen3-8b'],
  ['qwen3:14b', 'qwen3-14b'],
  ['qwen3:32b', 'qwen3-32b'],
  ['qwen3:30b', 'qwen3-30b-a3b'],
  ['qwen3:30b-a3b', 'qwen3-30b-a3b'],
  ['qwen3:235b', 'qwen3-235b-a22b'],
  ['qwen3:235b-a22b', 'qwen3-235b-a22b'],
  ['qwen3-coder:480b', 'qwen3-coder-480b-a35b'],
  ['mistral', 'mistral-7b'],
  ['mistral:7b', 'mistral-7b'],
  ['mistral:latest', 'mistral-7b'],
  ['mistral-small:24b', 'mistral-small-24b'],
  ['mistral-nemo', 'mistral-nemo-12b'],
  ['codestral', 'codestral-22b'],
  ['codestral:22b', 'codestral-22b'],
  ['mistral-small:22b', 'mistral-small-22b'],
  ['mistral-nemo:12b', 'mistral-nemo-12b'],
  ['mistral-nemo:12b-instruct-2407-q4_0', 'mistral-nemo-12b'],
  ['mistral-small3.2:24b', 'mistral-small-3.2-24b'],
  ['mistral-small3.1', 'mistral-small-3.1-24b'],
  ['mistralai/Mistral-Small-3.1-24B-Instruct-2503', 'mistral-small-3.1-24b'],
  ['llama3.2-vision', 'llama3.2-vision-11b'],
  ['llama3.2-vision:11b', 'llama3.2-vision-11b'],
  ['qwen2:7b', 'qwen2-7b'],
  ['mixtral', 'mixtral-8x7b'],
  ['mixtral:8x7b', 'mixtral-8x7b'],
  ['mixtral:8x22b', 'mixtral-8x22b'],
  ['gemma2', 'gemma2-9b'],
  ['gemma2:2b', 'gemma2-2b'],
  ['gemma2:9b', 'gemma2-9b'],
  ['gemma2:27b', 'gemma2-27b'],
  ['gemma3', 'gemma3-4b'],
  ['gemma3:270m', 'gemma3-270m'],
  ['gemma3:1b', 'gemma3-1b'],
  ['gemma3:4b', 'gemma3-4b'],
  ['gemma3:12b', 'gemma3-12b'],
  ['gemma3:27b', 'gemma3-27b'],
  ['gemma3:27b-it-qat', 'gemma3-27b'],
  // Hugging Face ids, Instruct and base checkpoints apart where their configs differ.
  ['meta-llama/Llama-3.1-8B-Instruct', 'llama3.1-8b'],
  ['meta-llama/Meta-Llama-3.1-70B-Instruct', 'llama3.1-70b'],
  ['meta-llama/Llama-3.2-1B-Instruct', 'llama3.2-1b'],
  ['meta-llama/Llama-3.2-3B', 'llama3.2-3b'],
  ['meta-llama/Llama-3.3-70B-Instruct', 'llama3.3-70b'],
  ['meta-llama/Meta-Llama-3-8B-Instruct', 'llama3-8b'],
  ['meta-llama/Llama-2-7b-chat-hf', 'llama2-7b'],
  ['codellama/CodeLlama-7b-Instruct-hf', 'codellama-7b'],
  ['Qwen/Qwen2.5-7B-Instruct', 'qwen2.5-7b'],
  ['Qwen/Qwen2.5-7B', 'qwen2.5-7b-base'],
  ['Qwen/Qwen2.5-72B-Instruct', 'qwen2.5-72b'],
  ['Qwen/Qwen2.5-72B', 'qwen2.5-72b-base'],
  ['Qwen/Qwen2.5-1.5B', 'qwen2.5-1.5b-base'],
  ['Qwen/Qwen2.5-0.5B', 'qwen2.5-0.5b'],
  ['Qwen/Qwen2.5-Coder-7B-Instruct', 'qwen2.5-coder-7b'],
  ['Qwen/Qwen2.5-Coder-32B-Instruct', 'qwen2.5-coder-32b'],
  ['Qwen/QwQ-32B', 'qwq-32b'],
  ['Qwen/QwQ-32B-Preview', 'qwq-32b-preview'],
  ['Qwen/Qwen3-14B', 'qwen3-14b'],
  ['Qwen/Qwen3-32B', 'qwen3-32b'],
  ['bartowski/Qwen_Qwen3-32B-GGUF', 'qwen3-32b'],
  ['Qwen/Qwen3-30B-A3B-Instruct-2507', 'qwen3-30b-a3b-instruct-2507'],
  ['Qwen/Qwen3-235B-A22B-Thinking-2507', 'qwen3-235b-a22b-thinking-2507'],
  ['Qwen/Qwen3-4B-Instruct-2507', 'qwen3-4b-instruct-2507'],
  ['Qwen/Qwen3-Coder-480B-A35B-Instruct', 'qwen3-coder-480b-a35b'],
  ['mistralai/Mistral-7B-Instruct-v0.3', 'mistral-7b'],
  ['mistralai/Mistral-7B-Instruct-v0.1', 'mistral-7b-v0.1'],
  ['mistralai/Mistral-7B-Instruct-v0.2', 'mistral-7b-v0.2'],
  ['mistralai/Mixtral-8x22B-Instruct-v0.1', 'mixtral-8x22b'],
  ['mistralai/Mistral-Small-24B-Instruct-2501', 'mistral-small-24b'],
  ['google/gemma-2-9b-it', 'gemma2-9b'],
  ['mistralai/Mistral-Nemo-Instruct-2407', 'mistral-nemo-12b'],
  ['mistralai/Mistral-Small-3.2-24B-Instruct-2506', 'mistral-small-3.2-24b'],
  ['meta-llama/Llama-3.2-11B-Vision-Instruct', 'llama3.2-vision-11b'],
  ['Qwen/Qwen2-7B-Instruct', 'qwen2-7b'],
  ['mistralai/Codestral-22B-v0.1', 'codestral-22b'],
  ['Qwen/Qwen2.5-7B-Instruct-1M', 'qwen2.5-7b-instruct-1m'],
  ['bartowski/Codestral-22B-v0.1-GGUF', 'codestral-22b'],
  ['Qwen2.5-14B-Instruct-1M-Q4_K_M.gguf', 'qwen2.5-14b-instruct-1m'],
  ['google/gemma-2-2b-it', 'gemma2-2b'],
  ['google/gemma-3-27b-it', 'gemma3-27b'],
  ['google/gemma-3-1b-it', 'gemma3-1b'],
  ['google/gemma-3-270m-it', 'gemma3-270m'],
  ['hf.co/google/gemma-3-12b-it', 'gemma3-12b'],
  // GGUF repositories by bartowski, unsloth, TheBloke and others.
  ['bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'llama3.1-8b'],
  ['bartowski/Llama-3.2-3B-Instruct-GGUF', 'llama3.2-3b'],
  ['bartowski/Qwen2.5-Coder-14B-Instruct-GGUF', 'qwen2.5-coder-14b'],
  ['bartowski/gemma-2-27b-it-GGUF', 'gemma2-27b'],
  ['bartowski/Mistral-Small-24B-Instruct-2501-GGUF', 'mistral-small-24b'],
  ['unsloth/gemma-3-27b-it-GGUF', 'gemma3-27b'],
  ['unsloth/Qwen3-14B-GGUF', 'qwen3-14b'],
  ['unsloth/Llama-3.3-70B-Instruct-GGUF', 'llama3.3-70b'],
  ['Qwen/Qwen2.5-7B-Instruct-GGUF', 'qwen2.5-7b'],
  ['lmstudio-community/Qwen2.5-Coder-7B-Instruct-GGUF', 'qwen2.5-coder-7b'],
  ['TheBloke/Llama-2-7B-Chat-GGUF', 'llama2-7b'],
  ['TheBloke/CodeLlama-7B-Instruct-GGUF', 'codellama-7b'],
  ['TheBloke/Mistral-7B-Instruct-v0.2-GGUF', 'mistral-7b-v0.2'],
  ['hf.co/bartowski/Qwen2.5-32B-Instruct-GGUF:Q4_K_M', 'qwen2.5-32b'],
  // GGUF file names.
  ['Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', 'llama3.1-8b'],
  ['./models/Meta-Llama-3-8B-Instruct-Q5_K_M.gguf', 'llama3-8b'],
  ['Llama-3.2-1B-Instruct-Q8_0.gguf', 'llama3.2-1b'],
  ['qwen2.5-7b-instruct-q4_k_m.gguf', 'qwen2.5-7b'],
  ['qwen2.5-coder-32b-instruct-q4_k_m.gguf', 'qwen2.5-coder-32b'],
  ['Qwen3-30B-A3B-Q4_K_M.gguf', 'qwen3-30b-a3b'],
  ['gemma-3-27b-it-Q4_K_M.gguf', 'gemma3-27b'],
  ['gemma-2-9b-it-Q6_K.gguf', 'gemma2-9b'],
  ['mistral-7b-instruct-v0.2.Q4_K_M.gguf', 'mistral-7b-v0.2'],
  ['Mixtral-8x7B-Instruct-v0.1-Q4_K_M.gguf', 'mixtral-8x7b'],
  ['llama-2-7b-chat.Q4_K_M.gguf', 'llama2-7b'],
  ['C:\\models\\QwQ-32B-Q4_K_M.gguf', 'qwq-32b'],
  ['Mistral-Nemo-Instruct-2407-Q5_K_M.gguf', 'mistral-nemo-12b'],
  ['bartowski/Mistral-Nemo-Instruct-2407-GGUF', 'mistral-nemo-12b'],
  // Falcon3, Granite, OLMo 2, Command R+, Ministral and the embedding models people pull by name.
  ['falcon3:1b', 'falcon3-1b'],
  ['falcon3:3b', 'falcon3-3b'],
  ['falcon3:7b', 'falcon3-7b'],
  ['falcon3:10b', 'falcon3-10b'],
  ['tiiuae/Falcon3-7B-Instruct', 'falcon3-7b'],
  ['tiiuae/Falcon3-10B-Base', 'falcon3-10b'],
  ['bartowski/Falcon3-1B-Instruct-GGUF', 'falcon3-1b'],
  ['Falcon3-3B-Instruct-Q4_K_M.gguf', 'falcon3-3b'],
  ['granite3.1-dense:2b', 'granite3.1-2b'],
  ['granite3.1-dense:8b', 'granite3.1-8b'],
  ['granite3-dense:8b', 'granite3.0-8b'],
  ['granite3-dense:8b-instruct-q6_K', 'granite3.0-8b'],
  ['ibm-granite/granite-3.0-8b-instruct', 'granite3.0-8b'],
  ['ibm-granite/granite-3.1-8b-instruct', 'granite3.1-8b'],
  ['ibm-granite/granite-3.1-2b-base', 'granite3.1-2b'],
  ['bartowski/granite-3.1-8b-instruct-GGUF', 'granite3.1-8b'],
  ['olmo2:7b', 'olmo2-7b'],
  ['olmo2:13b', 'olmo2-13b'],
  ['allenai/OLMo-2-1124-7B-Instruct', 'olmo2-7b'],
  ['allenai/OLMo-2-1124-13B', 'olmo2-13b'],
  ['CohereForAI/c4ai-command-r-plus', 'command-r-plus'],
  ['CohereForAI/c4ai-command-r7b-12-2024', 'command-r7b'],
  ['mistralai/Ministral-8B-Instruct-2410', 'ministral-8b'],
  ['Ministral-8B-Instruct-2410-Q4_K_M.gguf', 'ministral-8b'],
  ['mxbai-embed-large', 'mxbai-embed-large-v1'],
  ['mxbai-embed-large:335m', 'mxbai-embed-large-v1'],
  ['mixedbread-ai/mxbai-embed-large-v1', 'mxbai-embed-large-v1'],
  ['all-minilm:22m', 'all-minilm-l6-v2'],
  ['sentence-transformers/all-MiniLM-L6-v2', 'all-minilm-l6-v2'],
  ['all-minilm:33m', 'all-minilm-l12-v2'],
  ['sentence-transformers/all-MiniLM-L12-v2', 'all-minilm-l12-v2'],
  ['bge-large', 'bge-large-en-v1.5'],
  ['snowflake-arctic-embed:335m', 'snowflake-arctic-embed-l'],
  ['Snowflake/snowflake-arctic-embed-l', 'snowflake-arctic-embed-l'],
  ['snowflake-arctic-embed:110m', 'snowflake-arctic-embed-m'],
  ['snowflake-arctic-embed:33m', 'snowflake-arctic-embed-s'],
  ['BAAI/bge-large-en-v1.5', 'bge-large-en-v1.5'],
  // DeepSeek-R1 Qwen distills, Qwen1.5, Qwen2 72B, Qwen2.5-Math, Qwen2.5-VL and Qwen3 embeddings.
  ['deepseek-r1:1.5b', 'deepseek-r1-distill-qwen-1.5b'],
  ['deepseek-r1:7b', 'deepseek-r1-distill-qwen-7b'],
  ['deepseek-r1:14b', 'deepseek-r1-distill-qwen-14b'],
  ['deepseek-r1:14b-qwen-distill-q4_K_M', 'deepseek-r1-distill-qwen-14b'],
  ['deepseek-r1:32b', 'deepseek-r1-distill-qwen-32b'],
  ['deepseek-r1:70b', 'deepseek-r1-distill-llama-70b'],
  ['deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 'deepseek-r1-distill-qwen-14b'],
  ['bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF', 'deepseek-r1-distill-qwen-7b'],
  ['unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF', 'deepseek-r1-distill-qwen-1.5b'],
  ['DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf', 'deepseek-r1-distill-qwen-14b'],
  ['qwen2:72b', 'qwen2-72b'],
  ['qwen2:72b-instruct-q4_K_M', 'qwen2-72b'],
  ['Qwen/Qwen2-72B-Instruct', 'qwen2-72b'],
  ['qwen:32b', 'qwen1.5-32b'],
  ['qwen:32b-chat-v1.5-q4_0', 'qwen1.5-32b'],
  ['Qwen/Qwen1.5-7B-Chat', 'qwen1.5-7b'],
  ['Qwen/Qwen1.5-14B-Chat', 'qwen1.5-14b'],
  ['Qwen/Qwen2.5-Math-7B-Instruct', 'qwen2.5-math-7b'],
  ['Qwen/Qwen2.5-Math-1.5B', 'qwen2.5-math-1.5b'],
  ['Qwen/Qwen2.5-Math-72B-Instruct', 'qwen2.5-math-72b'],
  ['Qwen/Qwen2.5-VL-7B-Instruct', 'qwen2.5-vl-7b'],
  ['Qwen/Qwen2.5-VL-3B-Instruct', 'qwen2.5-vl-3b'],
  ['qwen2.5vl:7b', 'qwen2.5-vl-7b'],
  ['unsloth/Qwen2.5-VL-7B-Instruct-GGUF', 'qwen2.5-vl-7b'],
  ['Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf', 'qwen2.5-vl-7b'],
  ['Qwen/Qwen3-Embedding-0.6B', 'qwen3-embedding-0.6b'],
  ['Qwen/Qwen3-Embedding-4B', 'qwen3-embedding-4b'],
  ['qwen3-embedding:8b', 'qwen3-embedding-8b'],
  ['Qwen3-Embedding-8B-Q8_0.gguf', 'qwen3-embedding-8b'],
  // Names in prose.
  ['Llama 3.1 8B', 'llama3.1-8b'],
  ['Llama 3.3 70B', 'llama3.3-70b'],
  ['Qwen 2.5 7B', 'qwen2.5-7b'],
  ['Qwen2.5 Coder 7B', 'qwen2.5-coder-7b'],
  ['Gemma 3 27B', 'gemma3-27b'],
  ['Mixtral 8x22B', 'mixtral-8x22b'],
];

/** Names that must not resolve: unknown sizes, other families, placeholders. */
const UNKNOWN = [
  'llama3.1:13b',
  'qwen2.5:110b',
  'gemma3:2b',
  'mistral-large',
  'my-own-model',
  '__BASE_MODEL__',
  'phi-7',
  '',
  // Sizes the catalog does not hold for families it does: never a sibling of another size.
  'falcon3:40b',
  'granite3.1-dense:20b',
  'olmo2:1b',
  // The 22m size of snowflake-arctic-embed is not in the catalog.
  'snowflake-arctic-embed:22m',
  // Sizes of a family the catalog holds only in other sizes: never the 7B instead.
  'Qwen/Qwen2.5-VL-72B-Instruct',
  'Qwen/Qwen1.5-72B-Chat',
];

describe('model names as users write them', () => {
  const resolver = createModelResolver(hardwareCatalog());

  it('lists at least 100 names', () => {
    assert.ok(EXPECTED.length >= 100, `only ${EXPECTED.length}`);
  });

  for (const [name, id] of EXPECTED) {
    it(`${name} -> ${id}`, () => {
      assert.equal(resolver.resolve(name)?.model.id, id);
    });
  }

  for (const name of UNKNOWN) {
    it(`"${name}" resolves to nothing`, () => {
      assert.equal(resolver.resolve(name), undefined);
    });
  }

  it('every Ollama tag and Hugging Face id in the catalog resolves to its own model', () => {
    for (const m of hardwareCatalog().models) {
      for (const name of [...m.ollama, ...m.huggingface]) assert.equal(resolver.resolve(name)?.model.id, m.id, name);
    }
  });

  it('never throws and stays fast on arbitrary text, with or without a real name inside', () => {
    const names = hardwareCatalog().models.flatMap((m) => [...m.ollama, ...m.huggingface]);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...names), fc.string({ maxLength: 300 }), (before, name, after) => {
        withinLinearBound(before.length * 2 + name.length + after.length, () => {
          resolver.resolve(before);
          resolver.resolve(`${before}${name}${after}`);
        }, 250);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the quantization in a tag, a file name and an Ollama tag of its own', () => {
    assert.equal(resolver.resolve('qwen2.5-coder:7b-instruct-q8_0')?.quant?.id, 'Q8_0');
    assert.equal(resolver.resolve('gemma-3-27b-it-Q4_K_M.gguf')?.quant?.id, 'Q4_K_M');
    assert.equal(resolver.resolve('gemma3:4b-it-qat')?.quant?.id, 'Q4_0');
  });

  it('fine-tunes and merges resolve to their base and say so', () => {
    const hermes = resolver.resolve('NousResearch/Hermes-3-Llama-3.1-8B');
    assert.equal(hermes?.model.id, 'llama3.1-8b');
    assert.equal(hermes?.derived, true);
    const abliterated = resolver.resolve('bartowski/Qwen2.5-7B-Instruct-abliterated-GGUF');
    assert.equal(abliterated?.model.id, 'qwen2.5-7b');
    assert.equal(abliterated?.derived, true);
    assert.equal(resolver.resolve('bartowski/Meta-Llama-3.1-8B-Instruct-GGUF')?.derived, undefined, 'a plain GGUF upload is not a fine-tune');
    assert.equal(resolver.resolve('bartowski/Qwen_Qwen3-32B-GGUF')?.derived, undefined, "bartowski's org_ prefix is not a fine-tune");
    assert.equal(resolver.resolve('mistral-small3.2:24b')?.base?.id, 'mistral-small-3.1-24b');
    assert.equal(resolver.resolve('deepseek-r1:7b')?.base?.id, 'qwen2.5-math-7b', 'a distill names the checkpoint it was distilled into');
    assert.equal(resolver.resolve('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B')?.base?.id, 'qwen2.5-14b-base');
    const update = resolver.resolve('Qwen/Qwen3-30B-A3B-Instruct-2507');
    assert.equal(update?.base?.id, 'qwen3-30b-a3b', 'the base field is followed');
  });
});
