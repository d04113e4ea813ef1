// Entry of the shipped dist/server.js, dist/cli.js and dist/extension.js: each runs its real
// bundle (dist/<name>.bundle.js) through the V8 code cache. The extension's entry hands the
// bundle's exports (activate, deactivate) to VS Code as its own.
import * as path from 'node:path';
import { cacheNameFor, runBundleWithCache } from './codeCache';

const name = path.basename(__filename, '.js');
export = runBundleWithCache(
  path.join(__dirname, `${name}.bundle.js`),
  cacheNameFor(name, process.argv.slice(2)),
  name === 'cli' ? 'command' : 'long-running',
);
