import type { Hardware } from '../engine/hardware/types';

/** What the server needs from hardware detection; the real one runs off-thread with a timeout. */
export interface HardwareSource {
  /** Starts detection in the background; never blocks. */
  start(): void;
  /** What is known now: detected, or pending/failed with a note. Answers at once. */
  current(): Hardware;
  refresh(): Promise<Hardware>;
  onDidChange(listener: () => void): void;
}
