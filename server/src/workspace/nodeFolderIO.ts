import * as fs from 'node:fs';
import type { FolderIO } from './files';

/** Walking folders over node:fs, for the CLI and the language server alike. */
export const nodeFolderIO: Required<FolderIO> = {
  readText: (p, maxBytes) => {
    try {
      // lstat: a link is not followed, and only a small regular file is read.
      const s = fs.lstatSync(p);
      return s.isFile() && s.size <= maxBytes ? fs.readFileSync(p, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
  stat: (p) => {
    try {
      // No exception for a path that is not there (most of what a walk up asks about): throwing costs more than the stat.
      const s = fs.statSync(p, { throwIfNoEntry: false });
      return s && { isDirectory: s.isDirectory(), isFile: s.isFile(), size: s.size };
    } catch {
      return undefined;
    }
  },
  readDir: (p) => {
    try {
      return fs.readdirSync(p);
    } catch {
      return undefined;
    }
  },
};
