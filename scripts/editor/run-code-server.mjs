// The offline runner: code-server in a sandbox, the VSIX installed into its extensions dir, and a
// headless Chromium that opens the workbench with a test payload. The payload's development
// extension is a tiny host folder that only carries extensionTestsPath, so the extension that the
// tests meet is the installed VSIX (the host has no code and no activation).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installEditor } from './install-editor.mjs';
import {
  copyWorkspace,
  createSandbox,
  installVsix,
  launchChromium,
  log,
  payloadUrl,
  removeSandbox,
  startCodeServer,
} from './code-server.mjs';
import { InfraError, onCleanup } from './outcome.mjs';

const suiteTimeoutMs = Number(process.env.RUNLOCALAI_EDITOR_TIMEOUT_S ?? 240) * 1000;

async function infra(what, fn) {
  try {
    return await fn();
  } catch (e) {
    throw new InfraError(`${what}: ${e.message}`);
  }
}

export async function runWithCodeServer({ vsix, testsEntry, hostFolder, workspaceFixture, outDir }) {
  await infra('installing code-server and Chromium', () => installEditor());
  const sandbox = createSandbox();
  const dropSandbox = onCleanup(() => removeSandbox(sandbox));
  let stopServer = async () => {};
  let closeBrowser = async () => {};
  try {
    if (fs.existsSync(workspaceFixture)) copyWorkspace(workspaceFixture, sandbox.workspace);
    else fs.mkdirSync(sandbox.workspace, { recursive: true });
    log(`installing ${path.basename(vsix)} into the sandbox's extensions dir`);
    await installVsix(sandbox, vsix);
    const server = await infra('starting code-server', () =>
      startCodeServer(sandbox, {
        logFile: path.join(outDir, 'code-server.log'),
        // The suite checks that it meets the installed VSIX, not a source folder.
        env: { RUNLOCALAI_TEST_EXTENSIONS_DIR: sandbox.extensions },
        onExtensionHostOutput: (line) => console.log(`  ${line}`),
      }),
    );
    stopServer = onCleanup(() => server.stop());
    log(`code-server ${server.url} is up`);
    const browser = await infra('starting Chromium', () => launchChromium());
    closeBrowser = onCleanup(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'));
    page.on('console', (msg) => consoleLog.write(`[${msg.type()}] ${msg.text()}\n`));
    let reportExit;
    const exitCode = new Promise((resolve) => {
      reportExit = resolve;
    });
    // Fail fast, with the reason, when the page or the server dies instead of waiting for the timeout.
    page.on('crash', () => reportExit(new Error('the browser page crashed')));
    browser.on('disconnected', () => reportExit(new Error('the browser went away')));
    server.child.on('exit', (code, signal) => reportExit(new Error(`code-server exited (${code ?? signal}) before the tests finished`)));
    // The workbench calls this when the test entry's run() settles: 0 when it resolved.
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
    const url = payloadUrl(server, { folder: sandbox.workspace, extensionDevelopmentPath: hostFolder, extensionTestsPath: testsEntry });
    await page.goto(url);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), suiteTimeoutMs);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    if (code instanceof Error) throw new Error(`${code.message}; see ${outDir}/code-server.log and browser-console.log`);
    if (code === 'timeout') {
      await page.screenshot({ path: path.join(outDir, 'timeout.png') }).catch(() => {});
      throw new Error(
        `the in-editor tests did not report an exit code within ${suiteTimeoutMs / 1000} s ` +
          `(the workbench never ran ${path.basename(testsEntry)}, or a test hung); see ${path.join(outDir, 'code-server.log')} and browser-console.log`,
      );
    }
    consoleLog.end();
    return code;
  } finally {
    await closeBrowser();
    await stopServer();
    await dropSandbox();
  }
}
