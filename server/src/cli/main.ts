// Entry of dist/cli.js (the `runlocalai` bin).
import * as fs from 'node:fs';
import { loadBundledCatalog } from '../catalogFile';
import { createHardwareService } from '../hardware/hardwareService';
import { chunkedLines } from './chunkedLines';
import { runCli } from './cli';
import { fdSink } from './fdSink';
import { nodeFiles } from './nodeIO';
import { createNamedFileReader } from './readNamedFile';

// The glossary is read when a command first asks for it (define, search, explain): never by `check`.
const catalog = loadBundledCatalog(__dirname, 'on-first-use');

// `runlocalai check . | head` closes the pipe early: that is the reader's choice, not an error. The
// rest of the output is dropped and the run goes on, so that its exit code is still the verdict
// (a CI step with `set -o pipefail` must not pass because its log was cut short).
let readerGone = false;
const dropOutput = () => void (readerGone = true);
// Written straight to the descriptors (fdSink); on Windows through Node's streams, which turn text
// for the console into what it expects.
const streams = process.platform === 'win32';
if (streams)
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    dropOutput();
  });
const toStdout = streams ? (chunk: Uint8Array) => void process.stdout.write(chunk) : fdSink(1, dropOutput);
const writeOut = (chunk: Uint8Array) => {
  if (!readerGone) toStdout(chunk);
};
const writeErr = streams ? (chunk: Uint8Array) => void process.stderr.write(chunk) : fdSink(2, () => {});
const stderrLine = (text: string) => writeErr(Buffer.from(`${text}\n`, 'utf8'));
const stdout = chunkedLines(writeOut);
/** A line for standard error, after the output before it. */
const errLine = (text: string) => {
  stdout.flush();
  stderrLine(text);
};

// Detection runs dist/detectWorker.js beside this bundle, with the same 10 s limit as the server.
const hardware = createHardwareService({ catalog, log: { info: () => {}, warn: errLine } });

runCli(process.argv.slice(2), {
  catalog,
  detect: () => hardware.refresh(),
  detectedRaw: () => hardware.lastRaw(),
  env: process.env,
  io: {
    out: stdout.line,
    err: errLine,
    ...nodeFiles,
    ...createNamedFileReader(),
    readTail: (p, maxBytes) => readTail(p, maxBytes),
    readStdin: (maxBytes) => readStdin(maxBytes),
  },
})
  .then((code) => {
    // Set before the last write: whatever that write meets, the verdict stands.
    process.exitCode = code;
    stdout.flush();
    exitWhenWritten(code);
  })
  .catch((err: unknown) => {
    // A failure of the run, or of its last write (a full disk): said on standard error, exit 3.
    process.exitCode = 3;
    try {
      stdout.flush();
    } catch {
      // the output cannot be written; the error below says why the run failed
    }
    stderrLine(`runlocalai: ${err instanceof Error ? err.stack : err}`);
  });

/**
 * Exits as soon as both output streams have written what they hold. Left to end by itself, the
 * process would first finish the optimising compiles and collector work still queued on V8's
 * background threads, for code that will never run again (10-30 ms after `check` over a thousand
 * files).
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  // fdSink has written everything in the call.
  if (!streams) process.exit(code);
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  let left = pending.length;
  if (left === 0) process.exit(code);
  for (const stream of pending) stream.write('', () => --left === 0 && process.exit(code));
}

/** The last `maxBytes` of a file, read without loading the rest. */
function readTail(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/** Standard input up to `maxBytes`; stops reading there. */
function readStdin(maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      process.stdin.pause();
      resolve(Buffer.concat(chunks, Math.min(total, maxBytes)));
    };
    process.stdin.on('data', (c: Buffer) => {
      chunks.push(c);
      total += c.length;
      if (total >= maxBytes) {
        process.stdin.removeAllListeners('data');
        done();
      }
    });
    process.stdin.on('end', done);
    process.stdin.on('error', reject);
  });
}
