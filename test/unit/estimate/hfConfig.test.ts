import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HfConfigError, parseHfConfig } from '../../../server/src/engine/configs/hfConfig';

const config = (name: string) => fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'calibration', 'configs', name), 'utf8');

describe('parseHfConfig', () => {
  it('reads a dense GQA model: KV heads, head dim, untied output, dtype', () => {
    const r = parseHfConfig(config('Meta-Llama-3.1-8B.json'));
    assert.equal(r.architecture.kvHeads, 8);
    assert.equal(r.architecture.headDim, 128);
    assert.equal(r.architecture.tiedEmbeddings, false);
    assert.equal(r.architecture.contextLength, 131072);
    assert.equal(r.dtype, 'bf16');
    assert.equal(r.params, 8030261248);
  });

  it('reads MoE experts, their FFN size and the active parameters', () => {
    const r = parseHfConfig(config('Qwen3-30B-A3B.json'));
    assert.deepEqual(
      { total: r.architecture.experts!.total, active: r.architecture.experts!.active, intermediate: r.architecture.experts!.intermediate },
      { total: 128, active: 8, intermediate: 768 },
    );
    assert.ok(r.activeParams! > 3.0e9 && r.activeParams! < 3.4e9, `${r.activeParams}`);
  });

  it('reads MLA (DeepSeek V3) with its dense leading layers and shared expert', () => {
    const r = parseHfConfig(config('DeepSeek-V3.json'));
    assert.deepEqual(r.architecture.mla, { kvLoraRank: 512, qLoraRank: 1536, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128 });
    assert.equal(r.architecture.experts!.denseLayers, 3);
    assert.equal(r.architecture.experts!.shared, 1);
    assert.ok(Math.abs(r.params - 671e9) / 671e9 < 0.001, `${r.params}`);
  });

  it('reads sliding-window layouts: Gemma 2 alternates, gpt-oss from layer_types; Qwen with use_sliding_window off has none', () => {
    assert.deepEqual(parseHfConfig(config('gemma-2-9b-it.json')).architecture.slidingWindow, { window: 4096, period: 2, global: 1 });
    assert.deepEqual(parseHfConfig(config('gpt-oss-20b.json')).architecture.slidingWindow, { window: 128, period: 2, global: 1 });
    assert.equal(parseHfConfig(config('Qwen3-30B-A3B.json')).architecture.slidingWindow, undefined);
    assert.equal(parseHfConfig(config('gemma-2-9b-it.json')).architecture.tiedEmbeddings, true);
  });

  it('reads the language model of a multimodal wrapper from text_config and quantization_config', () => {
    const text = JSON.stringify({
      model_type: 'wrapper',
      quantization_config: { quant_method: 'awq', bits: 4, group_size: 128 },
      text_config: {
        model_type: 'llama',
        num_hidden_layers: 2,
        hidden_size: 256,
        num_attention_heads: 4,
        num_key_value_heads: 2,
        intermediate_size: 512,
        vocab_size: 1000,
        max_position_embeddings: 2048,
      },
    });
    const r = parseHfConfig(text);
    assert.equal(r.modelType, 'llama');
    assert.equal(r.architecture.headDim, 64);
    assert.deepEqual(r.quantization, { method: 'awq', bits: 4, groupSize: 128 });
    // 2 × (q 256² + k,v 256·128 each + o 256² + 3 · 256·512 + 2 norms) + 2 embeddings + final norm
    assert.equal(r.params, 2 * (65536 + 2 * 32768 + 65536 + 393216 + 512) + 2 * 256000 + 256);
  });

  it('sizes the recurrent state of a Gated DeltaNet hybrid as llama.cpp does (Qwen3-Next shapes)', () => {
    const r = parseHfConfig(
      JSON.stringify({
        model_type: 'qwen3_next',
        num_hidden_layers: 48,
        hidden_size: 2048,
        num_attention_heads: 16,
        num_key_value_heads: 2,
        head_dim: 256,
        intermediate_size: 5120,
        vocab_size: 151936,
        max_position_embeddings: 262144,
        full_attention_interval: 4,
        linear_conv_kernel_dim: 4,
        linear_key_head_dim: 128,
        linear_value_head_dim: 128,
        linear_num_key_heads: 16,
        linear_num_value_heads: 32,
      }),
    );
    assert.equal(r.architecture.recurrentLayers, 36);
    // conv (4 − 1) × (4096 + 2 · 16 · 128) + state 128 × 4096, in f32
    assert.equal(r.architecture.recurrentStateBytes, 4 * (3 * (4096 + 4096) + 128 * 4096));
  });

  it('explains what is missing or malformed', () => {
    assert.throws(() => parseHfConfig('{not json'), HfConfigError);
    assert.throws(() => parseHfConfig('[1,2]'), /JSON object/);
    assert.throws(() => parseHfConfig('{"num_hidden_layers": 2, "hidden_size": 64}'), /attention head count/);
    assert.throws(
      () => parseHfConfig('{"num_hidden_layers":2,"hidden_size":64,"num_attention_heads":4,"vocab_size":10,"num_local_experts":8}'),
      /active/,
    );
    assert.throws(() => parseHfConfig('{"num_hidden_layers":2,"hidden_size":100,"num_attention_heads":3,"vocab_size":10}'), /head_dim/);
  });

  it('reads Llama 4 interleaving: MoE on every second layer, a shared expert, dense layers with intermediate_size_mlp', () => {
    // The text_config keys of meta-llama/Llama-4-Maverick-17B-128E-Instruct that shape the weights.
    const maverick = JSON.stringify({
      model_type: 'llama4',
      text_config: {
        model_type: 'llama4_text',
        num_hidden_layers: 48,
        hidden_size: 5120,
        num_attention_heads: 40,
        num_key_value_heads: 8,
        head_dim: 128,
        intermediate_size: 8192,
        intermediate_size_mlp: 16384,
        interleave_moe_layer_step: 2,
        num_local_experts: 128,
        num_experts_per_tok: 1,
        vocab_size: 202048,
        max_position_embeddings: 1048576,
        tie_word_embeddings: false,
      },
    });
    const r = parseHfConfig(maverick);
    const e = r.architecture.experts!;
    assert.equal(e.layerStep, 2);
    assert.equal(e.shared, 1);
    assert.equal(e.intermediate, 8192);
    assert.equal(r.architecture.intermediate, 16384);
    // Meta: 400B total, 17B active counting the embedding table, which the active count here leaves out (a lookup).
    assert.ok(Math.abs(r.params / 400e9 - 1) < 0.01, `${r.params / 1e9}B`);
    const activeWithTable = r.activeParams! + 202048 * 5120;
    assert.ok(Math.abs(activeWithTable / 17e9 - 1) < 0.02, `${activeWithTable / 1e9}B active`);
  });

  it('reads BERT-family encoders with a two-matrix FFN (no gate projection)', () => {
    // The XLM-RoBERTa shapes of BAAI/bge-m3 (config quoted in vllm-project/vllm#25865).
    const bgeM3 = JSON.stringify({
      architectures: ['XLMRobertaModel'],
      model_type: 'xlm-roberta',
      hidden_size: 1024,
      intermediate_size: 4096,
      num_attention_heads: 16,
      num_hidden_layers: 24,
      max_position_embeddings: 8194,
      vocab_size: 250002,
    });
    const r = parseHfConfig(bgeM3);
    assert.equal(r.architecture.ungatedFfn, true);
    // 568M officially, with the position table and biases this count leaves out; a gated FFN would give 660M.
    assert.ok(r.params > 550e6 && r.params < 570e6, `${r.params / 1e6}M`);
  });
});

describe('parseHfConfig bounds (issue 11, item 2)', () => {
  const base = JSON.parse(config('Meta-Llama-3.1-8B.json')) as Record<string, unknown>;
  const withKeys = (patch: Record<string, unknown>) => JSON.stringify({ ...base, ...patch });
  const rejects = (patch: Record<string, unknown>, message: RegExp) =>
    assert.throws(
      () => parseHfConfig(withKeys(patch)),
      (e: unknown) => e instanceof HfConfigError && message.test(e.message),
    );

  it('rejects a layer count past its documented maximum quickly, without allocating for it', () => {
    const started = performance.now();
    rejects({ num_hidden_layers: 1e8 }, /num_hidden_layers must be a whole number from 1 to 1024, got 100000000/);
    assert.ok(performance.now() - started < 100);
  });

  it('rejects fractional, negative, zero and non-numeric sizes with the key named', () => {
    rejects({ num_hidden_layers: 2.5 }, /num_hidden_layers must be a whole number .* got 2\.5/);
    rejects({ intermediate_size: -14336 }, /intermediate_size must be a whole number from 1 .* got -14336/);
    rejects({ num_key_value_heads: 0 }, /num_key_value_heads must be/);
    rejects({ num_key_value_heads: 64 }, /num_key_value_heads must be a whole number from 1 to 32/);
    rejects({ hidden_size: '4096' }, /hidden_size must be a whole number .* got a string/);
    rejects({ max_position_embeddings: 1e300 }, /max_position_embeddings must be/);
    rejects({ num_local_experts: 1e9, num_experts_per_tok: 2 }, /num_local_experts must be/);
  });

  it('still reads every calibration config', () => {
    const dir = path.join(process.cwd(), 'test', 'fixtures', 'calibration', 'configs');
    for (const f of fs.readdirSync(dir)) assert.ok(parseHfConfig(fs.readFileSync(path.join(dir, f), 'utf8')).params > 0, f);
  });
});
