// The packaged extension under test. Tests install the VSIX, not the source folder, so that they
// see exactly what users get (the .vscodeignore, the bundles, the catalog JSON inside the package).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, vsixPath } from './paths.mjs';

// Everything that ends up in the package; a change to any of it makes the VSIX stale.
const packageInputs = [
  'package.json',
  '.vscodeignore',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'images',
  'client/src',
  'server/src',
  'catalog',
  'syntaxes',
  'scripts/build.mjs',
  'scripts/compile-catalog.ts',
  'scripts/catalog-files.ts',
];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function isVsixStale() {
  if (!fs.existsSync(vsixPath)) return true;
  const built = fs.statSync(vsixPath).mtimeMs;
  return packageInputs.some((p) => newestMtime(path.join(repoRoot, p)) > built);
}

/** RUNLOCALAI_VSIX names a ready package; otherwise runlocalai.vsix is (re)made by `npm run package` when stale. */
export function ensureVsix(log) {
  if (process.env.RUNLOCALAI_VSIX) {
    const given = path.resolve(process.env.RUNLOCALAI_VSIX);
    if (!fs.existsSync(given)) throw new Error(`RUNLOCALAI_VSIX=${given} does not exist`);
    return given;
  }
  if (!isVsixStale()) {
    log(`using ${path.relative(repoRoot, vsixPath)} (newer than its sources)`);
    return vsixPath;
  }
  log('packaging the extension: npm run package');
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(vsixPath)) throw new Error(`npm run package failed (exit ${r.status})`);
  log(`packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return vsixPath;
}
