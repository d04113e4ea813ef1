import * as fs from 'node:fs';
import type { CliIO } from './io';

/** The folder-walking half of CliIO over node:fs (named files go through the bounded reader). */
export const nodeFiles: Pick<CliIO, 'readText' | 'stat' | 'readDir' | 'writeFile'> = {
  // r+ opens only a file that exists; the text is written through that descriptor, then cut to its length.
  writeFile: (p, text) => {
    const fd = fs.openSync(p, 'r+');
    try {
      const bytes = Buffer.from(text, 'utf8');
      fs.writeSync(fd, bytes, 0, bytes.length, 0);
      fs.ftruncateSync(fd, bytes.length);
    } finally {
      fs.closeSync(fd);
    }
  },
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
