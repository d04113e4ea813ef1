// Entry of dist/cli.js (the `runlocalai` bin).
import { loadBundledCatalog } from '../catalogFile';
import { createHardwareService } from '../hardware/hardwareService';
import { runCli } from './cli';
import { readNamedFile } from './readNamedFile';

const catalog = loadBundledCatalog();
// Detection runs dist/detectWorker.js beside this bundle, with the same 10 s limit as the server.
const hardware = createHardwareService({ catalog, log: { info: () => {}, warn: (m) => process.stderr.write(`${m}\n`) } });

// `runlocalai ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli(process.argv.slice(2), {
  catalog,
  detect: () => hardware.refresh(),
  detectedRaw: () => hardware.lastRaw(),
  env: process.env,
  io: {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    readFile: readNamedFile,
  },
}).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`runlocalai: ${err instanceof Error ? err.stack : err}\n`);
    process.exitCode = 3;
  },
);
