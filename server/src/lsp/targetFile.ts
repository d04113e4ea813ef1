import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogSource } from '../catalogFile';
import { parseTargetFile, targetHardware } from '../engine/formats/target';
import type { Hardware } from '../engine/hardware/types';

const MAX_BYTES = 64 * 1024;
const MAX_LEVELS = 32;
// Every hover and validation asks; the folders up to the repository root are looked at again at
// most this often (a .runlocalai.yaml created or edited counts within a second).
const RECHECK_MS = 1000;
const MAX_DOCUMENTS = 256;

/**
 * The target hardware a repository declares in `.runlocalai.yaml`, nearest the document first;
 * each file re-read only when its modification time changes. Never throws: a file that cannot be
 * read or parsed is logged and ignored.
 */
export class TargetFiles {
  private readonly cache = new Map<string, { mtimeMs: number; hardware?: Hardware }>();
  private readonly byDocument = new Map<string, { at: number; base: Hardware; hardware?: Hardware }>();
  /** The answer from each folder up, so that a document in a new folder only looks at that folder (and any new ones above). */
  private readonly byFolder = new Map<string, { at: number; base: Hardware; hardware?: Hardware }>();

  constructor(
    private readonly catalog: CatalogSource,
    private readonly log: (message: string) => void,
    // Date.now, not performance.now: Node loads perf_hooks on the first touch of `performance`,
    // 1-4 ms on a document's first diagnostics; a recheck once a second needs no finer clock.
    private readonly now: () => number = Date.now,
  ) {}

  hardwareFor(uri: string, base: Hardware): Hardware | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const t = this.now();
    const known = this.byDocument.get(uri);
    if (known && known.base === base && t - known.at < RECHECK_MS) return known.hardware;
    let dir: string;
    try {
      dir = path.dirname(localPath(uri));
    } catch {
      return undefined;
    }
    const hardware = this.lookUp(dir, base, t);
    if (this.byDocument.size >= MAX_DOCUMENTS) this.byDocument.clear();
    this.byDocument.set(uri, { at: t, base, hardware });
    return hardware;
  }

  private lookUp(start: string, base: Hardware, t: number): Hardware | undefined {
    const walked: string[] = [];
    const answer = (hardware: Hardware | undefined) => {
      if (this.byFolder.size + walked.length > MAX_DOCUMENTS) this.byFolder.clear();
      for (const dir of walked) this.byFolder.set(dir, { at: t, base, hardware });
      return hardware;
    };
    let dir = start;
    for (let i = 0; i < MAX_LEVELS; i++) {
      const known = this.byFolder.get(dir);
      if (known && known.base === base && t - known.at < RECHECK_MS) return answer(known.hardware);
      walked.push(dir);
      const file = path.join(dir, '.runlocalai.yaml');
      const found = this.read(file, base);
      if (found !== null) return answer(found);
      if (fs.existsSync(path.join(dir, '.git'))) return answer(undefined);
      const parent = path.dirname(dir);
      if (parent === dir) return answer(undefined);
      dir = parent;
    }
    return undefined;
  }

  /** null: no file here; undefined: a file that does not declare usable hardware. */
  private read(file: string, base: Hardware): Hardware | undefined | null {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      return null;
    }
    if (!stat) return null;
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.hardware;
    let hardware: Hardware | undefined;
    if (stat.size > MAX_BYTES) this.log(`${file}: larger than ${MAX_BYTES} bytes, ignored`);
    else {
      const parsed = parseTargetFile(fs.readFileSync(file, 'utf8'));
      const t = parsed.settings ? targetHardware(parsed.settings, this.catalog(), base, '.runlocalai.yaml') : { error: parsed.error };
      if (t.error) this.log(`${file}: ${t.error}`);
      hardware = 'hardware' in t ? t.hardware : undefined;
    }
    this.cache.set(file, { mtimeMs: stat.mtimeMs, hardware });
    return hardware;
  }
}

/**
 * A file: URI's path. A plain POSIX one (`file:///a/b`, nothing escaped) is its own path after the
 * scheme, read without a URL parse; every other (escapes, a host, Windows) goes through fileURLToPath.
 */
export function localPath(uri: string): string {
  if (process.platform !== 'win32' && uri.startsWith('file:///') && !/[%?#]/.test(uri)) return uri.slice('file://'.length);
  return fileURLToPath(uri);
}
