import type { Connection } from 'vscode-languageserver/node';
import { CatalogEntryRequest, CatalogIndexRequest, type CatalogIndex } from '../catalogRequests';
import { glossaryCategories } from '../engine/catalog/categories';
import type { Hardware } from '../engine/hardware/types';
import type { LanguageService } from '../engine/languageService';
import { renderGlossaryEntry } from '../engine/render/glossaryHover';
import { renderGpuHover } from '../engine/render/gpuHover';
import { renderModelHover } from '../engine/render/modelHover';
import { termChoices } from '../engine/terms/lookup';

/** Look up a term and the catalog tree: the index once, each entry rendered on demand. */
export function registerCatalogHandlers(connection: Connection, serviceOf: () => LanguageService, hardware: () => Promise<Hardware>): void {
  let index: CatalogIndex | undefined;
  connection.onRequest(CatalogIndexRequest.type, () => {
    const { catalog } = serviceOf();
    index ??= {
      terms: termChoices(catalog.glossary),
      categories: [...glossaryCategories],
      models: catalog.models.map((m) => ({ id: m.id, name: m.name })),
      gpus: catalog.gpus.map((g) => ({ id: g.id, name: g.name })),
      errors: catalog.errors.map((e) => ({ id: e.id, title: e.title })),
    };
    return index;
  });
  connection.onRequest(CatalogEntryRequest.type, async ({ kind, id }) => {
    const service = serviceOf();
    const { catalog } = service;
    switch (kind) {
      case 'term': {
        const g = service.terms.byId(id);
        return g ? { title: g.term, markdown: renderGlossaryEntry(g, service.terms, catalog) } : null;
      }
      case 'model': {
        const m = catalog.models.find((x) => x.id === id);
        return m ? { title: m.name, markdown: renderModelHover(m, undefined, await hardware()) } : null;
      }
      case 'gpu': {
        const g = catalog.gpus.find((x) => x.id === id);
        return g ? { title: g.name, markdown: renderGpuHover(g, catalog, await hardware()) } : null;
      }
      case 'error': {
        const e = service.kbEntry(id);
        return e ? { title: e.title, markdown: e.markdown } : null;
      }
      default:
        return null;
    }
  });
}
