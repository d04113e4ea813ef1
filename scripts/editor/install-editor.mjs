// Installs what the in-editor tests need on a machine that reaches only npm and Debian's archive:
// Debian's chromium, ripgrep and libkrb5-dev (apt-get, only when missing) and code-server into a
// cache folder outside the source tree. A second run finds everything and returns in well under a second.
//   node scripts/editor/install-editor.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, chromiumPath, codeServerEntry, codeServerMarker, codeServerPrefix } from './paths.mjs';

const debianNeeds = [
  { pkg: 'chromium', present: () => fs.existsSync(chromiumPath) },
  { pkg: 'ripgrep', present: () => fs.existsSync('/usr/bin/rg') },
  // kerberos (a code-server dependency) compiles against gssapi.h during its postinstall.
  { pkg: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') },
];

function log(msg) {
  console.log(`[install-editor] ${msg}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function installDebianPackages() {
  const missing = debianNeeds.filter((n) => !n.present()).map((n) => n.pkg);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const hasSudo = !isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!isRoot && !hasSudo) {
    throw new Error(
      `missing Debian packages ${missing.join(', ')} and no root or passwordless sudo to install them: ` +
        `run "apt-get install -y ${missing.join(' ')}" as root`,
    );
  }
  const prefix = isRoot ? [] : ['sudo', '-n'];
  const apt = (args) => (prefix.length ? run(prefix[0], [...prefix.slice(1), 'apt-get', ...args]) : run('apt-get', args));
  log(`installing Debian packages: ${missing.join(', ')}`);
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
  const still = debianNeeds.filter((n) => !n.present()).map((n) => n.pkg);
  if (still.length)
    throw new Error(
      `apt-get installed ${missing.join(', ')} but ${still.join(', ')} is still not where expected (browser: ${chromiumPath}; RUNLOCALAI_CHROMIUM overrides it)`,
    );
}

function installedCodeServerVersion() {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(codeServerPrefix, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return pkg.version;
  } catch {
    return undefined;
  }
}

function installCodeServer() {
  if (fs.existsSync(codeServerMarker) && fs.existsSync(codeServerEntry) && installedCodeServerVersion() === CODE_SERVER_VERSION) {
    log(`code-server ${CODE_SERVER_VERSION} already in ${codeServerPrefix}`);
    return;
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerPrefix} (about 100 s and 300 MB, once)`);
  fs.rmSync(codeServerPrefix, { recursive: true, force: true });
  const tmp = path.join(codeServerPrefix, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  // @vscode/ripgrep downloads rg from GitHub unless its cache (keyed on os.tmpdir()) already holds the archive.
  const rgCache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(rgCache, { recursive: true });
  execFileSync('tar', ['czf', path.join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', '/usr/bin', 'rg']);
  fs.writeFileSync(path.join(codeServerPrefix, 'package.json'), JSON.stringify({ private: true, name: 'runlocalai-editor-cache' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`], {
    env: {
      ...process.env,
      TMPDIR: tmp,
      npm_config_unsafe_perm: 'true', // the postinstall refuses to run as root otherwise
      npm_config_nodedir: '/usr', // Debian's Node headers, so node-gyp does not download them
      npm_config_yes: 'true', // node-pty's postinstall runs "npx node-gyp"
      npm_config_cache: path.join(codeServerPrefix, 'npm-cache'),
    },
  });
  if (!fs.existsSync(codeServerEntry)) throw new Error(`npm finished but ${codeServerEntry} is missing`);
  fs.rmSync(path.join(codeServerPrefix, 'npm-cache'), { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(codeServerMarker, `${CODE_SERVER_VERSION}\n`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

export function installEditor() {
  installDebianPackages();
  installCodeServer();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    installEditor();
  } catch (e) {
    console.error(`[install-editor] FAILED: ${e.message}`);
    process.exit(1);
  }
}
