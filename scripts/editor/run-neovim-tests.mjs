// The other-editors layer: Debian's Neovim (apt-get, only when missing) as a real LSP client of
// dist/server.js (test/neovim/). With CI=true a Neovim that cannot be installed fails the run;
// elsewhere it is reported and skipped, as the editor layers do.
//   node scripts/editor/run-neovim-tests.mjs
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const has = () => spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;

if (!has()) {
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (isRoot || sudo) {
    const apt = (args) => spawnSync(sudo ? 'sudo' : 'apt-get', sudo ? ['-n', 'apt-get', ...args] : args, { stdio: 'inherit' });
    console.log('[neovim] installing Debian package neovim');
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', 'neovim']);
  }
}
if (!has()) {
  const msg = '[neovim] nvim is not installed and could not be (apt-get install neovim as root)';
  if (process.env.CI === 'true') {
    console.error(`${msg}: failing, CI=true`);
    process.exit(1);
  }
  console.warn(`${msg}: the Neovim layer is SKIPPED`);
  process.exit(0);
}
const r = spawnSync(
  process.execPath,
  ['node_modules/mocha/bin/mocha.js', '--no-config', '--timeout', '60000', 'out/test/neovim/*.test.js'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
