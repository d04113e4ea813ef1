import { runCli } from '../../server/src/cli/cli';
import { nodeFiles } from '../../server/src/cli/nodeIO';
import { createNamedFileReader } from '../../server/src/cli/readNamedFile';
import type { Hardware } from '../../server/src/engine/hardware/types';
import { testCatalog } from './catalog';

/** Runs the CLI in-process with captured output, a fixed detection result and a given environment. */
export async function cli(args: string[], detected: Hardware = { devices: [], source: 'failed' }, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    catalog: testCatalog(),
    detect: async () => detected,
    env,
    io: { out: (l) => out.push(l), err: (l) => err.push(l), ...nodeFiles, ...createNamedFileReader() },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
