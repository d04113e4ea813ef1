import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { estimateMemory } from '../../../server/src/engine/estimate/estimateMemory';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { GgufError, GGUF_LIMITS, parseGgufHeader, type ByteReader } from '../../../server/src/engine/sources/gguf';
import { factsFromGguf } from '../../../server/src/engine/sources/ggufFacts';
import { GiB } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';
import { ALL_FIXTURES, denseGqa, str, tensorSum, u32, writeGguf } from '../../helpers/gguf';

export const bufferReader = (b: Uint8Array): ByteReader => ({ size: b.length, read: (o, n) => b.subarray(o, Math.min(b.length, o + n)) });
const hardware: Hardware = {
  source: 'setting',
  devices: [{ name: 'GPU 24', vendor: 'nvidia', totalBytes: 24 * GiB, unified: false, bandwidthGBs: 1000 }],
  ramBytes: 64 * GiB,
};

describe('GGUF header reader', () => {
  for (const make of ALL_FIXTURES) {
    const f = make();
    it(`${f.name}: weights are the tensors' exact sum and the KV cache follows the metadata`, () => {
      const header = parseGgufHeader(bufferReader(writeGguf(f.spec)));
      assert.equal(header.tensors.length, f.spec.tensors.length);
      const facts = factsFromGguf(
        { header, tensors: header.tensors, fallbackName: f.name, provenance: { source: 'gguf-file' } },
        testCatalog(),
      );
      const e = estimateMemory({
        model: facts.model,
        quant: facts.quant,
        ctx: 4096,
        runtime: 'llama.cpp',
        flashAttention: true,
        kvType: 'f16',
        parallel: 1,
        hardware,
        exactWeights: { modelId: facts.model.id, quantId: facts.quant.id, breakdown: facts.weights },
      });
      assert.equal(e.weightsBytes, tensorSum(f.spec.tensors));
      assert.equal(e.kvCacheBytes, f.kvBytes(4096));
      assert.equal(
        facts.model.params,
        f.spec.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0),
      );
    });
  }

  it('reads general.file_type as the quantization, and tied embeddings from a missing output.weight', () => {
    const f = denseGqa();
    const h = parseGgufHeader(bufferReader(writeGguf(f.spec)));
    const facts = factsFromGguf({ header: h, tensors: h.tensors, fallbackName: 'x', provenance: { source: 'gguf-file' } }, testCatalog());
    assert.equal(facts.quant.id, 'Q4_K_M');
    assert.equal(facts.model.architecture.tiedEmbeddings, false);
    assert.equal(facts.model.architecture.kvHeads, 2);
    assert.equal(facts.model.architecture.contextLength, 8192);
    assert.equal(facts.model.family, 'llama');
  });

  it('keeps counts from the file but skips long arrays and strings', () => {
    const h = parseGgufHeader(bufferReader(writeGguf(denseGqa().spec)));
    assert.deepEqual(h.metadata.get('general.name'), 'Tiny Llama GQA');
    assert.equal((h.metadata.get('tokenizer.ggml.tokens') as string[]).length, 300);
    assert.equal(h.dataOffset % 32, 0);
  });

  const bad: [string, () => Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), /too short/],
    ['another format', () => Buffer.from('PK\u0003\u0004 not a gguf file'), /does not start with "GGUF"/],
    ['version 1', () => withVersion(1), /version 1/],
    ['big-endian', () => withVersion(0x03000000), /big-endian/],
    ['a header cut inside its tensor list', () => cut(writeGguf(denseGqa().spec), 400), /truncated GGUF header/],
    ['a header cut inside its metadata', () => cut(writeGguf(denseGqa().spec), 3000), /truncated GGUF header|more than the file/],
    ['a tensor count past the end', () => withCounts(1_000, 0), /more than the file's .* bytes can hold/],
    ['a tensor count over the limit', () => withCounts(GGUF_LIMITS.tensors + 1, 0), /over the limit/],
    ['a metadata count past the end', () => withCounts(0, 60_000), /more than the file/],
    ['a string length past the end', () => stringLength(2 ** 40), /over the limit|truncated/],
    ['an array of 2^24+1 elements', () => arrayLength(2 ** 24 + 1), /over the limit/],
    ['an array longer than the file', () => arrayLength(1_000_000), /past the end of the header/],
    ['an unknown tensor type', () => tensorType(77), /ggml type 77/],
    ['a row that is not whole blocks', () => rowLength(100), /not a whole number of q4_k blocks/],
    ['five dimensions', () => dims(5), /5 dimensions/],
  ];
  for (const [what, make, message] of bad) {
    it(`refuses ${what} with a clear message`, () => {
      assert.throws(
        () => parseGgufHeader(bufferReader(make())),
        (e: Error) => e instanceof GgufError && message.test(e.message),
      );
    });
  }

  it('property: arbitrary bytes after a valid prefix never hang, never allocate wildly, fail only with GgufError (10,000 cases)', () => {
    const valid = writeGguf(denseGqa().spec);
    let runs = 0;
    let parsed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length }),
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.uint8Array({ maxLength: 64 }),
        (cut, flips, tail) => {
          runs++;
          const bytes = Buffer.concat([valid.subarray(0, cut), Buffer.from(tail)]);
          for (const [at, v] of flips) if (at < bytes.length) bytes[at] = v;
          let read = 0;
          const reader: ByteReader = {
            size: bytes.length,
            read: (o, n) => {
              read += n;
              return bytes.subarray(o, Math.min(bytes.length, o + n));
            },
          };
          try {
            const h = parseGgufHeader(reader);
            parsed++;
            for (const t of h.tensors) assert.ok(Number.isSafeInteger(t.bytes) || t.bytes >= 0);
          } catch (e) {
            if (!(e instanceof GgufError)) throw e;
          }
          // Reads are bounded by the file, however large the counts inside it claim to be.
          assert.ok(read <= bytes.length + 65_536 * 4, `read ${read} of ${bytes.length}`);
        },
      ),
      { numRuns: 10_000, seed: 9 },
    );
    console.log(`      GGUF property: ${runs} cases, ${parsed} parsed, ${runs - parsed} refused with a GgufError`);
    assert.ok(runs >= 10_000);
  });

  it('property: any metadata the writer can express reads back as written (2,000 cases)', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_.]{0,20}$/), fc.oneof(fc.nat(2 ** 31), fc.string({ maxLength: 40 }))),
        fc.constantFrom(2, 3),
        (meta, version) => {
          runs++;
          const entries = Object.entries(meta).map(([k, v]) => [k, typeof v === 'number' ? u32(v) : str(v)] as const);
          const h = parseGgufHeader(bufferReader(writeGguf({ version, metadata: entries.map(([k, v]) => [k, v]), tensors: [] })));
          for (const [k, v] of Object.entries(meta)) assert.deepEqual(h.metadata.get(k), v);
        },
      ),
      { numRuns: 2_000, seed: 3 },
    );
    console.log(`      GGUF round-trip property: ${runs} cases`);
  });
});

/** The file without its last `n` bytes (the header's end, here: there is no tensor data). */
function cut(b: Uint8Array, n: number): Uint8Array {
  return b.subarray(0, b.length - n);
}
function header(): Buffer {
  return Buffer.from(writeGguf({ metadata: [['general.architecture', str('llama')]], tensors: [] }));
}
function withVersion(v: number): Buffer {
  const b = header();
  b.writeUInt32LE(v, 4);
  return b;
}
function withCounts(tensors: number, kv: number): Buffer {
  const b = header();
  b.writeBigUInt64LE(BigInt(tensors), 8);
  b.writeBigUInt64LE(BigInt(kv), 16);
  return b;
}
function stringLength(n: number): Buffer {
  const b = header();
  b.writeBigUInt64LE(BigInt(n), 24); // the first key's length
  return b;
}
function arrayLength(n: number): Buffer {
  const b = Buffer.from(writeGguf({ metadata: [['a', { t: 'array', of: 'u32', v: [1, 2, 3] }]], tensors: [] }));
  // magic 4, version 4, counts 16, key length 8 + "a", type 4, element type 4, then the length
  b.writeBigUInt64LE(BigInt(n), 24 + 8 + 1 + 4 + 4);
  return b;
}
function tensorSpec(over: { type?: number; row?: number; dims?: number }): Buffer {
  const b = Buffer.from(writeGguf({ metadata: [], tensors: [{ name: 'w', shape: [256, 2], type: 'q4_k' }] }));
  // magic, version, counts (24), name length 8 + "w", dims u32 at 33, shape at 37 and 45, type at 53
  if (over.dims !== undefined) b.writeUInt32LE(over.dims, 33);
  if (over.row !== undefined) b.writeBigUInt64LE(BigInt(over.row), 37);
  if (over.type !== undefined) b.writeUInt32LE(over.type, 53);
  return b;
}
const tensorType = (t: number) => tensorSpec({ type: t });
const rowLength = (n: number) => tensorSpec({ row: n });
const dims = (n: number) => tensorSpec({ dims: n });
