import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../engine/catalog/schema';
import { parseTargetFile, targetHardware } from '../engine/formats/target';
import type { Hardware } from '../engine/hardware/types';

const MAX_BYTES = 64 * 1024;
const MAX_LEVELS = 32;

/**
 * The target hardware a repository declares in `.runlocalai.yaml`, nearest the document first;
 * each file re-read only when its modification time changes. Never throws: a file that cannot be
 * read or parsed is logged and ignored.
 */
export class TargetFiles {
  private readonly cache = new Map<string, { mtimeMs: number; hardware?: Hardware }>();

  constructor(
    private readonly catalog: Catalog,
    private readonly log: (message: string) => void,
  ) {}

  hardwareFor(uri: string, base: Hardware): Hardware | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let dir: string;
    try {
      dir = path.dirname(fileURLToPath(uri));
    } catch {
      return undefined;
    }
    for (let i = 0; i < MAX_LEVELS; i++) {
      const file = path.join(dir, '.runlocalai.yaml');
      const found = this.read(file, base);
      if (found !== null) return found;
      if (fs.existsSync(path.join(dir, '.git'))) return undefined;
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
    return undefined;
  }

  /** null: no file here; undefined: a file that does not declare usable hardware. */
  private read(file: string, base: Hardware): Hardware | undefined | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.hardware;
    let hardware: Hardware | undefined;
    if (stat.size > MAX_BYTES) this.log(`${file}: larger than ${MAX_BYTES} bytes, ignored`);
    else {
      const parsed = parseTargetFile(fs.readFileSync(file, 'utf8'));
      const t = parsed.settings ? targetHardware(parsed.settings, this.catalog, base, '.runlocalai.yaml') : { error: parsed.error };
      if (t.error) this.log(`${file}: ${t.error}`);
      hardware = 'hardware' in t ? t.hardware : undefined;
    }
    this.cache.set(file, { mtimeMs: stat.mtimeMs, hardware });
    return hardware;
  }
}
