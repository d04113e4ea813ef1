// Entry of dist/server.js: `node dist/server.js --stdio` (or --node-ipc, as VS Code starts it).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadBundledCatalog } from '../catalogFile';
import { noHardwareYet, type Hardware } from '../engine/hardware/types';
import { startServer } from './server';
import type { HardwareSource } from './hardwareSource';

const connection = createConnection(ProposedFeatures.all);
// Never die on a bad document: log and keep serving.
process.on('uncaughtException', (err) => connection.console.error(`RunLocalAI server error: ${err.stack ?? err}`));

// TEMPORARY until server/src/hardware lands: nothing detected.
let known: Hardware = noHardwareYet;
const listeners: (() => void)[] = [];
const hardware: HardwareSource = {
  start() {
    known = { devices: [], source: 'failed', note: 'hardware detection is not built yet' };
    listeners.forEach((l) => l());
  },
  current: () => known,
  refresh: async () => known,
  onDidChange: (l) => listeners.push(l),
};

startServer({ connection, catalog: loadBundledCatalog(), hardware });
