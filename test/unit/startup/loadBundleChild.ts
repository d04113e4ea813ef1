// Runs loadBundle in a process of its own, as a shipped bin does: V8 keeps what it compiled per
// process, so a second load in the test's process would never consult the cache file at all.
//   node loadBundleChild.js BUNDLE NAME [--save]   prints {"outcome", "exports", "saved"}
import { loadBundle } from '../../../server/src/startup/codeCache';

const [file, name, save] = process.argv.slice(2);
const loaded = loadBundle(file, name);
const saved = save === '--save' ? loaded.save() : undefined;
process.stdout.write(JSON.stringify({ outcome: loaded.outcome, exports: loaded.exports, saved, cacheFile: loaded.cacheFile }));
