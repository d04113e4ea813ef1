import * as fs from 'node:fs';
import type { CliIO } from './io';

/** The file-system half of CliIO over node:fs. */
export const nodeFiles: Pick<CliIO, 'readFile' | 'fileSize' | 'stat' | 'readDir'> = {
  readFile: (p) => fs.readFileSync(p),
  fileSize: (p) => fs.statSync(p).size,
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
