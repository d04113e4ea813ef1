// Entry of dist/cli.js (the `runlocalai` bin).
import * as fs from 'node:fs';
import * as os from 'node:os';
import { loadBundledCatalog } from '../catalogFile';
import { runCli } from './cli';

// TEMPORARY until server/src/hardware lands: detection reports no GPU.
const detect = async () => ({ devices: [], ramBytes: os.totalmem(), source: 'failed' as const, note: 'detection not built yet' });

runCli(process.argv.slice(2), {
  catalog: loadBundledCatalog(),
  detect,
  io: {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    readFile: (p) => fs.readFileSync(p),
    fileSize: (p) => fs.statSync(p).size,
  },
}).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`runlocalai: ${err instanceof Error ? err.stack : err}\n`);
    process.exitCode = 3;
  },
);
