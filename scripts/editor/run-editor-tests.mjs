// Runs the in-editor mocha suite (out/test/editor/index.js) inside a real VS Code, with the packaged
// VSIX installed the way a user installs it.
//   node scripts/editor/run-editor-tests.mjs
// RUNLOCALAI_EDITOR_RUNNER picks the editor:
//   code-server (default): code-server 4.100.3 (VS Code 1.100.3) driven by Debian's Chromium; needs only npm and apt.
//   electron: @vscode/test-electron's runTests; downloads VS Code, so it needs the internet (and a display or xvfb-run).
// With CI=true an editor that cannot start fails the run; elsewhere it is reported loudly and skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finishWith } from './outcome.mjs';
import { artifactsDir, repoRoot } from './paths.mjs';
import { ensureVsix } from './vsix.mjs';
import { log } from './code-server.mjs';

const testsEntry = path.resolve(process.env.RUNLOCALAI_EDITOR_TESTS_ENTRY ?? path.join(repoRoot, 'out', 'test', 'editor', 'index.js'));
const hostFolder = path.join(repoRoot, 'test', 'editor', 'host');
const workspaceFixture = path.join(repoRoot, 'test', 'editor', 'workspace');

async function main() {
  const runner = process.env.RUNLOCALAI_EDITOR_RUNNER ?? 'code-server';
  if (!fs.existsSync(testsEntry)) throw new Error(`${path.relative(repoRoot, testsEntry)} is missing: run node scripts/build.mjs first`);
  const vsix = ensureVsix(log);
  const outDir = path.join(artifactsDir, 'editor');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const options = { vsix, testsEntry, hostFolder, workspaceFixture, outDir };
  const started = Date.now();
  let code;
  if (runner === 'electron') code = await (await import('./run-electron.mjs')).runWithElectron(options);
  else if (runner === 'code-server') code = await (await import('./run-code-server.mjs')).runWithCodeServer(options);
  else throw new Error(`RUNLOCALAI_EDITOR_RUNNER=${runner} is not a runner: use code-server or electron`);
  log(
    `in-editor tests (${runner}) ${code === 0 ? 'passed' : `FAILED with exit code ${code}`} in ${((Date.now() - started) / 1000).toFixed(1)} s; logs in ${path.relative(repoRoot, outDir)}/`,
  );
  return code;
}

finishWith('in-editor tests', main, {
  hint:
    process.env.RUNLOCALAI_EDITOR_RUNNER === 'electron'
      ? 'Without the internet, the default code-server runner (RUNLOCALAI_EDITOR_RUNNER unset) works.'
      : 'On a machine that can download VS Code, RUNLOCALAI_EDITOR_RUNNER=electron runs the suite there instead.',
});
