import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RawHardware } from '../../../server/src/engine/hardware/raw';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { createHardwareService, type HardwareLog } from '../../../server/src/hardware/hardwareService';
import { runDetectWorker } from '../../../server/src/hardware/runDetectWorker';
import { fixture, gpuCatalog } from './gpuCatalog';

function recordingLog() {
  const lines: { level: 'info' | 'warn'; message: string }[] = [];
  const log: HardwareLog = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
  };
  return { log, warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.message) };
}

/** Resolves with the next change the service announces. */
const nextChange = (service: ReturnType<typeof createHardwareService>) =>
  new Promise<Hardware>((resolve) => {
    const sub = service.onDidChange((hw) => {
      sub.dispose();
      resolve(hw);
    });
  });

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-hw-'));
}

/** A stand-in for dist/detectWorker.js: plain JS the child process can run. */
function writeWorker(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('hardware service', () => {
  it('answers at once while a detection that never answers runs, then reports the timeout once', async () => {
    const { log, warnings } = recordingLog();
    let calls = 0;
    const service = createHardwareService({
      catalog: gpuCatalog(),
      detect: () => {
        calls++;
        return new Promise<RawHardware>(() => {});
      },
      timeoutMs: 80,
      log,
    });
    const changed = nextChange(service);
    service.start();
    const began = process.hrtime.bigint();
    const now = service.current();
    const elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
    assert.ok(elapsedMs < 100, `current() took ${elapsedMs} ms`);
    assert.equal(now.source, 'pending');
    assert.match(now.note ?? '', /not detected yet/);

    const failed = await changed;
    assert.equal(failed.source, 'failed');
    assert.match(failed.note ?? '', /timed out after 0\.08 s/);
    assert.equal(service.current(), failed);
    assert.equal(warnings().length, 1);

    // Detecting again times out the same way: still one line in the log, no new change event.
    let events = 0;
    service.onDidChange(() => events++);
    await service.refresh();
    assert.equal(calls, 2);
    assert.equal(warnings().length, 1);
    assert.equal(events, 0);
    service.dispose();
  });

  it('publishes the detected hardware and joins concurrent refreshes', async () => {
    let calls = 0;
    let release!: (raw: RawHardware) => void;
    const service = createHardwareService({
      catalog: gpuCatalog(),
      detect: () => {
        calls++;
        return new Promise<RawHardware>((resolve) => (release = resolve));
      },
      timeoutMs: 5000,
    });
    const a = service.refresh();
    const b = service.refresh();
    assert.equal(calls, 1);
    release(fixture('nvidia-4070-ti-super'));
    const [hwA, hwB] = await Promise.all([a, b]);
    assert.equal(hwA, hwB);
    assert.equal(hwA.source, 'detected');
    assert.equal(hwA.devices.length, 1);
    assert.equal(service.current(), hwA);
    service.dispose();
  });

  it('keeps the last good detection when detecting again fails, and never rejects', async () => {
    const { log, warnings } = recordingLog();
    const answers: (() => Promise<RawHardware>)[] = [
      async () => fixture('nvidia-4070-ti-super'),
      async () => Promise.reject(new Error('lspci crashed')),
    ];
    const service = createHardwareService({ catalog: gpuCatalog(), detect: () => answers.shift()!(), timeoutMs: 5000, log });
    const first = await service.refresh();
    const second = await service.refresh();
    assert.equal(second.devices.length, first.devices.length);
    assert.equal(second.devices[0].catalogId, first.devices[0].catalogId);
    assert.match(second.note ?? '', /lspci crashed.*previous detection/);
    assert.deepEqual(warnings(), ['RunLocalAI: hardware detection failed: lspci crashed']);
    service.dispose();
  });

  it('kills a worker process that hangs, and reports the timeout', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'pid');
    // Blocks its own event loop the way a synchronous nvidia-smi call does.
    const worker = writeWorker(
      dir,
      'hang.js',
      `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); const end = Date.now() + 60000; while (Date.now() < end) {}`,
    );
    const { log, warnings } = recordingLog();
    const service = createHardwareService({ catalog: gpuCatalog(), workerPath: worker, timeoutMs: 1500, log });
    const hw = await service.refresh();
    assert.equal(hw.source, 'failed');
    assert.match(hw.note ?? '', /timed out/);
    assert.equal(warnings().length, 1);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    await waitUntil(() => !isAlive(pid), 'the hung worker is gone');
  });

  it('says why when the worker dies without answering', async () => {
    const dir = tempDir();
    const worker = writeWorker(dir, 'crash.js', `process.stderr.write('boom: no systeminformation\\n'); process.exit(3);`);
    await assert.rejects(runDetectWorker(worker), /code 3.*boom: no systeminformation/);
  });

  it('runs the real detection worker on this machine', async function () {
    // Bundles server/src/hardware/detectWorker.ts as scripts/build.mjs does for dist/detectWorker.js.
    const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
    const out = path.join(tempDir(), 'detectWorker.js');
    esbuild.buildSync({
      entryPoints: [path.join(process.cwd(), 'server/src/hardware/detectWorker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: out,
      logLevel: 'silent',
    });
    const raw = await runDetectWorker(out);
    assert.ok(Array.isArray(raw.graphics.controllers));
    assert.equal(raw.osInfo?.platform, process.platform === 'win32' ? 'Windows' : process.platform);
    assert.equal(raw.mem?.total, os.totalmem());
    // Only the fields matching reads cross the process boundary.
    for (const c of raw.graphics.controllers) assert.ok(!('serial' in c) && !('temperatureGpu' in c));
  });
});
