// The online runner: @vscode/test-electron downloads VS Code (RUNLOCALAI_VSCODE_VERSION, default
// stable), installs the VSIX with that VS Code's CLI into a sandboxed extensions dir, and runs the
// same test entry. Linux needs a display: run under xvfb-run in CI.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { copyWorkspace, createSandbox, log, removeSandbox, sandboxEnv } from './code-server.mjs';
import { InfraError, onCleanup } from './outcome.mjs';

export async function runWithElectron({ vsix, testsEntry, hostFolder, workspaceFixture }) {
  const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = await import('@vscode/test-electron');
  let executable;
  try {
    executable = await downloadAndUnzipVSCode(process.env.RUNLOCALAI_VSCODE_VERSION ?? 'stable');
  } catch (e) {
    throw new InfraError(`downloading VS Code failed (offline? use the default code-server runner): ${e.message}`);
  }
  const sandbox = createSandbox();
  const dropSandbox = onCleanup(() => removeSandbox(sandbox));
  try {
    copyWorkspace(workspaceFixture, sandbox.workspace);
    // The CLI's own --extensions-dir/--user-data-dir defaults point at .vscode-test; use the sandbox's.
    const [cli] = resolveCliArgsFromVSCodeExecutablePath(executable);
    const dirs = [`--extensions-dir=${sandbox.extensions}`, `--user-data-dir=${sandbox.userData}`];
    log(`installing ${path.basename(vsix)} with ${cli}`);
    const installed = spawnSync(cli, [...dirs, '--install-extension', vsix], {
      encoding: 'utf8',
      shell: process.platform === 'win32',
      env: sandboxEnv(sandbox),
    });
    if (installed.status !== 0) throw new Error(`installing ${vsix} failed:\n${installed.stdout}${installed.stderr}`);
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: hostFolder,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: { RUNLOCALAI_TEST_EXTENSIONS_DIR: sandbox.extensions },
      launchArgs: [sandbox.workspace, ...dirs, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
    }).catch((e) => {
      // runTests rejects with "Test run failed with code 1" when a test fails.
      console.error(`[editor] ${e.message ?? e}`);
      return 1;
    });
  } finally {
    await dropSandbox();
  }
}
