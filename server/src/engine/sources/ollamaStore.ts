import type { Catalog } from '../catalog/schema';
import { readGgufModel } from './ggufFile';
import { SourceError, type ModelFacts, type ModelQuery, type ModelSource, type RuntimeDefaults, type SourceReaders } from './types';

/**
 * Ollama's local store: `manifests/<registry>/<namespace>/<model>/<tag>` is an OCI manifest whose
 * layers name blobs under `blobs/sha256-<hex>`; the model layer is a GGUF file, the params layer
 * JSON defaults (num_ctx, stop), the projector layer a vision projector.
 */
const MODEL_LAYER = 'application/vnd.ollama.image.model';
const PARAMS_LAYER = 'application/vnd.ollama.image.params';
const PROJECTOR_LAYER = 'application/vnd.ollama.image.projector';
const DEFAULT_REGISTRY = 'registry.ollama.ai';
const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_PARAMS_BYTES = 64 * 1024;

// Names and tags as Ollama accepts them: no path separators or dots alone, so they cannot leave the store.
const PART = /^[a-z0-9][a-z0-9._-]{0,127}$/i;
const DIGEST = /^sha256:([a-f0-9]{64})$/;

export interface OllamaName {
  registry: string;
  namespace: string;
  model: string;
  tag: string;
}

/** `llama3.1:8b`, `library/llama3.1`, `user/model:tag`, `hf.co/org/repo:Q4_K_M`; undefined for anything else. */
export function parseOllamaName(reference: string): OllamaName | undefined {
  const ref = reference.trim();
  if (!ref || /\s/.test(ref) || /\.gguf$/i.test(ref)) return undefined;
  const colon = ref.lastIndexOf(':');
  const slash = ref.lastIndexOf('/');
  const hasTag = colon > slash;
  const path = hasTag ? ref.slice(0, colon) : ref;
  const tag = hasTag ? ref.slice(colon + 1) : 'latest';
  const parts = path.split('/');
  let registry = DEFAULT_REGISTRY;
  let namespace = 'library';
  let model: string;
  if (parts.length === 1) model = parts[0];
  else if (parts.length === 2) [namespace, model] = parts;
  else if (parts.length === 3) [registry, namespace, model] = parts;
  else return undefined;
  if (![registry, namespace, model, tag].every((p) => PART.test(p) && !/^\.+$/.test(p))) return undefined;
  return { registry: registry.toLowerCase(), namespace, model, tag };
}

interface Manifest {
  layers?: { mediaType?: string; digest?: string }[];
}

function blobPath(root: string, digest: string | undefined, readers: SourceReaders): string | undefined {
  const m = digest ? DIGEST.exec(digest) : null;
  return m ? readers.join(root, 'blobs', `sha256-${m[1]}`) : undefined;
}

function paramsOf(text: string | undefined): RuntimeDefaults | undefined {
  if (!text) return undefined;
  try {
    const p = JSON.parse(text) as Record<string, unknown>;
    const out: RuntimeDefaults = {};
    if (typeof p.num_ctx === 'number' && Number.isInteger(p.num_ctx) && p.num_ctx > 0) out.numCtx = p.num_ctx;
    if (typeof p.num_gpu === 'number' && Number.isInteger(p.num_gpu)) out.numGpu = p.num_gpu;
    if (Array.isArray(p.stop)) out.stop = p.stop.filter((s): s is string => typeof s === 'string').slice(0, 64);
    return out;
  } catch {
    return undefined;
  }
}

/** The manifest file of a name, trying the name's own case and lower case (Ollama lower-cases on pull). */
function manifestPath(root: string, n: OllamaName, readers: SourceReaders): string | undefined {
  for (const parts of [
    [n.registry, n.namespace, n.model, n.tag],
    [n.registry, n.namespace.toLowerCase(), n.model.toLowerCase(), n.tag],
  ]) {
    const p = readers.join(root, 'manifests', ...parts);
    if (readers.isFile(p)) return p;
  }
  return undefined;
}

export function ollamaStoreSource(root: string, catalog: Pick<Catalog, 'quantizations'>): ModelSource {
  return {
    kind: 'ollama-store',
    resolve(query: ModelQuery, readers: SourceReaders): ModelFacts | undefined {
      const name = parseOllamaName(query.reference.replace(/^ollama:\/\//, ''));
      if (!name) return undefined;
      const file = manifestPath(root, name, readers);
      if (!file) return undefined; // not pulled: the next source answers
      let manifest: Manifest;
      try {
        manifest = JSON.parse(readers.readText(file, MAX_MANIFEST_BYTES) ?? '') as Manifest;
      } catch {
        throw new SourceError(`Ollama manifest ${file} is not valid JSON`, file);
      }
      const layers = Array.isArray(manifest.layers) ? manifest.layers : [];
      const model = blobPath(root, layers.find((l) => l.mediaType === MODEL_LAYER)?.digest, readers);
      if (!model) throw new SourceError(`Ollama manifest ${file} has no model layer`, file);
      const params = blobPath(root, layers.find((l) => l.mediaType === PARAMS_LAYER)?.digest, readers);
      const projector = blobPath(root, layers.find((l) => l.mediaType === PROJECTOR_LAYER)?.digest, readers);
      const id = `${name.registry === DEFAULT_REGISTRY ? '' : `${name.registry}/`}${name.namespace === 'library' ? '' : `${name.namespace}/`}${name.model}:${name.tag}`;
      return readGgufModel(
        {
          path: model,
          projector,
          provenance: { source: 'ollama-store', id, path: model },
          defaults: paramsOf(params ? readers.readText(params, MAX_PARAMS_BYTES) : undefined),
        },
        readers,
        catalog,
      );
    },
  };
}
