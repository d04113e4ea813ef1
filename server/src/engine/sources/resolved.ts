import type { ModelProvenance, ResolvedModel } from '../answer/types';
import type { Catalog } from '../catalog/schema';
import type { Runtime } from '../estimate/types';
import { exactWeightsOf } from './chain';
import { quantizationForRuntime } from './runtimeQuant';
import type { ModelFacts, Provenance } from './types';

/** A source's provenance as answers report it (`source` in JSON). */
export function provenanceOf(p: Provenance): ModelProvenance {
  return {
    kind: p.source,
    ...(p.id ? { id: p.id } : {}),
    ...(p.path ? { path: p.path } : {}),
    ...(p.approximate ? { approximate: p.approximate.errorFraction } : {}),
  };
}

/** Facts from any source as the answer takes a resolved model: the runtime's weights format, exact bytes, defaults. */
export function resolvedFromFacts(facts: ModelFacts, runtime: Runtime, catalog: Pick<Catalog, 'quantizations'>): ResolvedModel {
  return {
    model: facts.model,
    quant: quantizationForRuntime(runtime, facts, catalog),
    source: provenanceOf(facts.provenance),
    warnings: facts.warnings,
    exactWeights: exactWeightsOf(facts),
    defaults: facts.defaults,
  };
}
