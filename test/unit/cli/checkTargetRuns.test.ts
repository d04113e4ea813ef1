import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { cli } from '../../helpers/cli';

// `check` looks up each folder's .runlocalai.yaml once per run; a second run must see a target
// file added after the first, and every file of a folder must be judged against it.
describe('runlocalai check over many folders of one repository', () => {
  it('judges every file against the target file of its folder, and a later run sees a new one', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-targets-'));
    try {
      fs.mkdirSync(path.join(root, '.git'));
      for (let i = 0; i < 12; i++) {
        fs.mkdirSync(path.join(root, `team${i % 3}`, `m${i}`), { recursive: true });
        fs.writeFileSync(path.join(root, `team${i % 3}`, `m${i}`, 'Modelfile'), 'FROM llama3.1:70b\nPARAMETER num_ctx 8192\n');
      }
      const noDevice: Hardware = { devices: [], source: 'failed' };
      const first = await cli(['check', root, '--format', 'json'], noDevice);
      assert.doesNotMatch(first.err, /target hardware/);
      fs.writeFileSync(path.join(root, 'team1', '.runlocalai.yaml'), 'gpus: 2 x RTX 3090\n');
      fs.writeFileSync(path.join(root, '.runlocalai.yaml'), 'gpus: 1 x RTX 4060\n');
      const r = await cli(['check', root, '--format', 'json'], noDevice);
      const files: { path: string; deployments: { usableBytes: number }[] }[] = JSON.parse(r.out).files;
      assert.equal(files.length, 12);
      for (const f of files) {
        const team = path.relative(root, f.path).split(path.sep)[0];
        const gib = f.deployments[0].usableBytes / 1024 ** 3;
        if (team === 'team1') assert.ok(gib > 40, `${f.path}: ${gib} GiB, not two 24 GB cards`);
        else assert.ok(gib <= 8, `${f.path}: ${gib} GiB, not one 8 GB card`);
      }
      assert.equal(r.err.match(/using the target hardware declared in/g)?.length, 2, 'each target file is read once');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
