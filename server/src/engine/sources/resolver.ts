import type { ModelRef, ModelResolver } from '../models/resolveModel';
import type { ChainResult, SourceChain } from './chain';
import type { ModelFacts, ModelQuery, SourceKind } from './types';

/** A resolved reference with the facts behind it and where they came from. */
export interface SourcedModelRef extends ModelRef {
  facts: ModelFacts;
}

/** A model resolver that asks the source chain; `lookup` also says why a named file cannot be read. */
export interface SourcedResolver extends ModelResolver {
  lookup(query: ModelQuery): { ref?: SourcedModelRef; error?: ChainResult['error'] };
}

const KIND: Record<SourceKind, ModelRef['kind']> = {
  'gguf-file': 'file',
  'ollama-store': 'ollama',
  'hf-cache': 'huggingface',
  lmstudio: 'file',
  catalog: 'alias',
  name: 'alias',
  online: 'huggingface',
};

export function createSourcedResolver(base: ModelResolver, chain: SourceChain): SourcedResolver {
  const lookup = (query: ModelQuery) => {
    const r = chain.resolve(query);
    if (!r.facts) return { error: r.error };
    const ref: SourcedModelRef = { model: r.facts.model, quant: r.facts.quant, kind: KIND[r.facts.provenance.source], facts: r.facts };
    return { ref };
  };
  return {
    quantization: (name) => base.quantization(name),
    resolve: (reference) => lookup({ reference }).ref,
    lookup,
  };
}

/** Asks a resolver with the config's folder when it can take one, else by name. */
export function lookupModel(models: ModelResolver, query: ModelQuery): { ref?: ModelRef; error?: ChainResult['error'] } {
  if ('lookup' in models && typeof (models as SourcedResolver).lookup === 'function') return (models as SourcedResolver).lookup(query);
  return { ref: models.resolve(query.reference) };
}

/** The facts behind a resolved reference, when a source chain resolved it. */
export function factsOf(ref: ModelRef | undefined): ModelFacts | undefined {
  return ref && 'facts' in ref ? (ref as SourcedModelRef).facts : undefined;
}
