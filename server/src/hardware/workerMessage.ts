import type { RawHardware } from '../engine/hardware/raw';

/** The one message dist/detectWorker.js sends its parent. */
export type WorkerMessage = { ok: true; raw: RawHardware } | { ok: false; error: string };
