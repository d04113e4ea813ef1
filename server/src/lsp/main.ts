// Entry of dist/server.bundle.js, which dist/server.js runs: `node dist/server.js --stdio` (or
// --node-ipc, as VS Code starts it).
import { lazyCatalog, loadBundledCatalog, loadCatalogFile } from '../catalogFile';
import { createHardwareService } from '../hardware/hardwareService';
import { createServerConnection } from './connection';
import { startServer, type StartedServer } from './server';

// The detection worker leads its own process group (so that a timeout can kill a hung nvidia-smi
// with it): it does not end with the server unless the server ends it, on shutdown or exit.
// Each message is shown to the server as it is read, before the library queues it (lsp/peekingReader.ts).
let onMessageRead: StartedServer['onMessageRead'] = () => {};
const connection = createServerConnection(
  () => hardware.dispose(),
  process.argv,
  (message) => onMessageRead(message),
);
// Never die on a bad document: log and keep serving.
process.on('uncaughtException', (err) => connection.console.error(`RunLocalAI server error: ${err.stack ?? err}`));

// RUNLOCALAI_CATALOG names another compiled catalog.json: `npm run bench` starts the server with a
// catalog scaled to the size it will grow to. Read when first needed, after initialize has answered.
const catalogFile = process.env.RUNLOCALAI_CATALOG;
const catalog = lazyCatalog(
  () => (catalogFile ? loadCatalogFile(catalogFile) : loadBundledCatalog()),
  (message) => connection.console.error(`${message} Until the server restarts, RunLocalAI answers without a catalog.`),
);
// Detection runs dist/detectWorker.js in a child process with a hard timeout; the server answers meanwhile.
// The two variables exist for tests and for machines whose driver is known to hang.
const timeoutMs = Number(process.env.RUNLOCALAI_DETECT_TIMEOUT_MS) || undefined;
const hardware = createHardwareService({
  // Its GPUs are looked up once detection has finished, never at start.
  catalog: {
    get gpus() {
      return catalog().gpus;
    },
  },
  timeoutMs,
  workerPath: process.env.RUNLOCALAI_DETECT_WORKER || undefined,
  log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m) },
});

onMessageRead = startServer({ connection, catalog, hardware }).onMessageRead;
process.on('exit', () => hardware.dispose());
