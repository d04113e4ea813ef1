import { tensorType } from './ggufTypes';
import { decodeUtf8 } from './utf8';

/**
 * A GGUF header reader (ggml/docs/gguf.md, versions 2 and 3, little-endian). It is given a
 * bounded byte reader and reads only the header: magic, version, counts, metadata and tensor
 * infos; never the tensor data. Every count is checked against the bytes that remain before
 * anything is allocated for it, so a hostile or truncated file fails with a message instead of
 * a hang or a huge allocation.
 */

/** Random access to a file's bytes; the shell bounds what it serves. */
export interface ByteReader {
  /** Total size of the file in bytes. */
  readonly size: number;
  /** Up to `length` bytes at `offset`; fewer only where the file ends. */
  read(offset: number, length: number): Uint8Array;
}

export class GgufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GgufError';
  }
}

/** Documented maxima: a file past them is refused with a message. */
export const GGUF_LIMITS = {
  /** Tensors in one file (a 671B MoE has about 1,100; split parts fewer). */
  tensors: 65_536,
  /** Metadata key/value pairs. */
  metadata: 65_536,
  /** Elements of one metadata array (the largest tokenizer vocabularies are about 262,000 tokens). */
  arrayLength: 16_777_216,
  /** Bytes of one string (chat templates run to tens of kilobytes). */
  stringBytes: 16_777_216,
  /** Bytes of a tensor name (ggml GGML_MAX_NAME). */
  tensorName: 64,
  /** Dimensions of a tensor (ggml GGML_MAX_DIMS). */
  dims: 4,
  /** Header bytes read in all, whatever the counts say. */
  headerBytes: 256 * 1024 * 1024,
} as const;

/** Arrays up to this length are kept (per-layer values); longer ones only their length. */
const KEPT_ARRAY = 4096;
/** Strings up to this length are kept; longer ones (templates, licences) only their length. */
const KEPT_STRING = 4096;

export type GgufValue = number | bigint | boolean | string | number[] | boolean[] | string[] | GgufSkipped;

/** A value too long to keep: its type and length. */
export interface GgufSkipped {
  skipped: 'array' | 'string';
  length: number;
}

export interface GgufTensorInfo {
  name: string;
  /** ggml ne[]: ne[0] is the row length. */
  shape: number[];
  /** ggml type name (q4_k, f16, ...). */
  type: string;
  /** Bytes of the tensor's data, from the type's block size. */
  bytes: number;
  elements: number;
  offset: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** Where tensor data starts (header end, aligned). */
  dataOffset: number;
}

const MAGIC = 0x46554747; // "GGUF" read little-endian

enum ValueType {
  U8 = 0,
  I8 = 1,
  U16 = 2,
  I16 = 3,
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  U64 = 10,
  I64 = 11,
  F64 = 12,
}

const FIXED_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

const CHUNK = 1 << 16;

/** A forward cursor over a ByteReader that reads in chunks and never past the header budget. */
class Cursor {
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  pos = 0;
  private readonly limit: number;
  constructor(
    private readonly reader: ByteReader,
    maxHeaderBytes: number,
  ) {
    this.limit = Math.min(reader.size, maxHeaderBytes);
  }

  remaining(): number {
    return this.limit - this.pos;
  }

  private take(n: number, what: string): { bytes: Uint8Array; at: number } {
    if (n > this.remaining()) {
      const past = this.pos + n > this.reader.size;
      throw new GgufError(
        past
          ? `truncated GGUF header: ${what} at byte ${this.pos} needs ${n} bytes, the file has ${Math.max(0, this.reader.size - this.pos)} left`
          : `GGUF header is larger than ${GGUF_LIMITS.headerBytes} bytes (reading ${what} at byte ${this.pos})`,
      );
    }
    const end = this.pos + n;
    if (this.pos < this.bufStart || end > this.bufStart + this.buf.length) {
      const want = Math.min(Math.max(n, CHUNK), this.limit - this.pos);
      const got = this.reader.read(this.pos, want);
      if (got.length < n) throw new GgufError(`truncated GGUF header: could read only ${got.length} of ${n} bytes at byte ${this.pos}`);
      this.buf = got;
      this.bufStart = this.pos;
    }
    const at = this.pos - this.bufStart;
    this.pos = end;
    return { bytes: this.buf, at };
  }

  private view(n: number, what: string): DataView {
    const { bytes, at } = this.take(n, what);
    return new DataView(bytes.buffer, bytes.byteOffset + at, n);
  }

  u8(what: string): number {
    return this.view(1, what).getUint8(0);
  }
  u32(what: string): number {
    return this.view(4, what).getUint32(0, true);
  }
  /** A u64 that must be a safe integer (counts, lengths, sizes). */
  u64(what: string): number {
    const v = this.view(8, what).getBigUint64(0, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new GgufError(`${what} at byte ${this.pos - 8} is too large (${v})`);
    return Number(v);
  }

  scalar(type: number, what: string): number | bigint | boolean {
    const size = FIXED_SIZE[type];
    const v = this.view(size, what);
    switch (type) {
      case ValueType.U8:
        return v.getUint8(0);
      case ValueType.I8:
        return v.getInt8(0);
      case ValueType.U16:
        return v.getUint16(0, true);
      case ValueType.I16:
        return v.getInt16(0, true);
      case ValueType.U32:
        return v.getUint32(0, true);
      case ValueType.I32:
        return v.getInt32(0, true);
      case ValueType.F32:
        return v.getFloat32(0, true);
      case ValueType.BOOL:
        return v.getUint8(0) !== 0;
      case ValueType.U64: {
        const b = v.getBigUint64(0, true);
        return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
      }
      case ValueType.I64: {
        const b = v.getBigInt64(0, true);
        return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(b) : b;
      }
      default:
        return v.getFloat64(0, true);
    }
  }

  /** A string: kept when short, else skipped with its length. */
  string(what: string, keep = KEPT_STRING): string | GgufSkipped {
    const len = this.u64(`${what} length`);
    if (len > GGUF_LIMITS.stringBytes) throw new GgufError(`${what} is ${len} bytes long, over the limit of ${GGUF_LIMITS.stringBytes}`);
    if (len > this.remaining()) this.take(len, what); // throws with the position
    if (len > keep) {
      this.skip(len, what);
      return { skipped: 'string', length: len };
    }
    const { bytes, at } = this.take(len, what);
    return decodeUtf8(bytes, at, at + len);
  }

  skip(n: number, what: string): void {
    if (n > this.remaining()) this.take(n, what);
    this.pos += n;
  }
}

function valueTypeName(t: number): string {
  return ValueType[t] ?? `unknown type ${t}`;
}

function readValue(c: Cursor, type: number, key: string): GgufValue {
  if (type === ValueType.STRING) return c.string(`value of ${key}`);
  if (type === ValueType.ARRAY) return readArray(c, key);
  if (FIXED_SIZE[type] === undefined) throw new GgufError(`metadata ${key} has ${valueTypeName(type)}, which GGUF does not define`);
  return c.scalar(type, `value of ${key}`);
}

function readArray(c: Cursor, key: string): GgufValue {
  const type = c.u32(`array type of ${key}`);
  const length = c.u64(`array length of ${key}`);
  if (length > GGUF_LIMITS.arrayLength)
    throw new GgufError(`metadata ${key} is an array of ${length} elements, over the limit of ${GGUF_LIMITS.arrayLength}`);
  if (type === ValueType.ARRAY) throw new GgufError(`metadata ${key} is an array of arrays, which this reader does not accept`);
  if (type === ValueType.STRING) {
    // Each string needs at least its 8-byte length: a count the file cannot hold fails here.
    if (length * 8 > c.remaining()) throw new GgufError(`metadata ${key} declares ${length} strings, past the end of the header`);
    const kept: string[] = [];
    for (let i = 0; i < length; i++) {
      const s = c.string(`element ${i} of ${key}`, length <= KEPT_ARRAY ? KEPT_STRING : 0);
      if (typeof s === 'string') kept.push(s);
    }
    return length <= KEPT_ARRAY && kept.length === length ? kept : { skipped: 'array', length };
  }
  const size = FIXED_SIZE[type];
  if (size === undefined) throw new GgufError(`metadata ${key} is an array of ${valueTypeName(type)}, which GGUF does not define`);
  if (length * size > c.remaining()) throw new GgufError(`metadata ${key} declares ${length} elements, past the end of the header`);
  if (length > KEPT_ARRAY) {
    c.skip(length * size, key);
    return { skipped: 'array', length };
  }
  const out: (number | boolean)[] = [];
  for (let i = 0; i < length; i++) {
    const v = c.scalar(type, `element ${i} of ${key}`);
    out.push(typeof v === 'bigint' ? Number(v) : v);
  }
  return out as number[] | boolean[];
}

function readTensor(c: Cursor, index: number): Omit<GgufTensorInfo, 'bytes' | 'elements'> & { typeId: number } {
  const name = c.string(`name of tensor ${index}`, GGUF_LIMITS.tensorName);
  if (typeof name !== 'string') throw new GgufError(`tensor ${index} has a name of ${name.length} bytes, over ${GGUF_LIMITS.tensorName}`);
  const dims = c.u32(`dimension count of ${name}`);
  if (dims < 1 || dims > GGUF_LIMITS.dims)
    throw new GgufError(`tensor ${name} has ${dims} dimensions; ggml allows 1 to ${GGUF_LIMITS.dims}`);
  const shape: number[] = [];
  for (let d = 0; d < dims; d++) shape.push(c.u64(`dimension ${d} of ${name}`));
  const typeId = c.u32(`type of ${name}`);
  const offset = c.u64(`offset of ${name}`);
  return { name, shape, type: '', typeId, offset };
}

function sizeTensor(t: ReturnType<typeof readTensor>): GgufTensorInfo {
  const info = tensorType(t.typeId);
  if (!info) throw new GgufError(`tensor ${t.name} has ggml type ${t.typeId}, which this reader does not know`);
  let elements = 1;
  for (const n of t.shape) elements *= n;
  if (!Number.isSafeInteger(elements)) throw new GgufError(`tensor ${t.name} has too many elements (${t.shape.join(' × ')})`);
  if (t.shape[0] % info.weights !== 0)
    throw new GgufError(`tensor ${t.name}: row length ${t.shape[0]} is not a whole number of ${info.name} blocks of ${info.weights}`);
  const bytes = (elements / info.weights) * info.bytes;
  return { name: t.name, shape: t.shape, type: info.name, bytes, elements, offset: t.offset };
}

/** Parses a GGUF header. Throws GgufError with the reason and byte position on bad input. */
export function parseGgufHeader(reader: ByteReader, maxHeaderBytes: number = GGUF_LIMITS.headerBytes): GgufHeader {
  const c = new Cursor(reader, maxHeaderBytes);
  if (reader.size < 4) throw new GgufError(`not a GGUF file: ${reader.size} bytes, too short for the magic number`);
  const magic = c.u32('magic');
  if (magic !== MAGIC) throw new GgufError('not a GGUF file: it does not start with "GGUF"');
  const version = c.u32('version');
  if (version === 1) throw new GgufError('GGUF version 1 (2023) is not supported; convert the file again with a current llama.cpp');
  if (version !== 2 && version !== 3) {
    // A big-endian file's version reads as 0x02000000 or 0x03000000 here.
    const swapped = version === 0x02000000 || version === 0x03000000;
    throw new GgufError(swapped ? 'big-endian GGUF files are not supported' : `GGUF version ${version} is not supported (2 and 3 are)`);
  }
  const tensorCount = c.u64('tensor count');
  const kvCount = c.u64('metadata count');
  if (tensorCount > GGUF_LIMITS.tensors)
    throw new GgufError(`GGUF declares ${tensorCount} tensors, over the limit of ${GGUF_LIMITS.tensors}`);
  if (kvCount > GGUF_LIMITS.metadata)
    throw new GgufError(`GGUF declares ${kvCount} metadata entries, over the limit of ${GGUF_LIMITS.metadata}`);
  // The smallest metadata entry is 8 (key length) + 1 (key) + 4 (type) + 1 bytes; a tensor info 8 + 1 + 4 + 8 + 4 + 8.
  if (kvCount * 14 + tensorCount * 33 > c.remaining())
    throw new GgufError(
      `GGUF declares ${kvCount} metadata entries and ${tensorCount} tensors, more than the file's ${reader.size} bytes can hold`,
    );

  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = c.string(`key of metadata entry ${i}`, 65_536);
    if (typeof key !== 'string') throw new GgufError(`metadata entry ${i} has a key of ${key.length} bytes`);
    const type = c.u32(`type of ${key}`);
    metadata.set(key, readValue(c, type, key));
  }
  const raw: ReturnType<typeof readTensor>[] = [];
  for (let i = 0; i < tensorCount; i++) raw.push(readTensor(c, i));
  const tensors = raw.map(sizeTensor);

  const alignValue = metadata.get('general.alignment');
  const alignment = typeof alignValue === 'number' ? alignValue : 32;
  if (!Number.isInteger(alignment) || alignment < 1 || alignment > 1 << 20 || (alignment & (alignment - 1)) !== 0)
    throw new GgufError(`general.alignment ${String(alignValue)} is not a power of two`);
  const dataOffset = Math.ceil(c.pos / alignment) * alignment;
  return { version, metadata, tensors, dataOffset };
}

/** A metadata number (per-layer arrays: their largest value). */
export function metaNumber(h: GgufHeader, key: string): number | undefined {
  const v = h.metadata.get(key);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'number') return Math.max(...(v as number[]));
  return undefined;
}

export function metaString(h: GgufHeader, key: string): string | undefined {
  const v = h.metadata.get(key);
  return typeof v === 'string' ? v : undefined;
}

/** Length of an array value, kept or skipped (the tokenizer's token list). */
export function metaArrayLength(h: GgufHeader, key: string): number | undefined {
  const v = h.metadata.get(key);
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object' && 'skipped' in v && v.skipped === 'array') return v.length;
  return undefined;
}
