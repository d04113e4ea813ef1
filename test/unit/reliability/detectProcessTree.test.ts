import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDetectWorker } from '../../../server/src/hardware/runDetectWorker';

/** Alive and not a zombie waiting for a reaper (PID 1 in a container may never reap). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('detection worker process tree (issue 11, item 6)', function () {
  if (process.platform === 'win32') return;
  this.timeout(20_000);

  it('kills the children of a worker it cancels, not only the worker', async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-tree-')), 'child.pid');
    process.env.RUNLOCALAI_TEST_CHILD_PID_FILE = pidFile;
    const abort = new AbortController();
    const run = runDetectWorker(path.resolve('test/protocol/fixtures/hangingWorkerWithChild.cjs'), abort.signal);
    const settled = run.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    try {
      await until('the worker to start its child', () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8') !== '');
      const child = Number(fs.readFileSync(pidFile, 'utf8'));
      assert.ok(alive(child));
      abort.abort();
      assert.equal(await settled, 'detection cancelled');
      await until(`the hung child ${child} to be gone`, () => !alive(child), 3000);
    } finally {
      delete process.env.RUNLOCALAI_TEST_CHILD_PID_FILE;
      if (fs.existsSync(pidFile)) {
        try {
          process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGKILL');
        } catch {
          // gone, as it should be
        }
      }
    }
  });

  it('rejects a worker that answers garbage with a message that does not repeat it', async () => {
    await assert.rejects(runDetectWorker(path.resolve('test/protocol/fixtures/garbageWorker.cjs')), (e: Error) => {
      assert.match(e.message, /not an answer/);
      assert.ok(!e.message.includes('\u0000'));
      return true;
    });
  });
});
