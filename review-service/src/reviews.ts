// The reviews table: rows in and out, and the one mapper from a row to the API's review.
import { type Page, pageOf } from '@dm/common/pagination';
import type { Review } from '@dm/contracts/reviews';
import { type Insertable, type Kysely, sql, type Transaction, type UpdateObject } from 'kysely';
import type { Database, ReviewRow, ReviewsTable } from './db.js';

type Db = Kysely<Database> | Transaction<Database>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function reviewRowToReview(row: ReviewRow): Review {
  return {
    id: row.id,
    product_id: row.product_id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    author_name: row.author_name,
    is_hidden: row.hidden_at !== null,
    vendor_reply: row.vendor_reply,
    vendor_reply_at: iso(row.vendor_reply_at),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export const reviews = Object.freeze({
  findById(db: Db, id: string): Promise<ReviewRow | undefined> {
    return db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The row, locked until the transaction ends: changes of one review go one at a time. */
  lockById(trx: Transaction<Database>, id: string): Promise<ReviewRow | undefined> {
    return trx.selectFrom('reviews').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** A user's review of a product (there is at most one). */
  findMine(db: Db, productId: string, userId: string): Promise<ReviewRow | undefined> {
    return db.selectFrom('reviews').selectAll().where('product_id', '=', productId).where('user_id', '=', userId).executeTakeFirst();
  },

  insert(db: Db, values: Insertable<ReviewsTable>): Promise<ReviewRow> {
    return db.insertInto('reviews').values(values).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, values: UpdateObject<Database, 'reviews'>): Promise<ReviewRow> {
    return db.updateTable('reviews').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** Sets the seller's reply of a visible review that has none; undefined when there is no such review. */
  replyOnce(db: Db, id: string, body: string): Promise<ReviewRow | undefined> {
    return db
      .updateTable('reviews')
      .set({ vendor_reply: body, vendor_reply_at: sql`now()` })
      .where('id', '=', id)
      .where('vendor_reply', 'is', null)
      .where('hidden_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  clearReply(db: Db, id: string): Promise<ReviewRow | undefined> {
    return db
      .updateTable('reviews')
      .set({ vendor_reply: null, vendor_reply_at: null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  },

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('reviews').where('id', '=', id).execute();
  },

  /**
   * A page of a product's reviews, newest first (each order by its index). `total` is given by the
   * caller when it knows it (the visible count is in product_ratings); else it is counted.
   */
  async listOfProduct(
    db: Db,
    productId: string,
    options: { includeHidden: boolean; page: number; pageSize: number; total?: number },
  ): Promise<Page<ReviewRow>> {
    let query = db.selectFrom('reviews').where('product_id', '=', productId);
    if (!options.includeHidden) query = query.where('hidden_at', 'is', null);
    const [rows, total] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.pageSize)
        .offset((options.page - 1) * options.pageSize)
        .execute(),
      options.total ??
        query
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
    ]);
    return pageOf(rows, total, options.page, options.pageSize);
  },
});
