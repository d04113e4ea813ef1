import * as assert from 'node:assert/strict';
import { answerFit } from '../../../server/src/engine/checks/fit';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { catalogSource, createSourceChain, nameSource, noFiles } from '../../../server/src/engine/sources/chain';
import { nameOnlyFacts, readName } from '../../../server/src/engine/sources/nameOnly';
import { GiB } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';

// Model names as people write them: Ollama tags, Hugging Face ids, GGUF file names, fine-tunes.
// [name, family the words point to, total parameters in billions the name implies (undefined: it gives none)]
const NAMES: [string, string, number | undefined][] = [
  ['llama3.1:8b', 'llama', 8],
  ['llama3.1:70b', 'llama', 70],
  ['llama3.1:405b', 'llama', 405],
  ['llama3.2:1b', 'llama', 1],
  ['llama3.2:3b', 'llama', 3],
  ['llama3.3:70b', 'llama', 70],
  ['meta-llama/Llama-3.1-8B-Instruct', 'llama', 8],
  ['meta-llama/Meta-Llama-3-70B-Instruct', 'llama', 70],
  ['Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', 'llama', 8],
  ['Hermes-3-Llama-3.1-8B.Q5_K_M.gguf', 'llama', 8],
  ['NousResearch/Hermes-3-Llama-3.1-70B', 'llama', 70],
  ['codellama:13b', 'llama', 13],
  ['codellama:34b', 'llama', 34],
  ['tinyllama:1.1b', 'llama', 1.1],
  ['dolphin-llama3:8b', 'llama', 8],
  ['bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'llama', 8],
  ['hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M', 'llama', 3],
  ['Llama-3.2-11B-Vision-Instruct', 'llama', 11],
  ['deepseek-ai/DeepSeek-R1-Distill-Llama-70B', 'llama', 70],
  ['qwen2.5:0.5b', 'qwen2.5', 0.5],
  ['qwen2.5:1.5b', 'qwen2.5', 1.5],
  ['qwen2.5:7b', 'qwen2.5', 7],
  ['qwen2.5:14b', 'qwen2.5', 14],
  ['qwen2.5:32b', 'qwen2.5', 32],
  ['qwen2.5:72b', 'qwen2.5', 72],
  ['qwen2.5-coder:7b', 'qwen2.5', 7],
  ['qwen2.5-coder:32b-instruct-q4_K_M', 'qwen2.5', 32],
  ['Qwen/Qwen2.5-7B-Instruct', 'qwen2.5', 7],
  ['Qwen/Qwen2.5-Coder-14B-Instruct-GGUF', 'qwen2.5', 14],
  ['qwen2.5-7b-instruct-q4_k_m.gguf', 'qwen2.5', 7],
  ['qwq:32b', 'qwen2.5', 32],
  ['deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'qwen2.5', 32],
  ['DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf', 'qwen2.5', 7],
  ['qwen3:4b', 'qwen3', 4],
  ['qwen3:8b', 'qwen3', 8],
  ['Qwen/Qwen3-32B', 'qwen3', 32],
  ['qwen3:30b-a3b', 'qwen3', 30],
  ['Qwen/Qwen3-30B-A3B', 'qwen3', 30],
  ['unsloth/Qwen3-30B-A3B-GGUF', 'qwen3', 30],
  ['qwen3:235b-a22b', 'qwen3', 235],
  ['deepseek-r1:8b', 'deepseek-r1', 8],
  ['deepseek-r1:14b', 'deepseek-r1', 14],
  ['deepseek-r1:32b', 'deepseek-r1', 32],
  ['deepseek-r1:671b', 'deepseek-v3', 671],
  ['gemma3:4b', 'gemma3', 4],
  ['gemma3:12b', 'gemma3', 12],
  ['gemma3:27b', 'gemma3', 27],
  ['google/gemma-3-27b-it', 'gemma3', 27],
  ['gemma-3-12b-it-Q4_K_M.gguf', 'gemma3', 12],
  ['gemma2:9b', 'gemma2', 9],
  ['gemma2:27b', 'gemma2', 27],
  ['gemma3n:e4b', 'gemma3n', 8],
  ['gemma3n:e2b', 'gemma3n', 5],
  ['mistral:7b', 'mistral', 7],
  ['mistralai/Mistral-7B-Instruct-v0.3', 'mistral', 7],
  ['mistral-7b-instruct-v0.2.Q4_K_M.gguf', 'mistral', 7],
  ['openhermes-2.5-mistral-7b.Q4_K_M.gguf', 'mistral', 7],
  ['mistral-small:24b', 'mistral-small', 24],
  ['mistral-nemo:12b', 'mistral-nemo', 12],
  ['mistral-nemo', 'mistral-nemo', undefined],
  ['mixtral:8x7b', 'mixtral', 46.7],
  ['mixtral:8x22b', 'mixtral', 141],
  ['TheBloke/Mixtral-8x7B-Instruct-v0.1-GGUF', 'mixtral', 46.7],
  ['dolphin-mixtral:8x7b', 'mixtral', 46.7],
  ['nous-hermes2-mixtral:8x7b', 'mixtral', 46.7],
  ['phi3:3.8b', 'phi3', 3.8],
  ['phi3:14b', 'phi3', 14],
  ['phi4:14b', 'phi4', 14],
  ['microsoft/phi-4', 'phi4', undefined],
  ['gpt-oss:20b', 'gpt-oss', 20],
  ['gpt-oss:120b', 'gpt-oss', 120],
  ['openai/gpt-oss-20b', 'gpt-oss', 20],
  ['smollm2:135m', 'smollm2', 0.135],
  ['smollm2:1.7b', 'smollm2', 1.7],
  ['granite3.1-dense:8b', 'granite', 8],
  ['command-r:35b', 'command-r', 35],
  ['yi:34b', 'yi', 34],
  ['falcon:180b', 'falcon', 180],
  ['starcoder2:15b', 'starcoder', 15],
  ['olmo2:13b', 'olmo', 13],
  ['glm4:9b', 'glm', 9],
];

const hardware: Hardware = {
  source: 'setting',
  devices: [{ name: 'GPU 24', vendor: 'nvidia', totalBytes: 24 * GiB, unified: false, bandwidthGBs: 1000 }],
  ramBytes: 64 * GiB,
};

describe('models known by name only', () => {
  const catalog = testCatalog();
  const resolver = createModelResolver(catalog);
  const q4 = catalog.quantizations.find((q) => q.id === 'Q4_K_M')!;

  it(`reads family and size from ${NAMES.length} real names (tags, repo ids, file names, fine-tunes)`, () => {
    assert.ok(NAMES.length >= 60);
    const wrong: string[] = [];
    for (const [name, family, billions] of NAMES) {
      const r = readName(name);
      if (r.family !== family) wrong.push(`${name}: family ${r.family}, expected ${family}`);
      const got = r.size ? r.size.params / 1e9 : undefined;
      // MoE totals come from a rule (shared attention), so they are held to 5%; plain sizes exactly.
      const ok =
        billions === undefined
          ? got === undefined
          : got !== undefined && Math.abs(got - billions) / billions <= (r.size?.experts ? 0.05 : 1e-9);
      if (!ok) wrong.push(`${name}: ${got}B, expected ${billions}B`);
    }
    assert.deepEqual(wrong, []);
  });

  it('for names the catalog knows, the name-only estimate lands within its stated range of the catalog estimate', () => {
    const rows: string[] = [];
    const outside: string[] = [];
    const mismatched: string[] = [];
    let compared = 0;
    for (const [name] of NAMES) {
      const known = resolver.resolve(name);
      if (!known) continue;
      // A catalog match of another size is the resolver's mistake, not a model the catalog knows by this name.
      const named = readName(name).size?.params;
      if (named && Math.abs(Math.log(known.model.params / named)) > 0.25) {
        mismatched.push(`${name} → ${known.model.id}`);
        continue;
      }
      // Leave the model itself out, so its family's other members (or another family) supply the proportions.
      const guess = nameOnlyFacts(
        name,
        catalog.models.filter((m) => m.id !== known.model.id),
      );
      if (!guess) continue;
      // 4,096 tokens: within every model's trained context, so no runtime clamps one side and not the other.
      const exact = answerFit({ model: known.model, quant: q4, ctx: 4096, runtime: 'ollama' }, catalog, hardware).estimate.totalBytes;
      const approx = answerFit({ model: guess.model, quant: q4, ctx: 4096, runtime: 'ollama' }, catalog, hardware).estimate.totalBytes;
      const err = guess.provenance.approximate!.errorFraction;
      const off = Math.abs(approx - exact) / exact;
      compared++;
      rows.push(
        `${name.padEnd(45)} catalog ${(exact / GiB).toFixed(1)} GiB, name ${(approx / GiB).toFixed(1)} GiB, ${(off * 100).toFixed(0)}% (±${Math.round(err * 100)}%)`,
      );
      if (off > err) outside.push(rows[rows.length - 1]);
    }
    console.log(`      ${compared} names compared with the catalog:\n${rows.map((r) => `        ${r}`).join('\n')}`);
    if (mismatched.length) console.log(`      catalog matches of another size, left out: ${mismatched.join(', ')}`);
    assert.deepEqual(outside, []);
    assert.ok(compared >= 20, `only ${compared} names compared`);
  });

  it('every name resolves to some source; the share of each is printed', () => {
    const chain = createSourceChain([catalogSource(resolver, catalog), nameSource(catalog, resolver)], noFiles);
    const counts = new Map<string, number>();
    for (const [name] of NAMES) {
      const source = chain.resolve({ reference: name }).facts?.provenance.source ?? 'unknown';
      counts.set(source, (counts.get(source) ?? 0) + 1);
    }
    const share = [...counts.entries()].map(([s, n]) => `${s} ${n} (${Math.round((n / NAMES.length) * 100)}%)`).join(', ');
    console.log(`      names table (${NAMES.length} names), resolved by: ${share}`);
    assert.ok((counts.get('unknown') ?? 0) <= 2, share);
  });

  it('labels a guess approximate, with its error range, and never as the catalog', () => {
    const f = nameOnlyFacts('some-new-model:13b', catalog.models)!;
    assert.equal(f.provenance.source, 'name');
    assert.ok(f.provenance.approximate!.errorFraction > 0);
    assert.ok(Math.abs(f.model.params - 13e9) / 13e9 < 0.05, `${f.model.params}`);
    assert.equal(nameOnlyFacts('some-new-model', catalog.models), undefined, 'no size, no guess');
    assert.equal(nameOnlyFacts('7B', catalog.models), undefined, 'a bare size in prose is not a model');
    assert.equal(nameOnlyFacts('Qwen-7B', catalog.models)?.model.family, 'qwen2');
  });
});
