import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileRefused, readBounded, rootFor } from '../../../server/src/io/readBounded';

const posix = process.platform !== 'win32';

async function refusal(p: Promise<unknown>): Promise<FileRefused> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof FileRefused, `not a refusal: ${String(e)}`);
    return e;
  }
  assert.fail('the read was not refused');
}

describe('readBounded (issue 11, item 3)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-read-'));
  const inside = path.join(dir, 'inside');
  fs.mkdirSync(inside);
  fs.writeFileSync(path.join(inside, 'ok.txt'), 'hello');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'token');

  it('reads a regular file within the cap', async () => {
    assert.equal((await readBounded(path.join(inside, 'ok.txt'), { maxBytes: 5, roots: [inside] })).toString(), 'hello');
  });

  it('refuses a file over the cap without reading it all', async () => {
    assert.equal((await refusal(readBounded(path.join(inside, 'ok.txt'), { maxBytes: 4 }))).reason, 'too-large');
  });

  it('refuses a missing file, a directory, a device and a FIFO', async function () {
    assert.equal((await refusal(readBounded(path.join(dir, 'nope'), { maxBytes: 10 }))).reason, 'missing');
    assert.equal((await refusal(readBounded(inside, { maxBytes: 10 }))).reason, 'not-regular');
    if (!posix) return;
    assert.equal((await refusal(readBounded('/dev/zero', { maxBytes: 10 }))).reason, 'not-regular');
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    assert.equal((await refusal(readBounded(fifo, { maxBytes: 10 }))).reason, 'not-regular');
    assert.ok(performance.now() - started < 1000);
  });

  it('follows a symlink inside the roots and refuses one that leaves them', async function () {
    if (!posix) this.skip();
    fs.symlinkSync(path.join(inside, 'ok.txt'), path.join(inside, 'link-in'));
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(inside, 'link-out'));
    fs.symlinkSync('../secret.txt', path.join(inside, 'relative-out'));
    assert.equal((await readBounded(path.join(inside, 'link-in'), { maxBytes: 10, roots: [inside] })).toString(), 'hello');
    for (const name of ['link-out', 'relative-out']) {
      const e = await refusal(readBounded(path.join(inside, name), { maxBytes: 10, roots: [inside] }));
      assert.equal(e.reason, 'outside-roots');
      assert.ok(!e.message.includes('secret'), e.message);
    }
  });

  it('takes as root the working directory for files named inside it, else the folder named', () => {
    assert.equal(rootFor('models/Modelfile', '/repo'), '/repo');
    assert.equal(rootFor('/elsewhere/x/Modelfile', '/repo'), '/elsewhere/x');
    assert.equal(rootFor('../sibling/Modelfile', '/repo'), '/sibling');
    assert.equal(rootFor('..x/Modelfile', '/repo'), '/repo');
  });
});
