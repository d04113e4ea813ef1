// Entry of dist/server.js: `node dist/server.js --stdio` (or --node-ipc, as VS Code starts it).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadBundledCatalog } from '../catalogFile';
import { createHardwareService } from '../hardware/hardwareService';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// Never die on a bad document: log and keep serving.
process.on('uncaughtException', (err) => connection.console.error(`RunLocalAI server error: ${err.stack ?? err}`));

const catalog = loadBundledCatalog();
// Detection runs dist/detectWorker.js in a child process with a hard timeout; the server answers meanwhile.
const hardware = createHardwareService({
  catalog,
  log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m) },
});

startServer({ connection, catalog, hardware });
