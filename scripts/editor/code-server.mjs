// Starts and stops a sandboxed code-server (VS Code 1.100 served to a browser) and Debian's Chromium.
// Every run gets its own HOME, TMPDIR, user-data-dir and extensions-dir under one temporary folder,
// so nothing is written into the real home, and a second run starts clean.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromiumPath, codeServerEntry } from './paths.mjs';

export function log(msg) {
  console.log(`[editor] ${msg}`);
}

/**
 * A fresh sandbox. With `restricted`, workspace trust is on and the folder is not trusted, so the
 * editor opens it in Restricted Mode (what a user sees after "Don't trust").
 */
export function createSandbox({ restricted = false } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-editor-'));
  const dirs = {
    root,
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    config: path.join(root, 'config.yaml'),
  };
  for (const d of [dirs.home, dirs.tmp, dirs.userData, dirs.extensions]) fs.mkdirSync(d, { recursive: true });
  dirs.restricted = restricted;
  // No password and no TLS: the server listens on 127.0.0.1 only, for the length of one test run.
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  // A quiet editor: no welcome page (nothing may activate the extension before the tests open a
  // file), no marketplace or update traffic on a machine that cannot reach them.
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': restricted,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
        'chat.disableAIFeatures': true,
      },
      null,
      2,
    ),
  );
  return dirs;
}

export function removeSandbox(sandbox) {
  if (process.env.RUNLOCALAI_KEEP_SANDBOX) {
    log(`sandbox kept in ${sandbox.root}`);
    return;
  }
  fs.rmSync(sandbox.root, { recursive: true, force: true, maxRetries: 3 });
}

export function sandboxEnv(sandbox, extra = {}) {
  return {
    ...process.env,
    HOME: sandbox.home,
    TMPDIR: sandbox.tmp,
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    XDG_DATA_HOME: path.join(sandbox.home, '.local/share'),
    ...extra,
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function runToEnd(cmd, args, { env, timeoutMs, what }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not finish within ${timeoutMs / 1000} s. Output:\n${output}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${what} could not start: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${what} exited with ${code}. Output:\n${output}`));
    });
  });
}

/** Installs a VSIX the way a user would, into the sandbox's extensions dir. */
export async function installVsix(sandbox, vsix) {
  const out = await runToEnd(
    process.execPath,
    [codeServerEntry, '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, '--install-extension', vsix],
    {
      env: sandboxEnv(sandbox),
      timeoutMs: 120_000,
      what: `code-server --install-extension ${path.basename(vsix)}`,
    },
  );
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} did not report success:\n${out}`);
  return out;
}

export async function waitFor(what, timeoutMs, check, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

/** Starts code-server on a free port and resolves once /healthz answers. */
export async function startCodeServer(sandbox, { logFile, env = {}, onExtensionHostOutput } = {}) {
  const port = await freePort();
  const args = [
    codeServerEntry,
    '--config',
    sandbox.config,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(sandbox.restricted ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    sandbox.userData,
    '--extensions-dir',
    sandbox.extensions,
    sandbox.workspace,
  ];
  const logStream = fs.createWriteStream(logFile);
  // Its own process group, so that stopping it also stops the extension host and the language server.
  const child = spawn(process.execPath, args, { env: sandboxEnv(sandbox, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  if (onExtensionHostOutput) {
    // What the extension host writes to stdout reaches code-server's log as "[time] [ip][id][ExtensionHostConnection] <pid> text";
    // a multi-line write keeps the prefix on its first line only, so the lines up to the next prefixed one belong to it too.
    let pending = '';
    let inHost = false;
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const m = /\[ExtensionHostConnection\] <\d+> ?(.*)$/.exec(line);
        if (m) inHost = true;
        else if (/^\[\d/.test(line) || /^File not found: /.test(line)) inHost = false;
        const text = m ? m[1] : line;
        if (inHost && text.trim() !== '') onExtensionHostOutput(text);
      }
    });
  }
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await gone;
      clearTimeout(timer);
      // The extension host may outlive its parent for a moment; the group kill makes sure it does not stay.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      logStream.end();
    },
  };
  try {
    await waitFor(`code-server to answer ${server.url}/healthz (log: ${logFile})`, 60_000, async () => {
      if (exited) throw new Error(`code-server exited early with ${exited.code ?? exited.signal}; see ${logFile}`);
      const res = await fetch(`${server.url}/healthz`);
      return res.ok;
    });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}; run node scripts/editor/install-editor.mjs`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
    // Our own signal handlers stop the browser and code-server in order; Playwright's would exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** The workbench URL that opens a folder and runs an extension test entry in the extension host. */
export function payloadUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(extensionTestsPath)],
  ];
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function copyWorkspace(from, to) {
  fs.cpSync(from, to, { recursive: true });
}
