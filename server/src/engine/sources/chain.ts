import { looksLikePath } from './localFiles';
import type { Catalog, Quantization } from '../catalog/schema';
import type { EstimateInput } from '../estimate/types';
import type { ModelResolver } from '../models/resolveModel';
import { nameOnlyFacts } from './nameOnly';
import { SourceError, type ModelFacts, type ModelQuery, type ModelSource, type SourceReaders } from './types';

export interface ChainResult {
  facts?: ModelFacts;
  /** The reference names a file or store entry that cannot be read: say why, at the reference. */
  error?: { message: string; path?: string };
}

export interface SourceChain {
  readonly sources: readonly ModelSource[];
  resolve(query: ModelQuery): ChainResult;
}

/** The catalog, through the resolver that knows its tags, repository ids and aliases. */
export function catalogSource(resolver: ModelResolver, catalog: Pick<Catalog, 'models'>): ModelSource {
  return {
    kind: 'catalog',
    resolve(query) {
      const ref = query.reference.trim();
      const byId = catalog.models.find((m) => m.id === ref || m.name.toLowerCase() === ref.toLowerCase());
      const hit = byId ? { model: byId, quant: undefined } : resolver.resolve(ref);
      if (!hit) return undefined;
      return { model: hit.model, quant: hit.quant, provenance: { source: 'catalog', id: hit.model.id }, warnings: [] };
    },
  };
}

/** The name alone, with the catalog's models as templates of each family's proportions. */
export function nameSource(catalog: Pick<Catalog, 'models'>, resolver: Pick<ModelResolver, 'quantization'>): ModelSource {
  return {
    kind: 'name',
    resolve(query) {
      const facts = nameOnlyFacts(query.reference, catalog.models);
      if (!facts) return undefined;
      const quant = quantizationInName(query.reference, resolver);
      return quant ? { ...facts, quant } : facts;
    },
  };
}

/** A quantization label inside a tag or file name (`-q4_K_M`, `.Q5_K_M.gguf`, `:fp16`). */
export function quantizationInName(reference: string, resolver: Pick<ModelResolver, 'quantization'>): Quantization | undefined {
  for (const token of reference.split(/[-.:/\s]/)) {
    const q = resolver.quantization(token);
    if (q) return q;
  }
  return undefined;
}

/** How long an answer is reused before the files are looked at again (a pull or a download changes them). */
const CACHE_MS = 10_000;
const CACHE_ENTRIES = 512;

/** Tries each source in order; the first that knows the reference answers, a bad file stops the search with its reason. */
export function createSourceChain(sources: readonly ModelSource[], readers: SourceReaders, now: () => number = () => 0): SourceChain {
  const cache = new Map<string, { at: number; result: ChainResult }>();
  const compute = (query: ModelQuery): ChainResult => {
    for (const source of sources) {
      try {
        const facts = source.resolve(query, readers);
        if (facts) return { facts };
      } catch (e) {
        if (e instanceof SourceError) return { error: { message: e.message, path: e.path } };
        // A bug or an unexpected IO failure in one source must not take the others down.
        return { error: { message: `${source.kind}: ${(e as Error).message ?? String(e)}` } };
      }
    }
    return {};
  };
  return {
    sources,
    resolve(query) {
      // Only a path depends on the folder it is read from; a tag or a repository id names the same
      // model in every folder, so a workspace of many folders looks each one up once.
      const key = looksLikePath(query.reference.trim()) ? `${query.baseDir ?? ''}\0${query.reference}` : `\0${query.reference}`;
      const hit = cache.get(key);
      const t = now();
      if (hit && t - hit.at < CACHE_MS) return hit.result;
      const result = compute(query);
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, { at: t, result });
      return result;
    },
  };
}

/** Readers for a shell that reads no files: every path is absent. */
export const noFiles: SourceReaders = {
  open: (p) => {
    throw new SourceError(`${p}: files are not read here`, p);
  },
  readText: () => undefined,
  list: () => undefined,
  isFile: () => false,
  exists: () => false,
  isDirectory: () => false,
  join: (...parts) => parts.join('/'),
  resolve: (base, p) => (p.startsWith('/') ? p : `${base}/${p}`),
  dirname: (p) => p.replace(/\/[^/]*$/, '') || '/',
  basename: (p) => p.replace(/^.*[\\/]/, ''),
};

/** The exact weights a source measured, in the form the estimator takes them. */
export function exactWeightsOf(facts: ModelFacts | undefined): EstimateInput['exactWeights'] {
  return facts?.weights && facts.quant ? { modelId: facts.model.id, quantId: facts.quant.id, breakdown: facts.weights } : undefined;
}
