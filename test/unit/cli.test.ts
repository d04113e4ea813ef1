import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/cli';
import type { Hardware } from '../../server/src/engine/hardware/types';
import { testCatalog } from '../helpers/catalog';

const catalog = testCatalog();

async function cli(args: string[], detected: Hardware = { devices: [], source: 'failed' }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    catalog,
    detect: async () => detected,
    io: { out: (l) => out.push(l), err: (l) => err.push(l), readFile: (p) => fs.readFileSync(p), fileSize: (p) => fs.statSync(p).size },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

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
    for (const k of ['model', 'quant', 'ctx', 'weightsBytes', 'kvCacheBytes', 'computeBytes', 'overheadBytes', 'totalBytes', 'usableBytes', 'verdict']) {
      assert.ok(k in j, `missing ${k}`);
    }
    assert.equal(j.quant, 'Q4_K_M');
    assert.equal(j.ctx, 8192);
    assert.equal(j.verdict, 'fits');
    assert.equal(j.weightsBytes + j.kvCacheBytes + j.computeBytes + j.overheadBytes, j.totalBytes);
    assert.ok(j.usableBytes > 20 * 1024 ** 3 && j.usableBytes <= 24 * 1024 ** 3, `usable ${j.usableBytes}`);
  });

  it("estimate says won't fit for 70B on a 12 GB card with little RAM", async () => {
    const r = await cli(['estimate', 'llama3.1:70b', '--gpu', 'RTX 4070', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.notEqual(JSON.parse(r.out).verdict, 'fits');
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
    assert.equal(r.code, 0);
    assert.match(r.err, /binary file/);
    const missing = await cli(['check', '/nonexistent/Modelfile', '--gpu', 'RTX 4090']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /cannot read: ENOENT/);
  });

  it('exits 2 with a message on usage errors and unknown models', async () => {
    assert.equal((await cli(['estimate'])).code, 2);
    const badCtx = await cli(['estimate', 'llama3.1:8b', '--ctx', 'abc', '--gpu', 'RTX 4090']);
    assert.equal(badCtx.code, 2);
    assert.match(badCtx.err, /--ctx must be a whole number/);
    const unknown = await cli(['estimate', 'no-such-model:1b', '--gpu', 'RTX 4090']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Unknown model/);
    assert.match((await cli(['estimate', 'llama3.1:8b', '--gpu', 'Voodoo 5'])).err, /unknown GPU/);
    assert.equal((await cli(['frobnicate'])).code, 2);
  });
});
