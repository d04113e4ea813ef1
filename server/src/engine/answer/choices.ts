import type { CatalogChoices } from '../../protocol/wire';
import type { Catalog, Quantization } from '../catalog/schema';
import { formatParams } from '../render/format';

/** What the Will-it-run pickers offer: catalog models and the GGUF quantizations, largest first. */
export function willItRunChoices(catalog: Catalog): CatalogChoices {
  const bits = (q: Quantization) => q.fileBitsPerWeight ?? (q.blockBytes * 8) / q.blockWeights;
  return {
    models: catalog.models.map((m) => ({
      id: m.id,
      name: m.name,
      detail: [formatParams(m.params), m.ollama[0] ?? m.huggingface[0]].filter(Boolean).join(' · '),
    })),
    quantizations: catalog.quantizations
      .filter((q) => q.format === 'gguf')
      .map((q) => ({ id: q.id, bitsPerWeight: bits(q), description: q.description }))
      .sort((a, b) => b.bitsPerWeight - a.bitsPerWeight),
  };
}
