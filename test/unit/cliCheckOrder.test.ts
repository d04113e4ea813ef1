import * as assert from 'node:assert/strict';
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
});
