import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * Writes each JSON-RPC message to a stream as one frame (header and body in one buffer), in the call
 * that sends it. vscode-jsonrpc's stream writer queues every message behind a setImmediate and writes
 * header and body in two calls: over stdio a document's first diagnostics left the server one
 * event-loop turn and one pipe write after they were ready (npm run bench, first diagnostics). Over
 * IPC, VS Code's transport, messages already go out at once. Order needs no queue: a Writable keeps
 * the order of its write calls, and each message is one call.
 */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      const body = Buffer.from(JSON.stringify(msg), 'utf8');
      const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
      const written = (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, msg, ++this.errorCount);
        reject(error);
      };
      try {
        this.stream.write(frame, written);
      } catch (error) {
        written(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  end(): void {
    this.stream.end();
  }
}
