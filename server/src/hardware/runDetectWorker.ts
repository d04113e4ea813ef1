import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { RawHardware } from '../engine/hardware/raw';
import type { WorkerMessage } from './workerMessage';

/** dist/detectWorker.js beside the running bundle (dist/server.js or dist/cli.js). */
export function defaultWorkerPath(): string {
  return path.join(__dirname, 'detectWorker.js');
}

// Process groups are a POSIX notion; on Windows the worker alone is killed.
const GROUPS = process.platform !== 'win32';

function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (GROUPS) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // Already gone: the group ended with its last member.
  }
}

function isAnswer(m: unknown): m is Extract<WorkerMessage, { ok: true }> {
  const raw = (m as { raw?: unknown } | null)?.raw;
  return (m as { ok?: unknown } | null)?.ok === true && typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Why a message is not an answer, in words safe to log: never the message itself when it is not ours. */
function failureOf(m: unknown): string {
  const error = (m as { ok?: unknown; error?: unknown } | null)?.ok === false ? (m as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error.slice(0, 300) : 'the detection worker sent a message that is not an answer';
}

/**
 * Runs the detection worker in a child process and resolves with its answer. Aborting kills the
 * worker's whole process group: a timeout must free not only a worker stuck in a synchronous
 * nvidia-smi call but the hung nvidia-smi too, which killing the worker alone would orphan.
 */
export async function runDetectWorker(workerPath: string, signal?: AbortSignal): Promise<RawHardware> {
  if (signal?.aborted) throw new Error('detection cancelled');
  // Loaded when detection runs, not when the bundle starts: child_process (with net and dgram) is
  // about 3 ms of every start, and `check --gpu NAME` never detects.
  const { fork } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('detection cancelled'));
    // Detached: the worker leads its own process group, which holds everything it starts.
    const child = fork(workerPath, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json', detached: GROUPS });
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // Answered, failed or cancelled: whatever the worker started and left running is an orphan now.
      killTree(child);
      fn();
    };
    const onAbort = () => finish(() => reject(new Error('detection cancelled')));
    signal?.addEventListener('abort', onAbort);
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 2000) stderr += d.toString();
    });
    child.on('message', (m: unknown) => finish(() => (isAnswer(m) ? resolve(m.raw) : reject(new Error(failureOf(m))))));
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
