// Extension load time outside VS Code: a fresh node requires dist/extension.js with `vscode`
// answered by a stub that accepts any property access or call. This is the module's own cost
// (its loader, its bundle from the code cache, and the language client); activate() needs a real
// editor and is not timed here.
// VS Code's extension host has loaded Node's streams, networking (its IPC with the editor) and crypto modules for itself
// before any extension loads; the program loads them first too, so that their cost is not
// counted as ours.
import { spawnSync } from 'node:child_process';
import { measuredEnv } from './measuredEnv';

const PROGRAM = `
const Module = require('module');
for (const m of ['fs', 'path', 'os', 'util', 'events', 'stream', 'net', 'crypto']) require(m);
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
    const r = spawnSync(process.execPath, ['-e', PROGRAM, extensionJs], { encoding: 'utf8', env: measuredEnv() });
    const ms = Number(r.stdout);
    if (r.status !== 0 || !Number.isFinite(ms)) return undefined;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/**
 * Bundles the extension as `npm run package` does (minified, no source map) into `dir`: the
 * loader dist/extension.js and the bundle it runs through the code cache, dist/extension.bundle.js.
 * The first of the measured runs writes the cache, as the first start of VS Code would.
 */
export async function buildShippedExtension(root: string, dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { 'extension.bundle': 'client/src/extension.ts', extension: 'server/src/startup/main.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    external: ['vscode'],
    outdir: dir,
    logLevel: 'warning',
  });
  return `${dir}/extension.js`;
}
