import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';

// `check` reads files ahead of the one it judges; what it reports must still follow the order the
// files were given in, with an unreadable file reported at its own place.
describe('runlocalai check over many files', () => {
  it('reports findings and skips in the order the files were given, past the read-ahead window', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-order-'));
    try {
      const files: string[] = [];
      for (let i = 0; i < 40; i++) {
        const file = path.join(dir, `m${String(i).padStart(2, '0')}`, 'Modelfile');
        fs.mkdirSync(path.dirname(file));
        // Every third file a binary one (skipped, exit 2); the others a 70B model that does not fit 24 GB.
        fs.writeFileSync(file, i % 3 === 2 ? Buffer.from([70, 82, 0, 77]) : 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
        files.push(file);
      }
      const r = await cli(['check', ...files, '--gpu', 'RTX 4090']);
      assert.equal(r.code, 2);
      const reported = r.out.split('\n').map((l) => l.slice(0, l.indexOf(':1:')));
      assert.deepEqual(
        reported,
        files.filter((_, i) => i % 3 !== 2),
      );
      const skipped = r.err
        .split('\n')
        .filter((l) => l.includes('skipped, binary file'))
        .map((l) => l.slice(0, l.indexOf(': skipped')));
      assert.deepEqual(
        skipped,
        files.filter((_, i) => i % 3 === 2),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('walks a named folder at its place, says a missing path at its place, and checks each file once, where it first came', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-named-'));
    const tooBig = 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n';
    const put = (rel: string, text: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    try {
      put('a/Modelfile', tooBig);
      put('b/x/Modelfile', tooBig);
      put('b/y/Modelfile', tooBig);
      put('c/Modelfile', Buffer.from([70, 0]));
      put('d/z/Modelfile', tooBig);
      // A folder named through a link is walked, as a stat that follows links always had it.
      fs.symlinkSync(path.join(dir, 'd'), path.join(dir, 'linked'));
      const at = (rel: string) => path.join(dir, rel);
      const r = await cli([
        'check',
        at('b'),
        at('a/Modelfile'),
        at('nope/Modelfile'),
        at('c/Modelfile'),
        at('b/x/Modelfile'),
        at('a/Modelfile'),
        at('linked'),
        '--gpu',
        'RTX 4090',
      ]);
      assert.equal(r.code, 2, r.err);
      const checked = [...new Set(r.out.split('\n').map((l) => l.slice(0, l.indexOf(':1:'))))];
      // b/x, named again after b, is checked in b's walk; a/Modelfile once.
      assert.deepEqual(checked, [at('b/x/Modelfile'), at('b/y/Modelfile'), at('a/Modelfile'), at('linked/z/Modelfile')]);
      const errLines = r.err.split('\n');
      assert.deepEqual(
        errLines.filter((l) => l.startsWith(dir)),
        [`${at('nope/Modelfile')}: cannot read: no such file, folder or matching file`, `${at('c/Modelfile')}: skipped, binary file`],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every argument its place: an empty one is missing and the working folder after it is still walked; a glob after a folder that holds its files is no missing match', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-places-'));
    const cwd = process.cwd();
    try {
      fs.mkdirSync(path.join(dir, 'm', 'a'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'm', 'a', 'Modelfile'), 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n');
      process.chdir(dir);
      const empty = await cli(['check', '', '.', '--gpu', 'RTX 4090']);
      assert.equal(empty.code, 2, empty.err);
      assert.match(empty.err, /^: cannot read: no such file, folder or matching file$/m);
      assert.match(empty.out, /m\/a\/Modelfile:1:6: error \[wont-fit\]/);
      const globbed = await cli(['check', 'm', 'm/*/Modelfile', '--gpu', 'RTX 4090']);
      assert.equal(globbed.code, 1, globbed.err);
      assert.equal(globbed.err, '');
      assert.equal(globbed.out.split('\n').length, 1, globbed.out);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a named path that is neither a file nor a folder with the read's own reason", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-fifo-'));
    try {
      const fifo = path.join(dir, 'Modelfile');
      execFileSync('mkfifo', [fifo]);
      const r = await cli(['check', fifo, '--gpu', 'RTX 4090']);
      assert.equal(r.code, 2);
      assert.equal(r.err.trim(), `${fifo}: skipped, not a regular file (a FIFO)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
