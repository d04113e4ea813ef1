import type { Catalog } from '../../server/src/engine/catalog/schema';

/** One kind's checks: problems fail `npm run catalog:check`; counts are printed. */
export interface KindCheck {
  kind: string;
  check(catalog: Catalog): { problems: string[]; counts: Record<string, number | string> };
}
