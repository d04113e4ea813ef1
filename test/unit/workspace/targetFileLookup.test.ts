import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { targetFileLookup } from '../../../server/src/workspace/targetFileLookup';
import { findTargetFile, type FolderIO } from '../../../server/src/workspace/files';

/** A file system of the given files (and their folders), counting the paths it is asked about. */
function fakeTree(files: string[]) {
  const folders = new Set<string>();
  for (const f of files) for (let d = path.dirname(f); !folders.has(d) && d !== path.dirname(d); d = path.dirname(d)) folders.add(d);
  const asked: string[] = [];
  const io: FolderIO = {
    stat: (p) => {
      asked.push(p);
      if (files.includes(p)) return { isDirectory: false, isFile: true, size: 10 };
      return folders.has(p) ? { isDirectory: true, isFile: false, size: 0 } : undefined;
    },
  };
  return { io, asked };
}

describe('the .runlocalai.yaml lookup of one check run', () => {
  it('looks at each path once, however many files share the folders', () => {
    const files = ['/repo/.git', '/repo/.runlocalai.yaml'];
    const { io, asked } = fakeTree(files);
    const lookup = targetFileLookup(io);
    for (let i = 0; i < 200; i++) assert.equal(lookup(`/repo/deploy/m${i % 20}`), '/repo/.runlocalai.yaml');
    assert.equal(new Set(asked).size, asked.length, 'a path was looked at twice');
    // Each of the 20 folders: its own .runlocalai.yaml and .git; then the shared parents once.
    assert.ok(asked.length <= 20 * 2 + 4, `${asked.length} paths looked at`);
  });

  it('answers as findTargetFile does, for any tree of target files and repository roots', () => {
    const part = fc.constantFrom('a', 'b', 'c');
    const folder = fc.array(part, { maxLength: 4 }).map((parts) => path.join('/', ...parts));
    fc.assert(
      fc.property(
        fc.array(folder, { maxLength: 5 }),
        fc.array(folder, { maxLength: 3 }),
        fc.array(folder, { minLength: 1, maxLength: 12 }),
        (targets, repos, asked) => {
          const files = [...targets.map((d) => path.join(d, '.runlocalai.yaml')), ...repos.map((d) => path.join(d, '.git'))];
          const lookup = targetFileLookup(fakeTree(files).io);
          for (const dir of asked) assert.equal(lookup(dir), findTargetFile(dir, fakeTree(files).io), dir);
        },
      ),
    );
  });

  it('is one run: a lookup made after a file is added finds it', () => {
    const files = ['/repo/.git'];
    const first = targetFileLookup(fakeTree(files).io);
    assert.equal(first('/repo/models'), undefined);
    files.push('/repo/models/.runlocalai.yaml');
    assert.equal(targetFileLookup(fakeTree(files).io)('/repo/models'), '/repo/models/.runlocalai.yaml');
  });
});
