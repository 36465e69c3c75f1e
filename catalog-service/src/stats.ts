import { sql, type Kysely } from 'kysely';
import type { Database } from './db.js';

/** The admin dashboard's figures. */
export interface CatalogStats {
  products: number;
  active: number;
  inactive: number;
  /** active and none left */
  out_of_stock: number;
  /** active with 1 to 4 left */
  low_stock: number;
  categories: number;
}

export const LOW_STOCK_BELOW = 5;

export function catalogStats(db: Kysely<Database>): Promise<CatalogStats> {
  return db
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
}
