// Where the editor test tooling lives. Shared by the installer and the runners so that they agree.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CODE_SERVER_VERSION = '4.100.3';

// Outside the tracked tree so that a second clone, or a CI cache keyed on this folder, reuses it.
export const cacheRoot =
  process.env.RUNLOCALAI_EDITOR_CACHE ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'runlocalai-editor');

export const codeServerPrefix = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const codeServerMarker = path.join(codeServerPrefix, '.installed');

// Debian's chromium first; Ubuntu's apt "chromium" is only a snap stub, but hosted Ubuntu CI images ship Google Chrome.
const browserCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
export const chromiumPath = process.env.RUNLOCALAI_CHROMIUM ?? browserCandidates.find((p) => fs.existsSync(p)) ?? browserCandidates[0];

export const artifactsDir = path.join(repoRoot, 'test-artifacts');
export const vsixPath = path.join(repoRoot, 'runlocalai.vsix');
