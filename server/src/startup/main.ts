// Entry of the shipped dist/server.js, dist/cli.js and dist/extension.js: each runs its real
// bundle (dist/<name>.bundle.js) through the V8 code cache. The extension's entry hands the
// bundle's exports (activate, deactivate) to VS Code as its own.
import * as path from 'node:path';
import { cacheNameFor, runBundleWithCache } from './codeCache';

/** The bundle's SHA-256, written in by scripts/build.mjs; absent in a loader built otherwise (the bundle is then hashed at start). */
declare const BUNDLE_SHA256: string | undefined;

const name = path.basename(__filename, '.js');
export = runBundleWithCache(
  path.join(__dirname, `${name}.bundle.js`),
  cacheNameFor(name, process.argv.slice(2)),
  name === 'cli' ? 'command' : 'long-running',
  typeof BUNDLE_SHA256 === 'string' ? BUNDLE_SHA256 : undefined,
);
