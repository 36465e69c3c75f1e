// A product's rating as review-service reports it (through its outbox, so at least once and in
// any order): taken only when newer than the one held, so a late message never undoes a later one.
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import type { ProductRatingResult } from '@dm/contracts/internal';
import { averageRating } from '@dm/contracts/reviews';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';

type Rating = { count: number; sum: number; version: number };

/**
 * Stores the count and the average of `rating` on the product unless it holds this version or a
 * newer one already. The product's `updated_at` stays: a review is not an edit of the product.
 */
export async function applyRating(db: Kysely<Database>, productId: string, rating: Rating): Promise<ProductRatingResult> {
  if (!isUuid(productId)) throw new HttpError(404, 'product not found');
  const average = averageRating(rating.sum, rating.count);
  const updated = await db
    .updateTable('products')
    .set({ rating_count: rating.count, rating_average: average, rating_version: rating.version })
    .where('id', '=', productId)
    .where('rating_version', '<', rating.version)
    .returning(['rating_count', 'rating_average'])
    .executeTakeFirst();
  if (updated) return { product_id: productId, applied: true, rating: { average: updated.rating_average, count: updated.rating_count } };
  const held = await db.selectFrom('products').select(['rating_count', 'rating_average']).where('id', '=', productId).executeTakeFirst();
  if (!held) throw new HttpError(404, 'product not found');
  return { product_id: productId, applied: false, rating: { average: held.rating_average, count: held.rating_count } };
}
