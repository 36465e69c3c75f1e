// The catalog as a CSV file, for editing in a spreadsheet: every product, active or not.

import { neutraliseCell } from '@dm/common/csv-formula';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import { categories } from '../categories/categories.js';
import type { Database, ProductRow } from '../db.js';
import { CSV_COLUMNS, LIST_SEPARATOR } from './columns.js';

/** The header row and then one record per product, each ending in a newline. */
export function csvHeader(): string {
  return stringify([[...CSV_COLUMNS]]);
}

export function productsToCsv(rows: { product: ProductRow; categorySlugs: string[] }[]): string {
  return stringify(
    rows.map(({ product: p, categorySlugs }) =>
      [
        p.sku,
        p.name,
        p.description,
        p.price,
        String(p.stock),
        String(p.is_active),
        String(p.is_featured),
        p.tags.join(LIST_SEPARATOR),
        categorySlugs.join(LIST_SEPARATOR),
        p.image_url ?? '',
      ].map(neutraliseCell),
    ),
  );
}

const EXPORT_BATCH = 1000;

/**
 * Writes the whole catalog, active or not, ordered by SKU, a batch at a time, from one snapshot
 * (a repeatable-read transaction) so a product edited meanwhile is never half old, half new.
 */
export async function exportCatalogCsv(db: Kysely<Database>, write: (chunk: string) => Promise<void>): Promise<void> {
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await write(csvHeader());
      let after: string | undefined;
      for (;;) {
        let query = trx.selectFrom('products').selectAll().orderBy('sku').limit(EXPORT_BATCH);
        if (after !== undefined) query = query.where('sku', '>', after);
        const batch = await query.execute();
        if (batch.length === 0) return;
        const refs = await categories.ofProducts(
          trx,
          batch.map((p) => p.id),
        );
        await write(productsToCsv(batch.map((product) => ({ product, categorySlugs: (refs.get(product.id) ?? []).map((c) => c.slug) }))));
        after = batch[batch.length - 1]!.sku;
      }
    });
}
