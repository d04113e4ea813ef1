import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('runlocalai CLI', () => {
  it('estimate --json prints the documented fields, parts adding up to the total', async () => {
    const r = await cli(['estimate', 'llama3.1:8b', '--quant', 'Q4_K_M', '--ctx', '8192', '--gpu', 'RTX 4090', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    for (const k of [
      'model',
      'quant',
      'ctx',
      'weightsBytes',
      'kvCacheBytes',
      'computeBytes',
      'overheadBytes',
      'totalBytes',
      'usableBytes',
      'verdict',
    ]) {
      assert.ok(k in j, `missing ${k}`);
    }
    assert.equal(j.quant, 'Q4_K_M');
    assert.equal(j.ctx, 8192);
    assert.equal(j.verdict, 'fits');
    assert.equal(j.weightsBytes + j.kvCacheBytes + j.computeBytes + j.overheadBytes, j.totalBytes);
    assert.ok(j.usableBytes > 20 * 1024 ** 3 && j.usableBytes <= 24 * 1024 ** 3, `usable ${j.usableBytes}`);
  });

  it("estimate says won't fit for 70B on a 12 GB card with little RAM", async () => {
    const r = await cli(['estimate', 'llama3.1:70b', '--gpu', 'RTX 4070', '--ram', '16', '--json']);
    const j = JSON.parse(r.out);
    assert.equal(j.verdict, 'wont-fit');
    assert.equal(r.code, 1, "exit 1: won't fit");
  });

  it('check exits 1 when a Modelfile will not fit and 0 when it does', async () => {
    const big = tempFile('Modelfile', 'FROM llama3.1:70b\n');
    const small = tempFile('Modelfile', 'FROM llama3.1:8b\nPARAMETER num_ctx 4096\n');
    const bad = await cli(['check', big, '--gpu', 'RTX 4070', '--vram', '12']);
    assert.equal(bad.code, 1, bad.err);
    assert.match(bad.out, /Modelfile:1:6: error \[wont-fit\]/);
    const good = await cli(['check', small, '--gpu', 'RTX 4090']);
    assert.equal(good.code, 0, good.out + good.err);
  });

  it('skips binary files and reports unreadable ones', async () => {
    const bin = tempFile('Modelfile', Buffer.from([70, 82, 79, 77, 0, 1, 2]));
    const r = await cli(['check', bin, '--gpu', 'RTX 4090']);
    // A file that could not be checked fails the run with exit 2 (a CI job must not pass on it).
    assert.equal(r.code, 2);
    assert.match(r.err, /binary file/);
    const missing = await cli(['check', '/nonexistent/Modelfile', '--gpu', 'RTX 4090']);
    assert.equal(missing.code, 2, 'an unreadable path is a usage error');
    assert.match(missing.err, /cannot read/);
  });

  it('reads the Ollama environment it is given and says what it changed', async () => {
    const plain = JSON.parse((await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', '--json'])).out);
    const env = { OLLAMA_CONTEXT_LENGTH: '8192', OLLAMA_FLASH_ATTENTION: '1', OLLAMA_KV_CACHE_TYPE: 'q8_0' };
    const set = JSON.parse((await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', '--json'], undefined, env)).out);
    assert.equal(set.ctx, 8192);
    assert.notEqual(plain.ctx, 8192);
    assert.equal(set.kvCacheBytes, (8192 * 32 * 8 * 256 * 34) / 32, 'q8_0 KV cache: 34 bytes per 32 values');
    const ignored = JSON.parse(
      (
        await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', '--json'], undefined, {
          OLLAMA_KV_CACHE_TYPE: 'q8_0',
          OLLAMA_FLASH_ATTENTION: '0',
        })
      ).out,
    );
    assert.ok(
      ignored.warnings.some((w: string) => /ignored without flash attention/.test(w)),
      JSON.stringify(ignored.warnings),
    );
  });

  it('takes the KV cache types each runtime has, and refuses the others', async () => {
    const r = await cli(['estimate', 'llama3.1:8b', '--runtime', 'vllm', '--kv-type', 'q8_0', '--gpu', 'RTX 4090']);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a KV cache type of vllm/);
    for (const [runtime, kv] of [
      ['ollama', 'f16'],
      ['llama.cpp', 'f16'],
      ['llama.cpp', 'q4_0'],
      ['vllm', 'fp8'],
      ['vllm', 'f16'],
    ]) {
      const ok = await cli(['estimate', 'llama3.1:8b', '--runtime', runtime, '--kv-type', kv, '--gpu', 'RTX 4090', '--json']);
      assert.notEqual(ok.code, 2, `${runtime} ${kv}: ${ok.err}`);
      assert.ok(JSON.parse(ok.out).kvCacheBytes > 0);
    }
  });

  it('reads --gpu auto as detection, like the setting', async () => {
    const detected = {
      devices: [{ name: 'NVIDIA GeForce RTX 4090', vendor: 'nvidia' as const, totalBytes: 24 * 1024 ** 3, unified: false }],
      source: 'detected' as const,
      ramBytes: 64 * 1024 ** 3,
    };
    const r = await cli(['estimate', 'llama3.1:8b', '--gpu', 'auto', '--json'], detected);
    assert.equal(r.code, 0, r.err);
    assert.match(JSON.parse(r.out).hardware, /4090/);
  });

  it('turns flash attention off on request, and says when Ollama turned it on by itself', async () => {
    const on = JSON.parse((await cli(['estimate', 'qwen3:8b', '--gpu', 'RTX 4090', '--json'])).out);
    assert.ok(
      on.warnings.some((w: string) => /Ollama turns flash attention on for qwen3/.test(w)),
      JSON.stringify(on.warnings),
    );
    const off = JSON.parse((await cli(['estimate', 'qwen3:8b', '--gpu', 'RTX 4090', '--no-flash-attention', '--json'])).out);
    assert.ok(off.computeBytes > on.computeBytes, 'without flash attention the scores need their own buffer');
    assert.equal((await cli(['estimate', 'qwen3:8b', '--flash-attention', '--no-flash-attention'])).code, 2);
  });

  it('check skips files that are not configs, by their name, and says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rla-skip-'));
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'FROM llama3.1:70b\n');
    const r = await cli(['check', notes, '--gpu', 'RTX 4070']);
    assert.equal(r.code, 0);
    assert.match(r.err, /notes\.txt: skipped, not a config/);
    assert.equal(r.out, '');
    const named = path.join(dir, 'prod.Modelfile');
    fs.writeFileSync(named, 'FROM llama3.1:70b\n');
    assert.equal((await cli(['check', named, '--gpu', 'RTX 4070', '--vram', '12'])).code, 1);
  });

  it('checks against the CPU when no GPU is detected, and exits 1 only when RAM is too small', async () => {
    const mf = tempFile('Modelfile', 'FROM llama3.1:70b\n');
    const cpu = { devices: [], source: 'detected' as const, note: 'no GPU was detected', ramBytes: 128 * 1024 ** 3 };
    const roomy = await cli(['check', mf], cpu);
    assert.equal(roomy.code, 0, roomy.out);
    assert.match(roomy.out, /information \[cpu-only\]/);
    const small = await cli(['check', mf, '--ram', '16'], cpu);
    assert.equal(small.code, 1, small.out);
    assert.match(small.out, /error \[wont-fit\].*16\.0 GiB of system RAM for it \(total\)/);
  });

  it('does not count a byte-order mark as a column', async () => {
    const bom = tempFile('Modelfile', '\uFEFFFROM llama3.1:70b\n');
    assert.match((await cli(['check', bom, '--gpu', 'RTX 4070', '--ram', '16'])).out, /Modelfile:1:6: error/);
  });

  it('exits 2 with a message on usage errors and unknown models', async () => {
    assert.equal((await cli(['estimate'])).code, 2);
    const badCtx = await cli(['estimate', 'llama3.1:8b', '--ctx', 'abc', '--gpu', 'RTX 4090']);
    assert.equal(badCtx.code, 2);
    assert.match(badCtx.err, /--ctx must be a whole number/);
    // A name with a size is estimated from the name alone; without one there is nothing to go on.
    const unknown = await cli(['estimate', 'no-such-model:latest', '--gpu', 'RTX 4090']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Unknown model/);
    assert.match(
      (await cli(['estimate', 'no-such-model:1b', '--gpu', 'RTX 4090'])).out,
      /source: name no-such-model:1b, approximate ±\d+%/,
    );
    assert.match((await cli(['estimate', 'llama3.1:8b', '--gpu', 'Voodoo 5'])).err, /unknown GPU/);
    assert.equal((await cli(['frobnicate'])).code, 2);
  });
});
