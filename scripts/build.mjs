// One build for everything: the catalog, the bundles (esbuild; tsc only type-checks) and the tests.
//   node scripts/build.mjs               catalog + bundles + tests
//   node scripts/build.mjs --production  minified bundles without source maps (for the VSIX)
//   node scripts/build.mjs --catalog     only validate and compile the catalog
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { createRequire, isBuiltin } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const require = createRequire(import.meta.url);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  absWorkingDir: root,
};

async function buildCatalog() {
  const out = path.join(root, 'out', 'scripts', 'compile-catalog.js');
  await esbuild.build({ ...common, entryPoints: ['scripts/compile-catalog.ts'], outfile: out });
  delete require.cache[out];
  const { compileCatalog } = require(out);
  if (!compileCatalog(root, path.join(root, 'dist', 'catalog.json'))) process.exit(1);
}

/**
 * An esbuild plugin that routes every import our server code makes of the modules `filter` matches
 * through one module per `target(path)` that re-exports it. esbuild's CommonJS interop otherwise
 * copies a module's exports once per importing file, when the bundle loads.
 */
function oneCopyOf(name, filter, target) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.namespace === name || !args.importer.startsWith(path.join(root, 'server', 'src'))
          ? undefined
          : { path: target(args.path), namespace: name },
      );
      build.onLoad({ filter: /.*/, namespace: name }, (args) => ({
        contents: `export * from '${args.path}';`,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/**
 * An esbuild plugin that hands `libraries` a stand-in for the Node built-ins `names`, which loads the
 * real module on first use. The language server library requires crypto (a random pipe name) and
 * child_process (the global npm folder) when it loads, for transports and lookups the server never
 * uses: loading them was a few ms of every server start (`npm run bench`, start → initialize).
 */
function builtinsOnFirstUse(pluginName, libraries, names) {
  const inLibrary = (importer) => libraries.some((l) => importer.includes(`${path.sep}node_modules${path.sep}${l}${path.sep}`));
  return {
    name: pluginName,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(node:)?(${names.join('|')})$`) }, (args) =>
        inLibrary(args.importer) ? { path: args.path.replace(/^node:/, ''), namespace: pluginName } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: pluginName }, (args) => ({
        contents: `let real;
const load = () => (real ??= require('node:${args.path}'));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Object.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});`,
        loader: 'js',
      }));
    },
  };
}
/** Built-ins required at load only for what a start never runs (see builtinsOnFirstUse and the requires in server/src). */
const ON_FIRST_USE = ['crypto', 'child_process'];
const libraryBuiltinsOnFirstUse = builtinsOnFirstUse(
  'library-builtins-on-first-use',
  ['vscode-jsonrpc', 'vscode-languageserver'],
  ON_FIRST_USE,
);

// The language server library: ~320 exports copied per importing file (a few ms of server start,
// `npm run bench`); its three entry points share one copy of vscode-languageserver/node.
const lspLibraryOnce = oneCopyOf('lsp-library-once', /^vscode-languageserver(\/node|-protocol)$/, () => 'vscode-languageserver/node');

// Node built-ins imported as a namespace (`import * as fs from 'node:fs'`): 29 copies in the CLI,
// a few ms of its start; one copy per built-in.
const builtinsOnce = oneCopyOf('builtins-once', /^node:[a-z_]+$/, (p) => p);

async function buildBundles() {
  const opts = { ...common, minify: production, sourcemap: production ? false : 'linked' };
  await esbuild.build({ ...opts, entryPoints: { 'extension.bundle': 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] });
  // dist/extension.js (package.json's main), dist/server.js and dist/cli.js (the bins; VS Code
  // launches dist/server.js) are small loaders that run dist/<name>.bundle.js through a V8 code
  // cache (server/src/startup/codeCache.ts): loading then skips most of compiling the bundle.
  const bins = await esbuild.build({
    ...opts,
    metafile: true,
    entryPoints: {
      'server.bundle': 'server/src/lsp/main.ts',
      'cli.bundle': 'server/src/cli/main.ts',
      detectWorker: 'server/src/hardware/detectWorker.ts',
    },
    outdir: 'dist',
    plugins: [lspLibraryOnce, builtinsOnce, libraryBuiltinsOnFirstUse],
  });
  // Each loader carries its bundle's SHA-256 for the code cache's key, so that no start hashes the
  // bundle, and the Node built-ins its bundle requires as it loads (see server/src/startup/runtimeFlags.ts).
  const stamp = (bin) => ({
    BUNDLE_SHA256: JSON.stringify(
      createHash('sha256')
        .update(fs.readFileSync(path.join(root, 'dist', `${bin}.bundle.js`)))
        .digest('hex'),
    ),
    BUNDLE_BUILTINS: JSON.stringify(builtinsRequiredAtLoad(bins.metafile, `dist/${bin}.bundle.js`)),
  });
  for (const bin of ['server', 'cli']) {
    await esbuild.build({
      ...opts,
      entryPoints: { [bin]: 'server/src/startup/main.ts' },
      outdir: 'dist',
      banner: { js: '#!/usr/bin/env node' },
      define: stamp(bin),
    });
    fs.chmodSync(path.join(root, 'dist', `${bin}.js`), 0o755);
  }
  await esbuild.build({ ...opts, entryPoints: { extension: 'server/src/startup/main.ts' }, outdir: 'dist', define: stamp('extension') });
}

/**
 * ON_FIRST_USE, as the bundles name them: esbuild's metafile lists a require inside a function with
 * those run at once, so they are left out by name. Loaded before the flags, they cost every start a
 * few ms for what a start never runs.
 */
const REQUIRED_ON_FIRST_USE = new Set(ON_FIRST_USE.flatMap((m) => [m, `node:${m}`]));

/** The built-ins an output requires at load (not those it imports dynamically, which load when first used). */
function builtinsRequiredAtLoad(metafile, output) {
  const imports = metafile.outputs[output]?.imports ?? [];
  const builtins = imports
    .filter((i) => i.external && i.kind !== 'dynamic-import' && isBuiltin(i.path) && !REQUIRED_ON_FIRST_USE.has(i.path))
    .map((i) => i.path);
  return [...new Set(builtins)].sort();
}

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'));
}

async function buildTests() {
  // Every .ts file under test/ becomes its own bundle under out/test, keeping the tree.
  const entries = listTests(path.join(root, 'test')).filter((f) => !f.includes(`${path.sep}fixtures${path.sep}`));
  // Start clean, so that a deleted test never runs again from a stale bundle.
  fs.rmSync(path.join(root, 'out', 'test'), { recursive: true, force: true });
  if (entries.length === 0) return;
  await esbuild.build({
    ...common,
    entryPoints: entries.map((f) => path.relative(root, f)),
    outbase: 'test',
    outdir: 'out/test',
    sourcemap: 'inline',
    external: ['vscode', 'mocha', 'playwright-core', 'vscode-jsonrpc', 'vscode-jsonrpc/*'],
  });
}

await buildCatalog();
if (!args.has('--catalog')) {
  await buildBundles();
  if (!production) await buildTests();
}
