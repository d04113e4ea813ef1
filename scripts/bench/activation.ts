// Extension load time outside VS Code: a fresh node requires dist/extension.js with `vscode`
// answered by a stub that accepts any property access or call. This is the module's own cost
// (its bundle and the language client); activate() needs a real editor and is not timed here.
import { spawnSync } from 'node:child_process';

const PROGRAM = `
const Module = require('module');
const stub = new Proxy(function () {}, { get: (t, k) => (k === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => stub });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const t = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - t));
`;

/** Median over `runs` fresh processes, in ms; undefined when the bundle cannot load without VS Code. */
export function measureActivation(extensionJs: string, runs = 5): number | undefined {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', PROGRAM, extensionJs], { encoding: 'utf8' });
    const ms = Number(r.stdout);
    if (r.status !== 0 || !Number.isFinite(ms)) return undefined;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** Bundles client/src/extension.ts as `npm run package` does (minified, no source map) into `dir`. */
export async function buildShippedExtension(root: string, dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = `${dir}/extension.js`;
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['client/src/extension.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    external: ['vscode'],
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
