import type { Model, Quantization } from '../catalog/schema';
import type { Runtime } from '../estimate/types';
import type { WeightsBreakdown } from '../estimate/weights';
import type { ByteReader } from './gguf';

/** Where a model's facts came from, in the order sources are tried. */
export type SourceKind = 'gguf-file' | 'ollama-store' | 'hf-cache' | 'lmstudio' | 'catalog' | 'name' | 'online';

export interface Provenance {
  source: SourceKind;
  /** The file or folder read. */
  path?: string;
  /** The tag, repository id or catalog id. */
  id?: string;
  /** Set when the facts are inferred, not read: the relative error of the estimate either way. */
  approximate?: { errorFraction: number };
}

/** What the runtime would use when the config does not say (an Ollama model's params layer). */
export interface RuntimeDefaults {
  numCtx?: number;
  numGpu?: number;
  stop?: string[];
}

/**
 * What the estimator consumes, whatever the source: a catalog-shaped model (architecture,
 * parameters, trained context in `model.architecture.contextLength`), the quantization the
 * weights are stored in, and their exact bytes when a file says so.
 */
export interface ModelFacts {
  model: Model;
  /** The quantization the checkpoint or file is stored in, when the source knows it. */
  quant?: Quantization;
  /** Exact bytes per layer and part, when a tensor list or a checkpoint's total was read. */
  weights?: WeightsBreakdown;
  defaults?: RuntimeDefaults;
  provenance: Provenance;
  /** What the reader noticed and could not model ("sliding window without a pattern: full KV counted"). */
  warnings: string[];
}

/** A reference as a config or the user wrote it, with where it was written. */
export interface ModelQuery {
  reference: string;
  /** The folder of the config that names it; relative file references resolve against it. */
  baseDir?: string;
  runtime?: Runtime;
}

/** A reference that points at something real but unreadable: the message goes on the reference. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** The IO a source needs, injected by the shell (bounded, sandboxed to allowed roots). */
export interface SourceReaders {
  /** A bounded reader of a regular file; throws SourceError saying why not (absent, a device, outside the roots). */
  open(path: string): ByteReader;
  /** A small text file (JSON manifests, config.json), or undefined when absent; bounded by `maxBytes`. */
  readText(path: string, maxBytes: number): string | undefined;
  /** Entries of a folder, or undefined when it is not one. */
  list(dir: string): string[] | undefined;
  isFile(path: string): boolean;
  /** Something is at the path (a file, folder, link, device), whether or not it may be read. */
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  join(...parts: string[]): string;
  /** `path` made absolute against `base` (absolute paths stay as they are). */
  resolve(base: string, path: string): string;
  dirname(path: string): string;
  basename(path: string): string;
}

export interface ModelSource {
  readonly kind: SourceKind;
  /** Facts for the reference, undefined when this source does not know it. Throws SourceError when it points at a bad file. */
  resolve(query: ModelQuery, readers: SourceReaders): ModelFacts | undefined;
}
