// Entry of the shipped dist/server.js, dist/cli.js and dist/extension.js: each runs its real
// bundle (dist/<name>.bundle.js) through the V8 code cache. The extension's entry hands the
// bundle's exports (activate, deactivate) to VS Code as its own.
import * as path from 'node:path';
import { cacheNameFor, runBundleWithCache } from './codeCache';
import { applyRuntimeFlags, checkFlags, serverFlags } from './runtimeFlags';

/** The bundle's SHA-256, written in by scripts/build.mjs; absent in a loader built otherwise (the bundle is then hashed at start). */
declare const BUNDLE_SHA256: string | undefined;
/** The Node built-ins the bundle requires as it loads, written in by scripts/build.mjs from esbuild's metafile. */
declare const BUNDLE_BUILTINS: readonly string[] | undefined;

const name = path.basename(__filename, '.js');
const args = process.argv.slice(2);
// The extension's bundle runs inside VS Code's extension host, whose flags are not ours to set.
const runtime =
  name === 'server'
    ? serverFlags(typeof BUNDLE_BUILTINS === 'object' ? BUNDLE_BUILTINS : [])
    : name === 'cli' && args[0] === 'check'
      ? checkFlags()
      : undefined;
if (runtime) applyRuntimeFlags(runtime);
export = runBundleWithCache(
  path.join(__dirname, `${name}.bundle.js`),
  cacheNameFor(name, args),
  name === 'cli' ? 'command' : 'long-running',
  typeof BUNDLE_SHA256 === 'string' ? BUNDLE_SHA256 : undefined,
  runtime?.flags,
);
