import type { Database } from '@dm/catalog-service/db';
import { seedBulkProducts } from '@dm/catalog-service/seed/bulk';
import { createDb } from '@dm/common/db';
import { createLogger } from '@dm/common/logger';
import type { BenchShop } from './shop.js';

/**
 * Fills the bench shop's catalog with `count` products through catalog-service's bulk seed (the
 * same as `npm run seed`), straight into its database: seconds for 10,000.
 */
export async function fillCatalog(shop: BenchShop, count: number): Promise<{ count: number; seconds: number }> {
  const db = createDb<Database>(shop.stack.databaseUrl('catalog'), { max: 2 });
  try {
    const result = await seedBulkProducts(db, { products: count, logger: createLogger('bench', 'warn') });
    return { count: result.total, seconds: result.ms / 1000 };
  } finally {
    await db.destroy();
  }
}
