import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogSource } from '../catalogFile';
import type { HardwareSettings } from '../engine/hardware/fromSettings';
import { parseTargetFile, targetHardware } from '../engine/formats/target';
import type { Hardware } from '../engine/hardware/types';
import { readBoundedSync } from '../io/readBounded';
import { nodeFolderIO } from '../workspace/nodeFolderIO';
import { targetFileLookup } from '../workspace/targetFileLookup';

const MAX_BYTES = 64 * 1024;
// Every hover and validation asks; the folders up to the repository root are looked at again at
// most this often (a .runlocalai.yaml created or edited counts within a second).
const RECHECK_MS = 1000;
const MAX_DOCUMENTS = 256;
const MAX_FOLDERS = 4096;

/**
 * The target hardware a repository declares in `.runlocalai.yaml`, nearest the document first.
 * The folders are walked as `runlocalai check` walks them (`targetFileLookup`); each file is read
 * again only when it changes, and judged against the base hardware of the moment (its RAM and
 * platform). Never throws: a file that cannot be read or parsed is logged and ignored.
 */
export class TargetFiles {
  private readonly files = new Map<string, { mtimeMs: number; size: number; settings?: HardwareSettings; logged?: boolean }>();
  private readonly byDocument = new Map<string, { at: number; base: Hardware; hardware?: Hardware }>();
  private find: (dir: string) => string | undefined = () => undefined;
  private findBase: Hardware | undefined;

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
    // Other base hardware (detection finished, settings changed): the folders are looked at again at once.
    if (base !== this.findBase) {
      this.findBase = base;
      this.find = targetFileLookup(nodeFolderIO, { maxAgeMs: RECHECK_MS, now: this.now, maxEntries: MAX_FOLDERS });
    }
    const file = this.find(dir);
    const hardware = file ? this.hardwareIn(file, base) : undefined;
    if (this.byDocument.size >= MAX_DOCUMENTS) this.byDocument.clear();
    this.byDocument.set(uri, { at: t, base, hardware });
    return hardware;
  }

  /** What the file declares, on this base hardware; undefined when it declares nothing usable. */
  private hardwareIn(file: string, base: Hardware): Hardware | undefined {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!stat?.isFile()) return undefined;
    let entry = this.files.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, settings: this.read(file, stat.size) };
      if (this.files.size >= MAX_DOCUMENTS) this.files.clear();
      this.files.set(file, entry);
    }
    if (!entry.settings) return undefined;
    const target = targetHardware(entry.settings, this.catalog(), base, '.runlocalai.yaml');
    if (target.error && !entry.logged) {
      entry.logged = true;
      this.log(`${file}: ${target.error}`);
    }
    return target.hardware;
  }

  private read(file: string, size: number): HardwareSettings | undefined {
    if (size > MAX_BYTES) {
      this.log(`${file}: larger than ${MAX_BYTES} bytes, ignored`);
      return undefined;
    }
    let text: string;
    try {
      text = readBoundedSync(file, { maxBytes: MAX_BYTES }).toString('utf8');
    } catch (err) {
      this.log(`${file}: ${(err as Error).message}`);
      return undefined;
    }
    const parsed = parseTargetFile(text);
    if (parsed.error) this.log(`${file}: ${parsed.error}`);
    return parsed.settings;
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
