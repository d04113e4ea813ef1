import { CatalogEntryRequest, CatalogIndexRequest, type CatalogIndex, type CatalogItemKind } from '../../../server/src/catalogRequests';
import type { Ctx } from '../context';

/** The catalog index, fetched once per server start (the catalog ships with the server). */
export class CatalogClient {
  private index: Promise<CatalogIndex> | undefined;

  constructor(private readonly ctx: Ctx) {
    ctx.onDidStart(() => (this.index = undefined));
  }

  async getIndex(): Promise<CatalogIndex | undefined> {
    const client = this.ctx.clientOrWarn();
    if (!client) return undefined;
    this.index ??= client.sendRequest(CatalogIndexRequest.type);
    return this.index.catch((err: unknown) => {
      this.index = undefined;
      this.ctx.log.error(`catalog index request failed: ${String(err)}`);
      return undefined;
    });
  }

  /** Opens an entry in the same read-only Markdown view as KB entries; returns its title. */
  async show(kind: CatalogItemKind, id: string): Promise<string | undefined> {
    const client = this.ctx.clientOrWarn();
    if (!client) return undefined;
    const entry = await client.sendRequest(CatalogEntryRequest.type, { kind, id });
    if (!entry) return undefined;
    const prefix = { term: 'Term', model: 'Model', gpu: 'GPU', error: 'KB' }[kind];
    await this.ctx.reports.show(`${prefix}: ${entry.title}`, entry.markdown);
    this.ctx.log.info(`opened ${kind} ${id}`);
    return entry.title;
  }
}
