import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { RawHardware } from '../engine/hardware/raw';
import type { WorkerMessage } from './workerMessage';

/** dist/detectWorker.js beside the running bundle (dist/server.js or dist/cli.js). */
export function defaultWorkerPath(): string {
  return path.join(__dirname, 'detectWorker.js');
}

/**
 * Runs the detection worker in a child process and resolves with its answer. Aborting kills the
 * child; that is how a timeout frees a worker stuck in a synchronous nvidia-smi call.
 */
export function runDetectWorker(workerPath: string, signal?: AbortSignal): Promise<RawHardware> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('detection cancelled'));
    const child = fork(workerPath, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(() => reject(new Error('detection cancelled')));
    };
    signal?.addEventListener('abort', onAbort);
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 2000) stderr += d.toString();
    });
    child.on('message', (m: WorkerMessage) => finish(() => (m.ok ? resolve(m.raw) : reject(new Error(m.error)))));
    child.on('error', (err) => finish(() => reject(err)));
    child.on('exit', (code, sig) =>
      finish(() =>
        reject(
          new Error(
            `detection worker exited (${sig ?? `code ${code}`}) without an answer${stderr ? `: ${stderr.trim().split('\n')[0]}` : ''}`,
          ),
        ),
      ),
    );
  });
}
