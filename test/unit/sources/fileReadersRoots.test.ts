import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFileReaders } from '../../../server/src/sources/fileReaders';

// The CLI hands the readers the folder of every file it was named; they are resolved when a path
// first needs them, not when the readers are made (a run of catalog names reads no file at all).
describe('the source readers resolve their roots when first needed', () => {
  it('takes a root at the place it names at the first read, and keeps it', function () {
    if (process.platform === 'win32') this.skip();
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rlai-roots-')));
    try {
      for (const name of ['first', 'second']) {
        fs.mkdirSync(path.join(dir, name));
        fs.writeFileSync(path.join(dir, name, 'config.json'), `{"in":"${name}"}`);
      }
      const root = path.join(dir, 'models');
      fs.symlinkSync(path.join(dir, 'first'), root);
      const readers = createFileReaders({ roots: [root] });
      fs.rmSync(root);
      fs.symlinkSync(path.join(dir, 'second'), root);
      assert.equal(readers.readText(path.join(dir, 'second', 'config.json'), 100), '{"in":"second"}');
      assert.equal(readers.readText(path.join(dir, 'first', 'config.json'), 100), undefined, 'outside the root');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
