// Where the editor test tooling lives. Shared by the installer and the runners so that they agree.
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CODE_SERVER_VERSION = '4.100.3';

// Outside the tracked tree so that a second clone, or a CI cache keyed on this folder, reuses it.
export const cacheRoot = process.env.RUNLOCALAI_EDITOR_CACHE
  ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'runlocalai-editor');

export const codeServerPrefix = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const codeServerMarker = path.join(codeServerPrefix, '.installed');

export const chromiumPath = process.env.RUNLOCALAI_CHROMIUM ?? '/usr/bin/chromium';

export const artifactsDir = path.join(repoRoot, 'test-artifacts');
export const vsixPath = path.join(repoRoot, 'runlocalai.vsix');
