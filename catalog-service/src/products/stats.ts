import type { CatalogStats } from '@dm/contracts/catalog-admin';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db.js';

export const LOW_STOCK_BELOW = 5;

export const LOW_STOCK_LIST_SIZE = 8;

export async function catalogStats(db: Kysely<Database>): Promise<CatalogStats> {
  const counts = await db
    .selectFrom('products')
    .select((eb) => [
      eb.fn.countAll<number>().as('products'),
      sql<number>`count(*) filter (where is_active)`.as('active'),
      sql<number>`count(*) filter (where not is_active)`.as('inactive'),
      sql<number>`count(*) filter (where is_active and stock = 0)`.as('out_of_stock'),
      sql<number>`count(*) filter (where is_active and stock between 1 and ${LOW_STOCK_BELOW - 1})`.as('low_stock'),
      sql<number>`(select count(*) from categories)`.as('categories'),
    ])
    .executeTakeFirstOrThrow();
  return { ...counts, low_stock_products: await lowStockProducts(db) };
}

/** The products on sale running lowest, the whole shop's or one vendor's (their dashboard). */
export function lowStockProducts(db: Kysely<Database>, vendorId?: string): Promise<CatalogStats['low_stock_products']> {
  // A literal, not a parameter, so the planner can match the partial index products_low_stock_idx (stock < 5).
  let query = db
    .selectFrom('products')
    .select(['id', 'name', 'sku', 'stock'])
    .where('is_active', '=', true)
    .where(sql<boolean>`stock < ${sql.lit(LOW_STOCK_BELOW)}`);
  if (vendorId !== undefined) query = query.where('vendor_id', '=', vendorId);
  return query.orderBy('stock').orderBy('name').orderBy('id').limit(LOW_STOCK_LIST_SIZE).execute();
}
