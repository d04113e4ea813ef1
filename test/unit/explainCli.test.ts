import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/cli';
import { createNamedFileReader } from '../../server/src/cli/readNamedFile';
import { MAX_LOG_BYTES } from '../../server/src/cli/commands/explain';
import { testCatalog } from '../helpers/catalog';
import { corpusDir } from '../helpers/corpus';

async function explain(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['explain', ...args], {
    catalog: testCatalog(),
    detect: async () => ({ devices: [], source: 'failed' }),
    io: {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      ...createNamedFileReader(),
      readTail: (p, max) => {
        const all = fs.readFileSync(p);
        return all.subarray(Math.max(0, all.length - max));
      },
      readStdin: async (max) => Buffer.from(stdin ?? '').subarray(0, max),
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const corpusLog = (test: Mocha.Context, name: string) => path.join(corpusDir(test), 'errors', name);

describe('runlocalai explain', () => {
  it('prints the matching KB entries of a real log with their first fixes, exit 0', async function () {
    const r = await explain([corpusLog(this, 'ollama-9782__runner-terminated-cudamalloc-4gb.log')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /line 2: cudaMalloc failed/);
    assert.match(r.out, /fix: See what already holds the card/);
    assert.match(r.out, /more: https:\/\/www\.runlocalai\.co\/errors\/cuda-out-of-memory/);
    assert.match(r.out, /Out of memory at a long context/);
  });

  it("prints the runtime's own figures beside our estimate for the model the log names", async () => {
    const r = await explain([path.join('test', 'fixtures', 'logs', 'llama-server-llama3.1-8b-constructed.log')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /llama\.cpp figures beside our estimate for Llama 3\.1 8B Q4_K_M at 8,192 tokens/);
    assert.match(r.out, /KV cache +llama\.cpp: 1\.0 GiB +ours: 1\.0 GiB +difference: \+0 MiB/);
  });

  it('says which figures a vLLM log has when it does not name the model', async function () {
    const r = await explain([corpusLog(this, 'vllm-10517__max-seq-len-vs-kv-cache-3090.log')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /vLLM: max_model_len is larger than the KV cache can hold/);
    assert.match(r.out, /KV cache holds 23,648 tokens/);
  });

  it('reads standard input with -, and --json carries entries and figures', async () => {
    const r = await explain(['-', '--json'], 'hello\nError: pull model manifest: file does not exist\n');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out);
    assert.deepEqual(
      json.entries.map((e: { id: string; line: number }) => [e.id, e.line]),
      [['ollama-pull-manifest-not-found', 2]],
    );
    assert.equal(json.runtimeFigures, null);
  });

  it('exits 1 when nothing in the log is known', async () => {
    const r = await explain(['-'], 'INFO all good\nWARN slow disk\n');
    assert.equal(r.code, 1);
    assert.match(r.out, /no known error/);
  });

  it('exits 2 on usage and read errors', async () => {
    assert.equal((await explain([])).code, 2);
    assert.equal((await explain(['a.log', 'b.log'])).code, 2);
    const missing = await explain([path.join(os.tmpdir(), 'runlocalai-no-such-log.log')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read: ENOENT/);
    const bin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rla-')), 'x.log');
    fs.writeFileSync(bin, Buffer.from([0x47, 0x47, 0x55, 0x46, 0, 1, 2]));
    const binary = await explain([bin]);
    assert.equal(binary.code, 2);
    assert.match(binary.err, /binary file/);
  });

  it('reads only the end of a log larger than its limit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rla-'));
    const file = path.join(dir, 'big.log');
    const filler = 'x'.repeat(1023) + '\n';
    const fd = fs.openSync(file, 'w');
    // The error line at the start falls outside the last MAX_LOG_BYTES; the one at the end is read.
    fs.writeSync(fd, 'Error: pull model manifest: file does not exist\n');
    for (let i = 0; i < MAX_LOG_BYTES / 1024 + 8; i++) fs.writeSync(fd, filler);
    fs.writeSync(fd, 'Illegal instruction (core dumped)\n');
    fs.closeSync(fd);
    const r = await explain([file, '--json']);
    const json = JSON.parse(r.out);
    assert.equal(json.truncated, true);
    assert.deepEqual(
      json.entries.map((e: { id: string }) => e.id),
      ['illegal-instruction-no-avx'],
    );
  });
});

describe('runlocalai explain, partial offload', () => {
  it('explains a log whose offload count left layers on the CPU', async () => {
    const r = await explain(['-'], 'llm_load_tensors: offloaded 9/28 layers to GPU\n');
    assert.equal(r.code, 0);
    assert.match(r.out, /line 1: Slow generation because layers stayed on the CPU/);
  });
});
