// Entry of dist/server.js and dist/cli.js, the shipped bins: each runs its real bundle
// (dist/server.bundle.js, dist/cli.bundle.js) through the V8 code cache.
import * as path from 'node:path';
import { runBundleWithCache } from './codeCache';

const name = path.basename(__filename, '.js');
runBundleWithCache(path.join(__dirname, `${name}.bundle.js`), name, name === 'server' ? 'server' : 'command');
