import * as fs from 'node:fs';
import type { CliIO } from './io';

/** The folder-walking half of CliIO over node:fs (named files go through the bounded reader). */
export const nodeFiles: Pick<CliIO, 'readText' | 'stat' | 'readDir'> = {
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
      const s = fs.statSync(p);
      return { isDirectory: s.isDirectory(), isFile: s.isFile(), size: s.size };
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
