// `npm start`: builds the extension and opens it in a real editor on examples/.
// With VS Code's `code` on PATH: `code --extensionDevelopmentPath=. examples`.
// Otherwise: installs code-server 4.100.3 into the cache, serves the extension on 127.0.0.1 and
// prints the URL to open in a browser. Ctrl+C stops it.
import { spawnSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './editor/paths.mjs';

const examples = path.join(repoRoot, 'examples');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const marker = path.join(repoRoot, 'node_modules', '.package-lock.json');
if (!fs.existsSync(marker)) run('npm', ['ci', '--no-audit', '--no-fund']);
run(process.execPath, ['scripts/build.mjs']);

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode && !process.env.RUNLOCALAI_USE_CODE_SERVER) {
  spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, examples], { stdio: 'inherit', detached: true }).unref();
  console.log('Opened VS Code with the extension on examples/.');
} else {
  const { installEditor } = await import('./editor/install-editor.mjs');
  const { createSandbox, startCodeServer, removeSandbox } = await import('./editor/code-server.mjs');
  installEditor();
  const sandbox = createSandbox();
  sandbox.workspace = examples;
  const server = await startCodeServer(sandbox, { logFile: path.join(sandbox.root, 'code-server.log') });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${repoRoot}`]];
  const url = `${server.url}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`\nRunLocalAI is running in code-server (VS Code 1.100.3). Open:\n\n  ${url}\n\nCtrl+C stops it.`);
  const stop = async () => {
    await server.stop();
    removeSandbox(sandbox);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
