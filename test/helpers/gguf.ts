import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes GGUF files for tests: valid headers (version 3 by default) with no tensor data or a
 * few bytes of it, so fixtures of any architecture are made here rather than downloaded. Its
 * tables are written from ggml.h and ggml-common.h independently of the reader under test.
 */

type Scalar = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'bool' | 'string' | 'u64' | 'i64' | 'f64';
export type MetaValue = { t: Scalar; v: number | boolean | string } | { t: 'array'; of: Scalar; v: (number | boolean | string)[] };

const VALUE_TYPE: Record<Scalar | 'array', number> = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12,
};

export const u32 = (v: number): MetaValue => ({ t: 'u32', v });
export const f32 = (v: number): MetaValue => ({ t: 'f32', v });
export const str = (v: string): MetaValue => ({ t: 'string', v });
export const bool = (v: boolean): MetaValue => ({ t: 'bool', v });
export const arr = (of: Scalar, v: (number | boolean | string)[]): MetaValue => ({ t: 'array', of, v });

/** ggml type id, bytes per block, values per block. */
export const GGML: Record<string, { id: number; bytes: number; weights: number }> = {
  f32: { id: 0, bytes: 4, weights: 1 },
  f16: { id: 1, bytes: 2, weights: 1 },
  q4_0: { id: 2, bytes: 18, weights: 32 },
  q8_0: { id: 8, bytes: 34, weights: 32 },
  q4_k: { id: 12, bytes: 144, weights: 256 },
  q5_k: { id: 13, bytes: 176, weights: 256 },
  q6_k: { id: 14, bytes: 210, weights: 256 },
  iq4_xs: { id: 23, bytes: 136, weights: 256 },
  bf16: { id: 30, bytes: 2, weights: 1 },
  mxfp4: { id: 39, bytes: 17, weights: 32 },
};

export interface TensorSpec {
  name: string;
  /** ggml ne[]: row length first. */
  shape: number[];
  type: keyof typeof GGML;
}

export interface GgufSpec {
  version?: number;
  metadata: [string, MetaValue][];
  tensors: TensorSpec[];
  alignment?: number;
  /** Write this many bytes of (zero) tensor data after the header; none by default. */
  dataBytes?: number;
}

export function tensorBytes(t: TensorSpec): number {
  const g = GGML[t.type];
  return (t.shape.reduce((a, b) => a * b, 1) / g.weights) * g.bytes;
}

export function tensorSum(tensors: TensorSpec[]): number {
  return tensors.reduce((n, t) => n + tensorBytes(t), 0);
}

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer) {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.push(b);
  }
  u64(v: number | bigint) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  string(s: string) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  scalar(t: Scalar, v: number | boolean | string) {
    const b = Buffer.alloc(8);
    switch (t) {
      case 'u8':
        return this.push(Buffer.from([Number(v)]));
      case 'i8':
        b.writeInt8(Number(v));
        return this.push(b.subarray(0, 1));
      case 'u16':
        b.writeUInt16LE(Number(v));
        return this.push(b.subarray(0, 2));
      case 'i16':
        b.writeInt16LE(Number(v));
        return this.push(b.subarray(0, 2));
      case 'u32':
        return this.u32(Number(v));
      case 'i32':
        b.writeInt32LE(Number(v));
        return this.push(b.subarray(0, 4));
      case 'f32':
        b.writeFloatLE(Number(v));
        return this.push(b.subarray(0, 4));
      case 'bool':
        return this.push(Buffer.from([v ? 1 : 0]));
      case 'string':
        return this.string(String(v));
      case 'u64':
        return this.u64(Number(v));
      case 'i64':
        b.writeBigInt64LE(BigInt(Number(v)));
        return this.push(b);
      case 'f64':
        b.writeDoubleLE(Number(v));
        return this.push(b);
    }
  }
  done(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A GGUF file's bytes. */
export function writeGguf(spec: GgufSpec): Buffer {
  const w = new Writer();
  w.push(Buffer.from('GGUF', 'ascii'));
  w.u32(spec.version ?? 3);
  w.u64(spec.tensors.length);
  w.u64(spec.metadata.length);
  for (const [key, value] of spec.metadata) {
    w.string(key);
    w.u32(VALUE_TYPE[value.t]);
    if (value.t === 'array') {
      w.u32(VALUE_TYPE[value.of]);
      w.u64(value.v.length);
      for (const x of value.v) w.scalar(value.of, x);
    } else w.scalar(value.t, value.v);
  }
  let offset = 0;
  const align = spec.alignment ?? 32;
  for (const t of spec.tensors) {
    w.string(t.name);
    w.u32(t.shape.length);
    for (const d of t.shape) w.u64(d);
    w.u32(GGML[t.type].id);
    w.u64(offset);
    offset += Math.ceil(tensorBytes(t) / align) * align;
  }
  const pad = (align - (w.length % align)) % align;
  w.push(Buffer.alloc(pad + (spec.dataBytes ?? 0)));
  return w.done();
}

/** A model fixture: the file's spec and what its header says about the KV cache. */
export interface ModelFixture {
  name: string;
  spec: GgufSpec;
  /** f16 KV bytes at `ctx` cells per full-attention layer, as the metadata implies (llama.cpp, one sequence). */
  kvBytes(ctx: number, microBatch?: number): number;
}

const pad256 = (n: number) => Math.ceil(n / 256) * 256;

function denseLayers(
  layers: number,
  hidden: number,
  q: number,
  kv: number,
  ff: number,
  type: TensorSpec['type'],
  down: TensorSpec['type'] = type,
): TensorSpec[] {
  const out: TensorSpec[] = [];
  for (let i = 0; i < layers; i++) {
    out.push(
      { name: `blk.${i}.attn_norm.weight`, shape: [hidden], type: 'f32' },
      { name: `blk.${i}.attn_q.weight`, shape: [hidden, q], type },
      { name: `blk.${i}.attn_k.weight`, shape: [hidden, kv], type },
      { name: `blk.${i}.attn_v.weight`, shape: [hidden, kv], type },
      { name: `blk.${i}.attn_output.weight`, shape: [q, hidden], type },
      { name: `blk.${i}.ffn_norm.weight`, shape: [hidden], type: 'f32' },
      { name: `blk.${i}.ffn_gate.weight`, shape: [hidden, ff], type },
      { name: `blk.${i}.ffn_up.weight`, shape: [hidden, ff], type },
      { name: `blk.${i}.ffn_down.weight`, shape: [ff, hidden], type: down },
    );
  }
  return out;
}

const common = (arch: string, name: string, fileType: number): [string, MetaValue][] => [
  ['general.architecture', str(arch)],
  ['general.name', str(name)],
  ['general.file_type', u32(fileType)],
  ['general.alignment', u32(32)],
];

/** Dense with grouped-query attention (a Llama): 8 query heads share 2 KV heads. */
export function denseGqa(): ModelFixture {
  const [L, h, heads, kv, hd, ff, vocab] = [4, 512, 8, 2, 64, 1024, 2048];
  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', shape: [h, vocab], type: 'q4_k' },
    { name: 'output_norm.weight', shape: [h], type: 'f32' },
    { name: 'output.weight', shape: [h, vocab], type: 'q6_k' },
    ...denseLayers(L, h, heads * hd, kv * hd, ff, 'q4_k', 'q6_k'),
  ];
  return {
    name: 'Tiny-Llama-GQA',
    spec: {
      metadata: [
        ...common('llama', 'Tiny Llama GQA', 15),
        ['llama.block_count', u32(L)],
        ['llama.context_length', u32(8192)],
        ['llama.embedding_length', u32(h)],
        ['llama.feed_forward_length', u32(ff)],
        ['llama.attention.head_count', u32(heads)],
        ['llama.attention.head_count_kv', u32(kv)],
        ['llama.rope.freq_base', f32(500000)],
        ['llama.vocab_size', u32(vocab)],
        ['tokenizer.ggml.model', str('gpt2')],
        [
          'tokenizer.ggml.tokens',
          arr(
            'string',
            Array.from({ length: 300 }, (_, i) => `t${i}`),
          ),
        ],
      ],
      tensors,
    },
    kvBytes: (ctx) => L * kv * (hd + hd) * pad256(ctx) * 2,
  };
}

/** Sliding-window attention (a Gemma 3): 5 of every 6 layers see a 128-token window; tied embeddings. */
export function slidingWindow(): ModelFixture {
  const [L, h, heads, kv, hd, ff, vocab, window] = [6, 512, 4, 1, 256, 1024, 1024, 128];
  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', shape: [h, vocab], type: 'q8_0' },
    { name: 'output_norm.weight', shape: [h], type: 'f32' },
    ...denseLayers(L, h, heads * hd, kv * hd, ff, 'q8_0'),
  ];
  return {
    name: 'Tiny-Gemma3-SWA',
    spec: {
      metadata: [
        ...common('gemma3', 'Tiny Gemma3 SWA', 7),
        ['gemma3.block_count', u32(L)],
        ['gemma3.context_length', u32(32768)],
        ['gemma3.embedding_length', u32(h)],
        ['gemma3.feed_forward_length', u32(ff)],
        ['gemma3.attention.head_count', u32(heads)],
        ['gemma3.attention.head_count_kv', u32(kv)],
        ['gemma3.attention.key_length', u32(hd)],
        ['gemma3.attention.value_length', u32(hd)],
        ['gemma3.attention.sliding_window', u32(window)],
      ],
      tensors,
    },
    // llama.cpp keeps window + micro-batch cells (padded) in the sliding layers, the whole context in the global one.
    kvBytes: (ctx, ub = 512) => 5 * kv * 2 * hd * pad256(Math.min(pad256(ctx), window + ub)) * 2 + 1 * kv * 2 * hd * pad256(ctx) * 2,
  };
}

/** Mixture of experts (a Qwen3 MoE): 8 experts, 2 active, stacked in 3-D tensors. */
export function moe(): ModelFixture {
  const [L, h, heads, kv, hd, eff, experts, vocab] = [4, 512, 8, 4, 128, 256, 8, 1024];
  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', shape: [h, vocab], type: 'q4_k' },
    { name: 'output_norm.weight', shape: [h], type: 'f32' },
    { name: 'output.weight', shape: [h, vocab], type: 'q6_k' },
  ];
  for (let i = 0; i < L; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, shape: [h], type: 'f32' },
      { name: `blk.${i}.attn_q.weight`, shape: [h, heads * hd], type: 'q4_k' },
      { name: `blk.${i}.attn_k.weight`, shape: [h, kv * hd], type: 'q4_k' },
      { name: `blk.${i}.attn_v.weight`, shape: [h, kv * hd], type: 'q6_k' },
      { name: `blk.${i}.attn_output.weight`, shape: [heads * hd, h], type: 'q4_k' },
      { name: `blk.${i}.attn_q_norm.weight`, shape: [hd], type: 'f32' },
      { name: `blk.${i}.attn_k_norm.weight`, shape: [hd], type: 'f32' },
      { name: `blk.${i}.ffn_norm.weight`, shape: [h], type: 'f32' },
      { name: `blk.${i}.ffn_gate_inp.weight`, shape: [h, experts], type: 'f32' },
      { name: `blk.${i}.ffn_gate_exps.weight`, shape: [h, eff, experts], type: 'q4_k' },
      { name: `blk.${i}.ffn_up_exps.weight`, shape: [h, eff, experts], type: 'q4_k' },
      { name: `blk.${i}.ffn_down_exps.weight`, shape: [eff, h, experts], type: 'q6_k' },
    );
  }
  return {
    name: 'Tiny-Qwen3-MoE',
    spec: {
      metadata: [
        ...common('qwen3moe', 'Tiny Qwen3 MoE', 15),
        ['qwen3moe.block_count', u32(L)],
        ['qwen3moe.context_length', u32(40960)],
        ['qwen3moe.embedding_length', u32(h)],
        ['qwen3moe.feed_forward_length', u32(1024)],
        ['qwen3moe.attention.head_count', u32(heads)],
        ['qwen3moe.attention.head_count_kv', u32(kv)],
        ['qwen3moe.attention.key_length', u32(hd)],
        ['qwen3moe.attention.value_length', u32(hd)],
        ['qwen3moe.expert_count', u32(experts)],
        ['qwen3moe.expert_used_count', u32(2)],
        ['qwen3moe.expert_feed_forward_length', u32(eff)],
      ],
      tensors,
    },
    kvBytes: (ctx) => L * kv * (hd + hd) * pad256(ctx) * 2,
  };
}

/** Multi-head latent attention (a DeepSeek V3): the cache holds the 256 + 64 latent, no V. */
export function mla(): ModelFixture {
  const [L, h, heads, kvLora, qLora, rope, nope, vDim, vocab] = [3, 512, 4, 256, 384, 64, 128, 128, 1024];
  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', shape: [h, vocab], type: 'q8_0' },
    { name: 'output_norm.weight', shape: [h], type: 'f32' },
    { name: 'output.weight', shape: [h, vocab], type: 'q8_0' },
  ];
  for (let i = 0; i < L; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, shape: [h], type: 'f32' },
      { name: `blk.${i}.attn_q_a.weight`, shape: [h, qLora], type: 'q8_0' },
      { name: `blk.${i}.attn_q_a_norm.weight`, shape: [qLora], type: 'f32' },
      { name: `blk.${i}.attn_q_b.weight`, shape: [qLora, heads * (nope + rope)], type: 'q8_0' },
      { name: `blk.${i}.attn_kv_a_mqa.weight`, shape: [h, kvLora + rope], type: 'q8_0' },
      { name: `blk.${i}.attn_kv_a_norm.weight`, shape: [kvLora], type: 'f32' },
      { name: `blk.${i}.attn_k_b.weight`, shape: [nope, kvLora, heads], type: 'q8_0' },
      { name: `blk.${i}.attn_v_b.weight`, shape: [kvLora, vDim, heads], type: 'q8_0' },
      { name: `blk.${i}.attn_output.weight`, shape: [heads * vDim, h], type: 'q8_0' },
      { name: `blk.${i}.ffn_norm.weight`, shape: [h], type: 'f32' },
    );
    if (i === 0) {
      tensors.push(
        { name: `blk.${i}.ffn_gate.weight`, shape: [h, 1024], type: 'q8_0' },
        { name: `blk.${i}.ffn_up.weight`, shape: [h, 1024], type: 'q8_0' },
        { name: `blk.${i}.ffn_down.weight`, shape: [1024, h], type: 'q8_0' },
      );
    } else {
      tensors.push(
        { name: `blk.${i}.ffn_gate_inp.weight`, shape: [h, 4], type: 'f32' },
        { name: `blk.${i}.ffn_gate_exps.weight`, shape: [h, 256, 4], type: 'q8_0' },
        { name: `blk.${i}.ffn_up_exps.weight`, shape: [h, 256, 4], type: 'q8_0' },
        { name: `blk.${i}.ffn_down_exps.weight`, shape: [256, h, 4], type: 'q8_0' },
        { name: `blk.${i}.ffn_gate_shexp.weight`, shape: [h, 256], type: 'q8_0' },
        { name: `blk.${i}.ffn_up_shexp.weight`, shape: [h, 256], type: 'q8_0' },
        { name: `blk.${i}.ffn_down_shexp.weight`, shape: [256, h], type: 'q8_0' },
      );
    }
  }
  return {
    name: 'Tiny-DeepSeek-MLA',
    spec: {
      metadata: [
        ...common('deepseek2', 'Tiny DeepSeek MLA', 7),
        ['deepseek2.block_count', u32(L)],
        ['deepseek2.context_length', u32(163840)],
        ['deepseek2.embedding_length', u32(h)],
        ['deepseek2.feed_forward_length', u32(1024)],
        ['deepseek2.attention.head_count', u32(heads)],
        ['deepseek2.attention.head_count_kv', u32(1)],
        ['deepseek2.attention.key_length', u32(kvLora + rope)],
        ['deepseek2.attention.value_length', u32(kvLora)],
        ['deepseek2.attention.key_length_mla', u32(nope + rope)],
        ['deepseek2.attention.value_length_mla', u32(vDim)],
        ['deepseek2.attention.q_lora_rank', u32(qLora)],
        ['deepseek2.attention.kv_lora_rank', u32(kvLora)],
        ['deepseek2.rope.dimension_count', u32(rope)],
        ['deepseek2.leading_dense_block_count', u32(1)],
        ['deepseek2.expert_count', u32(4)],
        ['deepseek2.expert_used_count', u32(2)],
        ['deepseek2.expert_shared_count', u32(1)],
        ['deepseek2.expert_feed_forward_length', u32(256)],
      ],
      tensors,
    },
    kvBytes: (ctx) => L * (kvLora + rope) * pad256(ctx) * 2,
  };
}

/** An architecture no catalog knows: only the generic `<arch>.*` keys describe it. */
export function unknownArchitecture(): ModelFixture {
  const [L, h, heads, kv, hd, vhd, ff, vocab] = [5, 384, 6, 3, 96, 64, 768, 512];
  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', shape: [h, vocab], type: 'f16' },
    { name: 'output_norm.weight', shape: [h], type: 'f32' },
    { name: 'output.weight', shape: [h, vocab], type: 'f16' },
  ];
  for (let i = 0; i < L; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, shape: [h], type: 'f32' },
      { name: `blk.${i}.attn_q.weight`, shape: [h, heads * hd], type: 'q8_0' },
      { name: `blk.${i}.attn_k.weight`, shape: [h, kv * hd], type: 'q8_0' },
      { name: `blk.${i}.attn_v.weight`, shape: [h, kv * vhd], type: 'q8_0' },
      { name: `blk.${i}.attn_output.weight`, shape: [heads * vhd, h], type: 'q8_0' },
      { name: `blk.${i}.ffn_up.weight`, shape: [h, ff], type: 'q8_0' },
      { name: `blk.${i}.ffn_down.weight`, shape: [ff, h], type: 'q8_0' },
      { name: `blk.${i}.mixer.weight`, shape: [h, 3], type: 'f32' },
    );
  }
  return {
    name: 'futurenet-2b',
    spec: {
      version: 2,
      metadata: [
        ['general.architecture', str('futurenet')],
        ['general.file_type', u32(7)],
        ['futurenet.block_count', u32(L)],
        ['futurenet.context_length', u32(65536)],
        ['futurenet.embedding_length', u32(h)],
        ['futurenet.feed_forward_length', u32(ff)],
        ['futurenet.attention.head_count', u32(heads)],
        ['futurenet.attention.head_count_kv', u32(kv)],
        ['futurenet.attention.key_length', u32(hd)],
        ['futurenet.attention.value_length', u32(vhd)],
      ],
      tensors,
    },
    kvBytes: (ctx) => L * kv * (hd + vhd) * pad256(ctx) * 2,
  };
}

export const ALL_FIXTURES = [denseGqa, slidingWindow, moe, mla, unknownArchitecture];

/** Splits a fixture's tensors over `parts` files as gguf-split names them; metadata in every part. */
export function writeSplit(dir: string, base: string, f: ModelFixture, parts: number): string[] {
  const per = Math.ceil(f.spec.tensors.length / parts);
  const files: string[] = [];
  for (let i = 0; i < parts; i++) {
    const file = path.join(dir, `${base}-${String(i + 1).padStart(5, '0')}-of-${String(parts).padStart(5, '0')}.gguf`);
    const meta: [string, MetaValue][] = [
      ...(i === 0 ? f.spec.metadata : [['general.architecture', str('llama')] as [string, MetaValue]]),
      ['split.no', { t: 'u16', v: i }],
      ['split.count', { t: 'u16', v: parts }],
    ];
    fs.writeFileSync(file, writeGguf({ ...f.spec, metadata: meta, tensors: f.spec.tensors.slice(i * per, (i + 1) * per) }));
    files.push(file);
  }
  return files;
}

/** A vision projector file (clip) with a few tensors. */
export function projectorSpec(): GgufSpec {
  return {
    metadata: [
      ['general.architecture', str('clip')],
      ['general.file_type', u32(1)],
    ],
    tensors: [
      { name: 'v.patch_embd.weight', shape: [256, 512], type: 'f16' },
      { name: 'mm.0.weight', shape: [512, 512], type: 'f16' },
    ],
  };
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** An Ollama models folder with one pulled tag: manifest → model blob (+ params, + projector). */
export function writeOllamaStore(
  root: string,
  name: string,
  tag: string,
  model: Buffer,
  extra: { params?: Record<string, unknown>; projector?: Buffer } = {},
): { modelBlob: string } {
  const blobs = path.join(root, 'blobs');
  fs.mkdirSync(blobs, { recursive: true });
  const blob = (b: Buffer | string, mediaType: string) => {
    const hex = sha256(b);
    fs.writeFileSync(path.join(blobs, `sha256-${hex}`), b);
    return { mediaType, digest: `sha256:${hex}`, size: Buffer.byteLength(b) };
  };
  const layers = [blob(model, 'application/vnd.ollama.image.model')];
  if (extra.projector) layers.push(blob(extra.projector, 'application/vnd.ollama.image.projector'));
  if (extra.params) layers.push(blob(JSON.stringify(extra.params), 'application/vnd.ollama.image.params'));
  const config = blob('{}', 'application/vnd.docker.container.image.v1+json');
  const [ns, model_] = name.includes('/') ? name.split('/') : ['library', name];
  const dir = path.join(root, 'manifests', 'registry.ollama.ai', ns, model_);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, tag),
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config, layers }),
  );
  return { modelBlob: path.join(blobs, `sha256-${layers[0].digest.slice(7)}`) };
}

/** A Hugging Face hub cache entry: refs/main → snapshots/<commit>/ with the given files (blobs linked as the hub does). */
export function writeHfCache(hub: string, repo: string, files: Record<string, Buffer | string>): string {
  const dir = path.join(hub, `models--${repo.replace('/', '--')}`);
  const commit = sha256(repo).slice(0, 40);
  const snap = path.join(dir, 'snapshots', commit);
  fs.mkdirSync(snap, { recursive: true });
  fs.mkdirSync(path.join(dir, 'refs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'blobs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'refs', 'main'), commit);
  for (const [name, content] of Object.entries(files)) {
    const blob = path.join(dir, 'blobs', sha256(content));
    fs.writeFileSync(blob, content);
    fs.symlinkSync(path.relative(snap, blob), path.join(snap, name));
  }
  return snap;
}

/** A safetensors file holding only a header (the reader never needs the data): tensors of `bytes` each. */
export function safetensorsHeader(tensors: Record<string, { dtype: string; shape: number[]; bytes: number }>): Buffer {
  let at = 0;
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + t.bytes] };
    at += t.bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json]);
}

/** An LM Studio models folder: <publisher>/<repo>/<file>.gguf. */
export function writeLmStudio(root: string, repo: string, file: string, bytes: Buffer): string {
  const dir = path.join(root, ...repo.split('/'));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), bytes);
  return path.join(dir, file);
}
