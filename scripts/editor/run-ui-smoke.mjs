// The UI smoke test (out/test/ui/smoke.ui.js, mocha + playwright-core) against code-server with
// the packaged VSIX installed. Screenshots and logs go to test-artifacts/ui/.
//   node scripts/editor/run-ui-smoke.mjs
// With CI=true an editor that cannot start fails the run; elsewhere it is reported and skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installEditor } from './install-editor.mjs';
import { copyWorkspace, createSandbox, installVsix, log, removeSandbox, startCodeServer } from './code-server.mjs';
import { InfraError, finishWith, onCleanup } from './outcome.mjs';
import { artifactsDir, chromiumPath, repoRoot } from './paths.mjs';
import { ensureVsix } from './vsix.mjs';

const smokeTest = path.join(repoRoot, 'out', 'test', 'ui', 'smoke.ui.js');
const restrictedTest = path.join(repoRoot, 'out', 'test', 'ui', 'restricted.ui.js');
const workspaceFixture = path.join(repoRoot, 'test', 'ui', 'workspace');

async function main() {
  if (!fs.existsSync(smokeTest)) throw new Error(`${path.relative(repoRoot, smokeTest)} is missing: run node scripts/build.mjs first`);
  const vsix = ensureVsix(log);
  const outDir = path.join(artifactsDir, 'ui');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  try {
    installEditor();
  } catch (e) {
    throw new InfraError(`installing code-server and Chromium: ${e.message}`);
  }
  const started = Date.now();
  // The full smoke test in a trusted folder, then the hover in a folder opened in Restricted Mode.
  const failures =
    (await runInEditor(vsix, smokeTest, outDir, { restricted: false })) +
    (await runInEditor(vsix, restrictedTest, outDir, { restricted: true }));
  log(
    `UI smoke test ${failures === 0 ? 'passed' : `FAILED (${failures})`} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(repoRoot, outDir)}/`,
  );
  return failures === 0 ? 0 : 1;
}

/** Runs one UI test file against a fresh code-server with the VSIX installed; returns its failures. */
async function runInEditor(vsix, testFile, outDir, { restricted }) {
  if (!fs.existsSync(testFile)) throw new Error(`${path.relative(repoRoot, testFile)} is missing: run node scripts/build.mjs first`);
  const sandbox = createSandbox({ restricted });
  const dropSandbox = onCleanup(() => removeSandbox(sandbox));
  let stopServer = async () => {};
  try {
    copyWorkspace(workspaceFixture, sandbox.workspace);
    await installVsix(sandbox, vsix);
    let server;
    try {
      server = await startCodeServer(sandbox, { logFile: path.join(outDir, `code-server${restricted ? '-restricted' : ''}.log`) });
    } catch (e) {
      throw new InfraError(`starting code-server: ${e.message}`);
    }
    stopServer = onCleanup(() => server.stop());
    process.env.RUNLOCALAI_UI_URL = `${server.url}/?folder=${encodeURIComponent(sandbox.workspace)}`;
    process.env.RUNLOCALAI_UI_ARTIFACTS = outDir;
    process.env.RUNLOCALAI_CHROMIUM = chromiumPath;
    // Mocha runs in this process, without the repository's mocha config (that one lists the unit tests).
    const { default: Mocha } = await import('mocha');
    const mocha = new Mocha({ reporter: 'spec', timeout: 120_000 });
    mocha.addFile(testFile);
    await mocha.loadFilesAsync();
    return await new Promise((resolve) => mocha.run(resolve));
  } finally {
    await stopServer();
    await dropSandbox();
  }
}

finishWith('UI smoke test', main);
