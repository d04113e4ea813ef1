import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { localPath, TargetFiles } from '../../../server/src/lsp/targetFile';
import { testCatalog } from '../../helpers/catalog';

// Every hover and validation asks which hardware a document's repository declares: the folders are
// looked at again at most once a second, so a .runlocalai.yaml written meanwhile counts a second later.
describe('.runlocalai.yaml look-up in the server', () => {
  it('reads its clock without touching `performance` (Node loads perf_hooks then: 1-4 ms of a first open)', () => {
    const own = Object.getOwnPropertyDescriptor(globalThis, 'performance');
    assert.ok(own?.configurable, 'performance is a configurable global here');
    let touched = 0;
    Object.defineProperty(globalThis, 'performance', {
      configurable: true,
      get: () => {
        touched++;
        return own.get ? own.get.call(globalThis) : own.value;
      },
    });
    try {
      const catalog = testCatalog();
      const targets = new TargetFiles(
        () => catalog,
        () => undefined,
      );
      const uri = pathToFileURL(path.join(os.tmpdir(), 'runlocalai-no-such-folder', 'Modelfile')).href;
      const base: Hardware = { devices: [], source: 'detected' };
      targets.hardwareFor(uri, base);
      targets.hardwareFor(uri, base);
      assert.equal(touched, 0);
    } finally {
      Object.defineProperty(globalThis, 'performance', own);
    }
  });

  it('answers from the last look within a second, and sees a new file after it', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-target-'));
    try {
      fs.mkdirSync(path.join(repo, '.git'));
      fs.mkdirSync(path.join(repo, 'deploy'));
      const uri = pathToFileURL(path.join(repo, 'deploy', 'Modelfile')).href;
      let clock = 0;
      const catalog = testCatalog();
      const targets = new TargetFiles(
        () => catalog,
        () => undefined,
        () => clock,
      );
      const base: Hardware = { devices: [], source: 'detected' };
      assert.equal(targets.hardwareFor(uri, base), undefined);
      fs.writeFileSync(path.join(repo, '.runlocalai.yaml'), 'gpus: 2 x RTX 3090\nram: 64GB\n');
      clock = 500;
      assert.equal(targets.hardwareFor(uri, base), undefined, 'looked again within the second');
      clock = 1001;
      assert.equal(targets.hardwareFor(uri, base)?.devices.length, 2);
      // Other base hardware (detection finished): looked up again at once, with it.
      fs.rmSync(path.join(repo, '.runlocalai.yaml'));
      const detected: Hardware = { devices: [], source: 'detected', ramBytes: 1 };
      assert.equal(targets.hardwareFor(uri, detected), undefined);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('.runlocalai.yaml judged on the hardware of the moment', () => {
  it("a file that leaves out RAM takes the base hardware's, also after detection changes it; a folder of that name is passed over", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-target-'));
    try {
      fs.mkdirSync(path.join(repo, '.git'));
      fs.mkdirSync(path.join(repo, 'deploy', '.runlocalai.yaml'), { recursive: true });
      fs.writeFileSync(path.join(repo, '.runlocalai.yaml'), 'gpus: 2 x RTX 3090\n');
      const uri = pathToFileURL(path.join(repo, 'deploy', 'Modelfile')).href;
      const catalog = testCatalog();
      const logged: string[] = [];
      const targets = new TargetFiles(
        () => catalog,
        (m) => logged.push(m),
      );
      const before: Hardware = { devices: [], source: 'pending', ramBytes: 16 * 2 ** 30 };
      const detected: Hardware = { devices: [], source: 'detected', ramBytes: 64 * 2 ** 30 };
      assert.equal(targets.hardwareFor(uri, before)?.ramBytes, 16 * 2 ** 30);
      const after = targets.hardwareFor(uri, detected);
      assert.equal(after?.devices.length, 2);
      assert.equal(after?.ramBytes, 64 * 2 ** 30);
      assert.deepEqual(logged, []);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('file: URIs read as paths for the look-up', () => {
  it('gives the path fileURLToPath gives, with or without escapes', () => {
    for (const p of ['/a/b/Modelfile', '/with space/Modelfile', '/per%cent/x', '/ünï/cödé', '/q?/x#y']) {
      const uri = pathToFileURL(p).href;
      assert.equal(localPath(uri), fileURLToPath(uri), uri);
    }
  });
});
