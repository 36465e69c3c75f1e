import type { Database } from '@dm/catalog-service/db';
import { seedBulkProducts } from '@dm/catalog-service/seed/bulk';
import { createDb } from '@dm/common/db';
import { createLogger } from '@dm/common/logger';
import { type Kysely, sql } from 'kysely';
import type { BenchShop } from './shop.js';

/**
 * Fills the bench shop's catalog with `count` products through catalog-service's bulk seed (the
 * same as `npm run seed`), straight into its database: seconds for 10,000.
 */
export async function fillCatalog(shop: BenchShop, count: number): Promise<{ count: number; seconds: number }> {
  const db = createDb<Database>(shop.stack.databaseUrl('catalog'), { max: 2 });
  try {
    const result = await seedBulkProducts(db, { products: count, logger: createLogger('bench', 'warn') });
    await marketplace(db);
    return { count: result.total, seconds: result.ms / 1000 };
  } finally {
    await db.destroy();
  }
}

/**
 * A marketplace's catalog, as the listing and product page read it: three products in four sold
 * by one of three shops, and half of them rated, so every page pays for its shops' names and
 * its stars as in production.
 */
async function marketplace(db: Kysely<Database>): Promise<void> {
  const shops = ['Bench Kitchen', 'Bench Outdoors', 'Bench Books'].map((name, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i + 1}`,
    slug: name.toLowerCase().replace(' ', '-'),
    name,
    contact_email: `shop${i + 1}@bench.example`,
    payout_reference: 'IBAN BENCH',
  }));
  await db
    .insertInto('vendors')
    .values(shops)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await sql`
    UPDATE products SET
      vendor_id = (ARRAY[NULL, ${shops[0]!.id}, ${shops[1]!.id}, ${shops[2]!.id}]::uuid[])[1 + (hashtext(id::text) & 2147483647) % 4],
      rating_count = CASE WHEN (hashtext(sku) & 2147483647) % 2 = 0 THEN 1 + (hashtext(sku) & 2147483647) % 40 ELSE 0 END,
      rating_average = CASE WHEN (hashtext(sku) & 2147483647) % 2 = 0 THEN (30 + (hashtext(sku) & 2147483647) % 21) / 10.0 ELSE NULL END,
      rating_version = 1
    WHERE vendor_id IS NULL`.execute(db);
  await sql`VACUUM (ANALYZE) products`.execute(db);
}
