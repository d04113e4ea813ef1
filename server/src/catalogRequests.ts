// Requests for browsing the catalog (Look up a term, the catalog tree view). Declared once and
// imported by client and server so their shapes cannot drift; meant to move into the protocol
// module with the other requests.
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';

/** One name a term is known by, with the term it leads to and its one-line definition. */
export interface TermChoice {
  id: string;
  name: string;
  term: string;
  category: string;
  tier: 1 | 2 | 3;
  summary: string;
}

export type CatalogItemKind = 'term' | 'model' | 'gpu' | 'error';

export interface CatalogIndex {
  /** Every term and alias with its one-line definition, most-met first. */
  terms: TermChoice[];
  /** Glossary categories in browsing order. */
  categories: string[];
  models: { id: string; name: string }[];
  gpus: { id: string; name: string }[];
  errors: { id: string; title: string }[];
}

export namespace CatalogIndexRequest {
  export const method = 'runlocalai/catalogIndex';
  export const type = new RequestType0<CatalogIndex, void>(method);
}

export interface CatalogEntryParams {
  kind: CatalogItemKind;
  id: string;
}

export namespace CatalogEntryRequest {
  export const method = 'runlocalai/catalogEntry';
  /** The entry as a Markdown document, or null when the id is unknown. */
  export const type = new RequestType<CatalogEntryParams, { title: string; markdown: string } | null, void>(method);
}
