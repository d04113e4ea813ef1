import type { Catalog } from '../engine/catalog/schema';
import { hardwareFromSystemInformation } from '../engine/hardware/fromSystemInformation';
import type { RawHardware } from '../engine/hardware/raw';
import { noHardwareYet, type Hardware } from '../engine/hardware/types';
import { defaultWorkerPath, runDetectWorker } from './runDetectWorker';

export interface HardwareLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface HardwareServiceOptions {
  catalog: Pick<Catalog, 'gpus'>;
  /** Returns systeminformation's answers. Default: dist/detectWorker.js in a child process. */
  detect?: (signal: AbortSignal) => Promise<RawHardware>;
  /** Hard limit for one detection; default 10 s. */
  timeoutMs?: number;
  log?: HardwareLog;
  /** Where dist/detectWorker.js is, when the default `detect` is used. */
  workerPath?: string;
}

export interface Disposable {
  dispose(): void;
}

export interface HardwareService {
  /** Starts the first detection in the background, once. */
  start(): void;
  /** What is known now; answers at once, also while detection runs. */
  current(): Hardware;
  /** Detects again (joining a detection already running). Never rejects. */
  refresh(): Promise<Hardware>;
  /** systeminformation's answers behind current(), when a detection succeeded (for `runlocalai gpu --json`). */
  lastRaw(): RawHardware | undefined;
  /** Called with the new hardware whenever it changes. */
  onDidChange(listener: (hw: Hardware) => void): Disposable;
  dispose(): void;
}

export const defaultDetectionTimeoutMs = 10_000;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;

/**
 * Hardware detection that never blocks and never throws: it runs systeminformation off the
 * language server's thread, gives up after a hard timeout, keeps the last good answer, and
 * says once in the log when detection fails (not again for the same failure).
 */
export function createHardwareService(options: HardwareServiceOptions): HardwareService {
  const timeoutMs = options.timeoutMs ?? defaultDetectionTimeoutMs;
  const log = options.log;
  const workerPath = options.workerPath ?? defaultWorkerPath();
  const detect = options.detect ?? ((signal: AbortSignal) => runDetectWorker(workerPath, signal));
  const listeners = new Set<(hw: Hardware) => void>();
  let known: Hardware = noHardwareYet;
  let lastGood: Hardware | undefined;
  let lastRaw: RawHardware | undefined;
  let lastFailure: string | undefined;
  let inFlight: Promise<Hardware> | undefined;
  let controller: AbortController | undefined;
  let started = false;
  let disposed = false;

  const publish = (hw: Hardware) => {
    const changed = JSON.stringify(hw) !== JSON.stringify(known);
    known = hw;
    if (!changed || disposed) return;
    for (const l of [...listeners]) {
      try {
        l(hw);
      } catch (err) {
        log?.warn(`hardware listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  const fail = (reason: string): Hardware => {
    if (reason !== lastFailure) log?.warn(`RunLocalAI: ${reason}`);
    lastFailure = reason;
    // A failed re-detection keeps the last good answer: the machine has not lost its GPU.
    return lastGood
      ? { ...lastGood, note: `${reason}; showing the previous detection` }
      : { devices: [], source: 'failed', note: `${reason}; set runlocalai.gpu to use a GPU anyway` };
  };

  const run = async (): Promise<Hardware> => {
    const abort = new AbortController();
    controller = abort;
    const began = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([detect(abort.signal).then((raw) => ({ raw })), timedOut]);
      if (outcome === 'timeout') {
        abort.abort();
        return fail(`hardware detection timed out after ${seconds(timeoutMs)}`);
      }
      const hw = hardwareFromSystemInformation(outcome.raw, options.catalog);
      lastGood = hw;
      lastRaw = outcome.raw;
      lastFailure = undefined;
      log?.info(`RunLocalAI: ${hw.note ?? 'hardware detected'} (${seconds(Date.now() - began)})`);
      return hw;
    } catch (err) {
      return disposed ? known : fail(`hardware detection failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
      if (controller === abort) controller = undefined;
    }
  };

  const refresh = (): Promise<Hardware> => {
    if (disposed) return Promise.resolve(known);
    started = true;
    // The run is over before listeners hear of it, so a listener that calls refresh() starts a new one.
    inFlight ??= run().then((hw) => {
      inFlight = undefined;
      publish(hw);
      return known;
    });
    return inFlight;
  };

  return {
    start() {
      if (!started) void refresh();
    },
    current: () => known,
    lastRaw: () => lastRaw,
    refresh,
    onDidChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    dispose() {
      disposed = true;
      controller?.abort();
      listeners.clear();
    },
  };
}
