// Each product's figures (product_ratings): changed in the same transaction as the review that
// changes them, so they always add up to the visible reviews.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, ProductRatingRow } from './db.js';
import { NO_STARS, type StarCounts } from './review-rules.js';

type Db = Kysely<Database> | Transaction<Database>;

export const starsOf = (row: ProductRatingRow | undefined): StarCounts =>
  row ? [row.stars_1, row.stars_2, row.stars_3, row.stars_4, row.stars_5] : NO_STARS;

export const ratings = Object.freeze({
  find(db: Db, productId: string): Promise<ProductRatingRow | undefined> {
    return db.selectFrom('product_ratings').selectAll().where('product_id', '=', productId).executeTakeFirst();
  },

  /**
   * Adds `delta` to a product's counts and moves its version on (the first change is version 1).
   * The UPDATE waits for a concurrent change of the same product and then adds to what it wrote.
   */
  async add(trx: Transaction<Database>, productId: string, delta: StarCounts): Promise<ProductRatingRow> {
    const [d1, d2, d3, d4, d5] = delta;
    await trx
      .insertInto('product_ratings')
      .values({ product_id: productId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return trx
      .updateTable('product_ratings')
      .set({
        stars_1: sql`stars_1 + ${d1}`,
        stars_2: sql`stars_2 + ${d2}`,
        stars_3: sql`stars_3 + ${d3}`,
        stars_4: sql`stars_4 + ${d4}`,
        stars_5: sql`stars_5 + ${d5}`,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('product_id', '=', productId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },
});
