import type { Catalog } from '../catalog/schema';
import { GgufError, parseGgufHeader, type GgufHeader, type GgufTensorInfo } from './gguf';
import { factsFromGguf, GgufFactsError } from './ggufFacts';
import { SourceError, type ModelFacts, type Provenance, type SourceReaders } from './types';

const SPLIT = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;
/** Parts of one split model; llama.cpp's gguf-split writes at most 99,999, few models need more than 50. */
const MAX_SPLIT_PARTS = 256;

/** Reads one GGUF header, turning format errors into a message that names the file. */
export function readGgufHeader(path: string, readers: SourceReaders): GgufHeader {
  const reader = readers.open(path);
  try {
    return parseGgufHeader(reader);
  } catch (e) {
    if (e instanceof GgufError) throw new SourceError(`${readers.basename(path)}: ${e.message}`, path);
    throw e;
  }
}

/** The file names of every part when `path` is one part of a split model (`-00001-of-00003.gguf`). */
export function splitParts(path: string, readers: SourceReaders): string[] {
  const base = readers.basename(path);
  const m = SPLIT.exec(base);
  if (!m) return [path];
  const count = Number(m[3]);
  if (count < 1 || count > MAX_SPLIT_PARTS)
    throw new SourceError(`${base}: a split of ${count} parts is more than ${MAX_SPLIT_PARTS}`, path);
  const dir = readers.dirname(path);
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) {
    const part = readers.join(dir, `${m[1]}-${String(i).padStart(5, '0')}-of-${m[3]}.gguf`);
    if (!readers.isFile(part)) throw new SourceError(`${base}: part ${i} of ${count} (${readers.basename(part)}) is missing`, part);
    parts.push(part);
  }
  return parts;
}

/** The vision projector loaded beside a model: the folder's one `mmproj*.gguf`, if there is exactly one. */
export function projectorBeside(path: string, readers: SourceReaders): string | undefined {
  const dir = readers.dirname(path);
  const found = (readers.list(dir) ?? []).filter((f) => /mmproj.*\.gguf$/i.test(f) && f !== readers.basename(path));
  return found.length === 1 ? readers.join(dir, found[0]) : undefined;
}

export function projectorBytes(path: string, readers: SourceReaders): number {
  return readGgufHeader(path, readers).tensors.reduce((n, t) => n + t.bytes, 0);
}

export interface GgufModelFiles {
  /** The model file, or any part of a split model. */
  path: string;
  /** A projector file to count, or 'beside' to look for one in the model's folder. */
  projector?: string | 'beside';
  provenance: Provenance;
  defaults?: ModelFacts['defaults'];
}

/** Facts for a model stored as GGUF: every part's tensors, the projector's bytes, the first part's metadata. */
export function readGgufModel(files: GgufModelFiles, readers: SourceReaders, catalog: Pick<Catalog, 'quantizations'>): ModelFacts {
  const parts = splitParts(files.path, readers);
  const headers = parts.map((p) => readGgufHeader(p, readers));
  const tensors: GgufTensorInfo[] = headers.flatMap((h) => h.tensors);
  const first = headers[0];
  const projector = files.projector === 'beside' ? projectorBeside(files.path, readers) : files.projector;
  const base = readers.basename(parts[0]).replace(/(-\d{5}-of-\d{5})?\.gguf$/i, '');
  try {
    const f = factsFromGguf(
      {
        header: first,
        tensors,
        projectorBytes: projector ? projectorBytes(projector, readers) : 0,
        fallbackName: base,
        provenance: files.provenance,
      },
      catalog,
    );
    if (projector) f.warnings.push(`vision projector ${readers.basename(projector)} counted`);
    return { ...f, provenance: files.provenance, defaults: files.defaults };
  } catch (e) {
    if (e instanceof GgufFactsError) throw new SourceError(`${readers.basename(files.path)}: ${e.message}`, files.path);
    throw e;
  }
}
