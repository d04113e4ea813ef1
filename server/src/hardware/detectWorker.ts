// Entry of dist/detectWorker.js. Runs systeminformation in its own process: on Linux it calls
// lspci, dmidecode and nvidia-smi, the last two synchronously and none with a timeout, so a hung
// driver would otherwise freeze the language server. The parent kills this process on timeout.
//
// Forked with an IPC channel it sends one message and exits; run by hand
// (`node dist/detectWorker.js`) it prints the same JSON to stdout.
import * as si from 'systeminformation';
import { pickRaw } from './pickRaw';
import type { WorkerMessage } from './workerMessage';

async function main(): Promise<void> {
  let message: WorkerMessage;
  try {
    const [graphics, mem, cpu, osInfo] = await Promise.all([si.graphics(), si.mem(), si.cpu(), si.osInfo()]);
    message = { ok: true, raw: pickRaw({ graphics, mem, cpu, osInfo }) };
  } catch (err) {
    message = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (process.send) {
    process.send(message, () => process.exit(0));
  } else {
    process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
  }
}

void main();
