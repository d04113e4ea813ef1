// The README's test command (`npm test`): installs what is missing, builds, then runs every layer:
// type check, lint, format, catalog checks, unit and protocol tests (mocha), the VSIX, the in-editor suite,
// the UI smoke test and Neovim as a real LSP client.
//   node scripts/test.mjs            everything
//   node scripts/test.mjs --fast     no VSIX, no editor (unit + protocol only)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fast = process.argv.includes('--fast');
const timings = [];

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds}s`);
  if (r.status !== 0) {
    console.error(`\n=== ${name} FAILED (exit ${r.status ?? r.signal}) after ${seconds}s`);
    console.error(`timings: ${timings.join(', ')}`);
    process.exit(r.status || 1);
  }
}

// Install dependencies when node_modules is missing or older than the lock file.
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
  step('install', 'npm', ['ci', '--no-audit', '--no-fund']);
}

step('build', process.execPath, ['scripts/build.mjs']);
step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']);
step('typecheck engine (no Node types)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.engine.json', '--noEmit']);
step('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
step('format', process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '.', '--log-level', 'warn']);
step('catalog:check', 'npm', ['run', '--silent', 'catalog:check']);
// The globs are here, not in .mocharc.json, so that `npx mocha <file>` runs that file alone.
step('unit+protocol', process.execPath, [
  'node_modules/mocha/bin/mocha.js',
  'out/test/unit/**/*.test.js',
  'out/test/protocol/**/*.test.js',
]);
if (!fast) {
  step('package', 'npm', ['run', '--silent', 'package']);
  step('vsix contents', process.execPath, ['scripts/check-vsix.mjs']);
  for (const script of ['scripts/editor/run-editor-tests.mjs', 'scripts/editor/run-ui-smoke.mjs', 'scripts/editor/run-neovim-tests.mjs']) {
    if (fs.existsSync(path.join(root, script))) step(path.basename(script, '.mjs'), process.execPath, [script]);
    else if (process.env.CI === 'true') {
      console.error(`${script} is missing: the in-editor layer cannot run`);
      process.exit(1);
    }
  }
}
console.log(`\nall test layers passed: ${timings.join(', ')}`);
