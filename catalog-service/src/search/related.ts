import { HttpError } from '@dm/common/errors';
import type { Product } from '@dm/contracts/catalog';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { products, withCategories } from '../products/products.js';

/**
 * Other active products filed under a category the product is filed under: those in stock
 * first, then the newest. An inactive product has related products only for admins.
 */
export async function relatedProducts(
  db: Kysely<Database>,
  idOrSlug: string,
  options: { limit: number; includeInactive: boolean },
): Promise<Product[]> {
  const product = await products.findByIdOrSlug(db, idOrSlug);
  if (!product || (!product.is_active && !options.includeInactive)) throw new HttpError(404, 'product not found');
  const rows = await db
    .selectFrom('products as p')
    .selectAll('p')
    .where('p.is_active', '=', true)
    .where('p.id', '<>', product.id)
    .where('p.id', 'in', (eb) =>
      eb
        .selectFrom('product_categories as mine')
        .innerJoin('product_categories as theirs', 'theirs.category_id', 'mine.category_id')
        .select('theirs.product_id')
        .where('mine.product_id', '=', product.id),
    )
    .orderBy((eb) => eb('p.stock', '>', 0), 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(options.limit)
    .execute();
  return withCategories(db, rows);
}
