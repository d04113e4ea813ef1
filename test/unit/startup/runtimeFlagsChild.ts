// Run by runtimeFlags.test.ts in a fresh Node process (V8 flags are process-wide):
// allocates as a busy server would and prints the young generation's size in bytes.
import * as v8 from 'node:v8';
import { applyRuntimeFlags, serverFlags } from '../../../server/src/startup/runtimeFlags';

if (process.argv.includes('--keep-small')) applyRuntimeFlags(serverFlags(['node:net']));
let live: { i: number; s: string }[] = [];
for (let i = 0; i < 2_000_000; i++) {
  live.push({ i, s: `object ${i}` });
  // A few thousand objects live at a time: enough survivors that V8 would grow the young generation.
  if (live.length > 20_000) live = [];
}
const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
process.stdout.write(String(young?.space_size ?? NaN));
