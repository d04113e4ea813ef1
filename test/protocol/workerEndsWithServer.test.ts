import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestServer } from '../helpers/lspClient';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(what: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return what();
}

describe('hardware detection worker', () => {
  it('does not outlive the server: a detection still running when the server exits is killed', async function () {
    if (process.platform === 'win32') this.skip(); // process groups; the worker alone is killed there
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rla-worker-')), 'pid');
    const s = await startTestServer({
      env: {
        RUNLOCALAI_DETECT_WORKER: path.resolve('test/protocol/fixtures/hangingWorker.cjs'),
        RUNLOCALAI_DETECT_TIMEOUT_MS: '600000',
        RUNLOCALAI_TEST_WORKER_PID_FILE: pidFile,
      },
    });
    assert.ok(await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8') !== '', 10_000), 'the worker never started');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(alive(pid), 'the hanging worker should be running while the server runs');
    await s.stop();
    assert.ok(await waitFor(() => !alive(pid), 5_000), `detection worker ${pid} still runs after the server exited`);
    fs.rmSync(path.dirname(pidFile), { recursive: true, force: true });
  });
});
