import * as fs from 'node:fs';
import { nodeFolderIO } from '../workspace/nodeFolderIO';
import type { CliIO } from './io';

/** The folder-walking half of CliIO over node:fs, and `check --fix`'s writes (named files go through the bounded reader). */
export const nodeFiles: Pick<CliIO, 'readText' | 'stat' | 'readDir' | 'writeFile'> = {
  ...nodeFolderIO,
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
};
