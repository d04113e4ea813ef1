import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { FileRefused, LinkFreeFolders, readBounded, readBoundedSync, rootFor, rootResolver } from '../../../server/src/io/readBounded';
import { leaves } from '../../../server/src/io/fileSafety';
import { createNamedFileReader } from '../../../server/src/cli/readNamedFile';

const posix = process.platform !== 'win32';

function refusal(read: () => unknown): FileRefused {
  try {
    read();
  } catch (e) {
    assert.ok(e instanceof FileRefused, `not a refusal: ${String(e)}`);
    return e;
  }
  assert.fail('the read was not refused');
}

async function outcome(read: () => Promise<Buffer> | Buffer): Promise<{ bytes?: string; reason?: string; message?: string }> {
  try {
    return { bytes: (await read()).toString('hex') };
  } catch (e) {
    assert.ok(e instanceof FileRefused, `not a refusal: ${String(e)}`);
    return { reason: e.reason, message: e.message };
  }
}

// The CLI's synchronous reader keeps every rule of readBounded (reliability/readBounded.test.ts).
describe('readBoundedSync', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-readsync-')));
  const inside = path.join(dir, 'inside');
  fs.mkdirSync(inside);
  fs.writeFileSync(path.join(inside, 'ok.txt'), 'hello');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'token');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file within the cap, and refuses one over it', () => {
    assert.equal(readBoundedSync(path.join(inside, 'ok.txt'), { maxBytes: 5, roots: [inside] }).toString(), 'hello');
    const e = refusal(() => readBoundedSync(path.join(inside, 'ok.txt'), { maxBytes: 4 }));
    assert.equal(e.reason, 'too-large');
    assert.equal(e.message, 'larger than 4 bytes');
  });

  it('refuses a missing file, a directory, a device and a FIFO, the FIFO at once', () => {
    assert.equal(refusal(() => readBoundedSync(path.join(dir, 'nope'), { maxBytes: 10 })).reason, 'missing');
    const folder = refusal(() => readBoundedSync(inside, { maxBytes: 10 }));
    assert.deepEqual([folder.reason, folder.message], ['not-regular', 'not a regular file (a directory)']);
    if (!posix) return;
    assert.equal(refusal(() => readBoundedSync('/dev/zero', { maxBytes: 10 })).message, 'not a regular file (a character device)');
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    assert.equal(refusal(() => readBoundedSync(fifo, { maxBytes: 10 })).message, 'not a regular file (a FIFO)');
    assert.ok(performance.now() - started < 1000);
  });

  it('follows a symlink inside the roots and refuses one that leaves them, without quoting the target', function () {
    if (!posix) this.skip();
    fs.symlinkSync(path.join(inside, 'ok.txt'), path.join(inside, 'link-in'));
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(inside, 'link-out'));
    fs.symlinkSync('../secret.txt', path.join(inside, 'relative-out'));
    assert.equal(readBoundedSync(path.join(inside, 'link-in'), { maxBytes: 10, roots: [inside] }).toString(), 'hello');
    for (const name of ['link-out', 'relative-out']) {
      const e = refusal(() => readBoundedSync(path.join(inside, name), { maxBytes: 10, roots: [inside] }));
      assert.equal(e.reason, 'outside-roots');
      assert.ok(!e.message.includes('secret'), e.message);
    }
  });

  it('takes a root named through a link at its real place', function () {
    if (!posix) this.skip();
    const linked = path.join(dir, 'linked-root');
    fs.symlinkSync(inside, linked);
    assert.equal(readBoundedSync(path.join(linked, 'ok.txt'), { maxBytes: 10, roots: [linked] }).toString(), 'hello');
    assert.equal(refusal(() => readBoundedSync(path.join(dir, 'secret.txt'), { maxBytes: 10, roots: [linked] })).reason, 'outside-roots');
  });

  it('resolves each root once per resolver: a run keeps its roots, the next run sees a link moved', function () {
    if (!posix) this.skip();
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    const link = path.join(dir, 'moving-root');
    fs.symlinkSync(inside, link);
    const run = rootResolver();
    assert.equal(run(link), inside);
    fs.rmSync(link);
    fs.symlinkSync(other, link);
    assert.equal(run(link), inside);
    assert.equal(rootResolver()(link), other);
  });

  it('proves each folder link-free once per run: a later file in it costs no lstat, a new run proves again', function () {
    if (!posix) this.skip();
    const deep = path.join(inside, 'proven', 'deep');
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'a.txt'), 'a');
    fs.writeFileSync(path.join(deep, 'b.txt'), 'b');
    const looked: string[] = [];
    // The module object itself (an `import *` namespace cannot be assigned to), as the reader calls it.
    const nodeFs = createRequire(__filename)('node:fs') as { lstatSync: typeof fs.lstatSync };
    const lstat = nodeFs.lstatSync;
    nodeFs.lstatSync = ((p: fs.PathLike, o?: fs.StatSyncOptions) => (looked.push(String(p)), lstat(p, o))) as typeof fs.lstatSync;
    try {
      const run = new LinkFreeFolders();
      const read = (name: string, memo = run) => readBoundedSync(path.join(deep, name), { maxBytes: 10, roots: [inside] }, undefined, memo);
      assert.equal(read('a.txt').toString(), 'a');
      // The file's own name is never lstat'ed: the open refuses to follow it.
      assert.deepEqual(looked, [path.join(inside, 'proven'), deep]);
      looked.length = 0;
      assert.equal(read('b.txt').toString(), 'b');
      assert.deepEqual(looked, []);
      looked.length = 0;
      assert.equal(read('b.txt', new LinkFreeFolders()).toString(), 'b');
      assert.deepEqual(looked, [path.join(inside, 'proven'), deep]);
    } finally {
      nodeFs.lstatSync = lstat;
    }
  });

  it('opens a file below proven folders without following it: a FIFO is refused at once, a folder and a link out too', async function () {
    if (!posix) this.skip();
    const below = path.join(inside, 'below');
    fs.mkdirSync(path.join(below, 'folder'), { recursive: true });
    fs.writeFileSync(path.join(below, 'ok.txt'), 'ok');
    execFileSync('mkfifo', [path.join(below, 'fifo')]);
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(below, 'out'));
    fs.symlinkSync(path.join(below, 'ok.txt'), path.join(below, 'in'));
    const run = new LinkFreeFolders();
    const limits = { maxBytes: 10, roots: [inside] };
    // The folder proven first, so that every name below takes the open-without-following way.
    assert.equal(readBoundedSync(path.join(below, 'ok.txt'), limits, undefined, run).toString(), 'ok');
    const started = performance.now();
    for (const name of ['fifo', 'folder', 'out', 'in', 'nope']) {
      const file = path.join(below, name);
      assert.deepEqual(
        await outcome(() => readBoundedSync(file, limits, undefined, run)),
        await outcome(() => readBounded(file, limits)),
        name,
      );
    }
    assert.ok(performance.now() - started < 1000);
    assert.equal(refusal(() => readBoundedSync(path.join(below, 'fifo'), limits, undefined, run)).message, 'not a regular file (a FIFO)');
    assert.equal(readBoundedSync(path.join(below, 'in'), limits, undefined, run).toString(), 'ok');
  });

  it('sees a folder turned into a link out of the root between runs', function () {
    if (!posix) this.skip();
    const moved = path.join(inside, 'moved');
    fs.mkdirSync(moved);
    fs.writeFileSync(path.join(moved, 'c.txt'), 'c');
    const read = (run: LinkFreeFolders) => () =>
      readBoundedSync(path.join(moved, 'c.txt'), { maxBytes: 10, roots: [inside] }, undefined, run);
    assert.equal(read(new LinkFreeFolders())().toString(), 'c');
    fs.rmSync(moved, { recursive: true });
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.writeFileSync(path.join(dir, 'elsewhere', 'c.txt'), 'x');
    fs.symlinkSync(path.join(dir, 'elsewhere'), moved);
    // The next run's memo looks at `moved` again and finds the link.
    const second = read(new LinkFreeFolders());
    assert.equal(refusal(second).reason, 'outside-roots');
  });

  it('refuses a file reached through a folder link that leaves the root, and reads one through a link that stays', function () {
    if (!posix) this.skip();
    fs.mkdirSync(path.join(inside, 'sub'));
    fs.writeFileSync(path.join(inside, 'sub', 'ok.txt'), 'sub');
    fs.symlinkSync(dir, path.join(inside, 'up-link'));
    fs.symlinkSync(path.join(inside, 'sub'), path.join(inside, 'sub-link'));
    assert.equal(readBoundedSync(path.join(inside, 'sub-link', 'ok.txt'), { maxBytes: 10, roots: [inside] }).toString(), 'sub');
    assert.equal(
      refusal(() => readBoundedSync(path.join(inside, 'up-link', 'secret.txt'), { maxBytes: 10, roots: [inside] })).reason,
      'outside-roots',
    );
    assert.equal(
      refusal(() => readBoundedSync(`${inside}/sub/../../secret.txt`, { maxBytes: 10, roots: [inside] })).reason,
      'outside-roots',
    );
    assert.equal(
      refusal(() => readBoundedSync(path.join(inside, 'sub', 'nope', 'x'), { maxBytes: 10, roots: [inside] })).reason,
      'missing',
    );
  });

  it('answers as readBounded does for any path through folders, links out and in, and ..', async function () {
    if (!posix) this.skip();
    // root/ and outside/ each hold f.txt, a folder a/ (three deep) and, in every folder, links
    // `in` (to root/a), `out` (to outside) and `lf` (to outside/f.txt).
    const tree = fs.mkdtempSync(path.join(dir, 'tree-'));
    const root = path.join(tree, 'root');
    const outside = path.join(tree, 'outside');
    for (const top of [root, outside])
      for (let folder = top, depth = 0; depth < 4; folder = path.join(folder, 'a'), depth++) {
        fs.mkdirSync(folder);
        fs.writeFileSync(path.join(folder, 'f.txt'), `${path.relative(tree, folder)}`);
        fs.symlinkSync(path.join(root, 'a'), path.join(folder, 'in'));
        fs.symlinkSync(outside, path.join(folder, 'out'));
        fs.symlinkSync(path.join(outside, 'f.txt'), path.join(folder, 'lf'));
      }
    const name = fc.constantFrom('a', 'in', 'out', '..', '.', '', 'f.txt', 'nope');
    const oneRun = new LinkFreeFolders();
    const cwd = process.cwd();
    // Named from the tree's folder too, as `check root/a/f.txt` in a repository is.
    process.chdir(tree);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(root, 'root'),
          fc.array(name, { maxLength: 4 }),
          fc.constantFrom('f.txt', 'lf', 'a', 'f.txt/'),
          async (start, folders, last) => {
            const file = [start, ...folders, last].join('/');
            const limits = { maxBytes: 64, roots: [root] };
            const expected = await outcome(() => readBounded(file, limits));
            assert.deepEqual(await outcome(() => readBoundedSync(file, limits)), expected, file);
            // One run's memo of proven folders, shared by every path of the property, changes no answer.
            assert.deepEqual(await outcome(() => readBoundedSync(file, limits, undefined, oneRun)), expected, file);
          },
        ),
        { numRuns: 400 },
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('roots a file where path.relative says, for any name and working directory', () => {
    const part = fc.constantFrom('..', '.', 'repo', 'repo2', '..x', 'Modelfile');
    const name = fc.array(part, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.boolean(),
        name,
        fc.array(
          part.filter((p) => p !== '..'),
          { maxLength: 3 },
        ),
        (absolute, parts, cwdParts) => {
          const cwd = path.join('/', ...cwdParts);
          const file = absolute ? path.join('/', ...parts) : parts.join('/');
          const resolved = path.resolve(cwd, file);
          const expected = leaves(path.relative(cwd, resolved)) ? path.dirname(resolved) : cwd;
          assert.equal(rootFor(file, cwd), expected, `${file} in ${cwd}`);
          // As a reader calls it, with the working directory resolved once.
          assert.equal(rootFor(file, cwd, path.resolve(cwd)), expected, `${file} in ${cwd}`);
        },
      ),
    );
  });

  it('reads each file named for a run the same as readBounded: its bytes, or the same refusal', async () => {
    const files = fs.mkdtempSync(path.join(dir, 'prop-'));
    const read = createNamedFileReader(files).readFile;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 320 }), async (content, maxBytes) => {
        const file = path.join(files, `f${n++}`, 'Modelfile');
        fs.mkdirSync(path.dirname(file));
        fs.writeFileSync(file, content);
        const sync = await outcome(() => read(file, maxBytes));
        if (content.length <= maxBytes) assert.deepEqual(sync, { bytes: Buffer.from(content).toString('hex') });
        else assert.deepEqual(sync, { reason: 'too-large', message: `larger than ${maxBytes} bytes` });
        assert.deepEqual(await outcome(() => readBounded(file, { maxBytes, roots: [path.dirname(file)] })), sync);
      }),
      { numRuns: 150 },
    );
  });

  it('reads text through one reused buffer: each file decoded whole (or found binary), under the same bound, and no bytes handed out ever change', async () => {
    const files = fs.mkdtempSync(path.join(dir, 'text-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        // Sizes on both sides of the reused buffer's first 64 KiB, in runs that grow and shrink it.
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 255 }), fc.boolean(), fc.boolean()), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 150_000 }),
        async (specs, maxBytes) => {
          const reader = createNamedFileReader(files);
          const handedOut: { bytes: Buffer; copy: string }[] = [];
          for (const [size, fill, asText, withNul] of specs) {
            const content = Buffer.alloc(size, fill);
            // A line end and a multi-byte character at the end: a short read or a stale tail would show.
            if (size >= 4) Buffer.from('\n\u00e9', 'utf8').copy(content, size - 3);
            // One NUL in the middle makes a file binary, whatever surrounds it.
            if (withNul && size >= 8) content[size >> 1] = 0;
            const file = path.join(files, `t${n++}`, 'Modelfile');
            fs.mkdirSync(path.dirname(file));
            fs.writeFileSync(file, content);
            if (asText) {
              // A file with a NUL byte is binary: undefined, not its text.
              const text = await outcome(() => Buffer.from(reader.readNamedText(file, maxBytes) ?? 'BINARY', 'utf8'));
              const expected = content.includes(0) ? 'BINARY' : content.toString('utf8');
              if (size <= maxBytes) assert.deepEqual(text, { bytes: Buffer.from(expected, 'utf8').toString('hex') });
              else assert.deepEqual(text, { reason: 'too-large', message: `larger than ${maxBytes} bytes` });
            } else if (size <= maxBytes) {
              const bytes = reader.readFile(file, maxBytes);
              assert.ok(bytes.equals(content));
              handedOut.push({ bytes, copy: bytes.toString('hex') });
            }
          }
          for (const h of handedOut) assert.equal(h.bytes.toString('hex'), h.copy);
        },
      ),
      { numRuns: 60 },
    );
  });
});
