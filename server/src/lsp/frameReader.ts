import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';

/** A header block longer than this without its blank line is not LSP: the stream is given up. */
export const MAX_HEADER_BYTES = 8 * 1024;
/**
 * The largest message read into memory. A bigger one (a document of hundreds of MiB) is passed
 * over unread, with an error to the connection, and the frames after it are read as usual.
 */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

const CR = 13;
const LF = 10;

/**
 * Reads JSON-RPC frames (`Content-Length` header, blank line, UTF-8 JSON body) from a stream and
 * hands each message over in the `data` event that completes it. vscode-jsonrpc's stream reader
 * hands each one over a setImmediate and two awaits later: over stdio, a document's didOpen waited
 * that long before the server began on its first diagnostics (npm run bench, first diagnostics).
 * Order needs no queue: chunks arrive in order and each message is handed over before the next
 * one is parsed. Linear in the input: a header's bytes are scanned once for its end, and a body's
 * are copied at most once (when it spans chunks) before JSON.parse reads them.
 */
export class FrameReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes of the body being read; -1 while reading a header. */
  private bodyLength = -1;
  /** Bytes of an oversized body still to pass over. */
  private skipping = 0;
  /** Where the search for the header's end resumes: a chunk, a byte in it, the bytes before it. */
  private scanChunk = 0;
  private scanByte = 0;
  private scannedBefore = 0;
  /** How much of `\r\n\r\n` the bytes scanned so far end with. */
  private matched = 0;
  private callback: DataCallback | undefined;
  private failed = false;
  private closed = false;
  private listening: Disposable | undefined;

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly maxFrameBytes = MAX_FRAME_BYTES,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const onError = (error: Error) => this.fireError(error);
    // A pipe emits both 'end' and 'close': the connection hears of it once.
    const onClose = () => {
      if (this.closed) return;
      this.closed = true;
      this.fireClose();
    };
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('end', onClose);
    this.stream.on('close', onClose);
    this.listening = {
      dispose: () => {
        this.stream.off('data', onData);
        this.stream.off('error', onError);
        this.stream.off('end', onClose);
        this.stream.off('close', onClose);
      },
    };
    return this.listening;
  }

  dispose(): void {
    this.listening?.dispose();
    this.listening = undefined;
    super.dispose();
  }

  private onData(data: Buffer): void {
    if (this.failed) return;
    if (this.skipping > 0) {
      const skipped = Math.min(this.skipping, data.length);
      this.skipping -= skipped;
      data = data.subarray(skipped);
      if (data.length === 0) return;
    }
    this.chunks.push(data);
    this.buffered += data.length;
    while (!this.failed && this.next());
  }

  /** Reads one header or one body from the buffered bytes; false when more bytes are needed. */
  private next(): boolean {
    if (this.bodyLength < 0) return this.readHeader();
    if (this.buffered < this.bodyLength) return false;
    const body = this.take(this.bodyLength);
    this.bodyLength = -1;
    let message: Message;
    try {
      message = JSON.parse(body.toString('utf8')) as Message;
    } catch (error) {
      this.fireError(new Error(`A message is not JSON: ${error instanceof Error ? error.message : String(error)}`));
      return true;
    }
    // Whatever the connection throws is reported, not thrown into the stream's data event (where
    // it would end the process) and not left to stop the messages after it.
    try {
      this.callback?.(message);
    } catch (error) {
      this.fireError(error instanceof Error ? error : new Error(String(error)));
    }
    return true;
  }

  private readHeader(): boolean {
    const end = this.headerEnd();
    if (end < 0) {
      if (this.buffered > MAX_HEADER_BYTES) this.fail(new Error(`No end to a message header within ${MAX_HEADER_BYTES} bytes.`));
      return false;
    }
    const header = this.take(end).toString('ascii', 0, end - 4);
    const length = contentLength(header);
    if (length === undefined) {
      this.fail(new Error(`A message header without a valid Content-Length, or not in UTF-8: ${JSON.stringify(header.slice(0, 200))}`));
      return false;
    }
    if (length > this.maxFrameBytes) {
      this.fireError(new Error(`A message of ${length} bytes is over the ${this.maxFrameBytes}-byte limit: passed over unread.`));
      const skipped = Math.min(length, this.buffered);
      this.take(skipped);
      this.skipping = length - skipped;
      return true;
    }
    this.bodyLength = length;
    return true;
  }

  /**
   * The length of the header block up to and including its `\r\n\r\n`, or -1 if it has not all
   * arrived. Resumes where the last call stopped (chunks are only appended while a header is read),
   * so a header that trickles in byte by byte is still scanned once.
   */
  private headerEnd(): number {
    for (; this.scanChunk < this.chunks.length; this.scanChunk++, this.scanByte = 0) {
      const chunk = this.chunks[this.scanChunk];
      for (; this.scanByte < chunk.length; this.scanByte++) {
        const b = chunk[this.scanByte];
        this.matched =
          b === CR ? (this.matched === 2 ? 3 : 1) : b === LF && (this.matched === 1 || this.matched === 3) ? this.matched + 1 : 0;
        if (this.matched === 4) {
          const end = this.scannedBefore + this.scanByte + 1;
          this.scanChunk = this.scanByte = this.scannedBefore = this.matched = 0;
          return end;
        }
      }
      this.scannedBefore += chunk.length;
    }
    return -1;
  }

  /** Removes the first `n` buffered bytes and returns them. */
  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      let count = 0;
      let have = 0;
      while (have < n) have += this.chunks[count++].length;
      const joined = Buffer.concat(this.chunks.slice(0, count), have);
      out = joined.subarray(0, n);
      this.chunks = have > n ? [joined.subarray(n), ...this.chunks.slice(count)] : this.chunks.slice(count);
    }
    this.buffered -= n;
    return out;
  }

  private fail(error: Error): void {
    this.failed = true;
    this.chunks = [];
    this.scanChunk = this.scanByte = this.scannedBefore = this.matched = 0;
    this.buffered = 0;
    this.fireError(error);
  }
}

/**
 * The Content-Length of a header block (fields split on CRLF, names case-insensitive); undefined
 * when it has none, a malformed field, or a Content-Type whose charset is not UTF-8 (the only one
 * LSP allows).
 */
export function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const field of header.split('\r\n')) {
    const colon = field.indexOf(':');
    if (colon < 0) return undefined;
    const name = field.slice(0, colon).trim().toLowerCase();
    const value = field.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d{1,15}$/.test(value)) return undefined;
      length = Number(value);
    } else if (name === 'content-type') {
      const charset = /charset=([^;]*)/i.exec(value)?.[1].trim().toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return undefined;
    }
  }
  return length;
}
