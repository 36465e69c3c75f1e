import { type Kysely, sql, type Transaction } from 'kysely';
import type { CartItemRow, Database } from './db.js';

type Db = Kysely<Database> | Transaction<Database>;

// The clock, not the transaction's start: lines a merge adds in one transaction keep their order.
const addedNow = sql<Date>`clock_timestamp()`;

/** The cart_items and cart_checkouts tables: plain queries, no rules. */
export const cartLines = Object.freeze({
  /** A user's lines in display order: the first added first. */
  list(db: Db, userId: string): Promise<CartItemRow[]> {
    return db.selectFrom('cart_items').selectAll().where('user_id', '=', userId).orderBy('added_at').orderBy('product_id').execute();
  },

  async productIds(db: Db, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('cart_items').select('product_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.product_id);
  },

  async totalQuantity(db: Db, userId: string): Promise<number> {
    const row = await db
      .selectFrom('cart_items')
      .select(sql<number>`coalesce(sum(quantity), 0)::int`.as('total'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.total;
  },

  /**
   * Serialises the writes to one user's cart until the transaction ends, so a rule that reads
   * before it writes (the line limit, a merge, a checkout) never races another request of the
   * same user. Other users' carts never wait on it.
   */
  async lock(trx: Transaction<Database>, userId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cart:${userId}`}, 0))`.execute(trx);
  },

  find(db: Db, userId: string, productId: string): Promise<CartItemRow | undefined> {
    return db.selectFrom('cart_items').selectAll().where('user_id', '=', userId).where('product_id', '=', productId).executeTakeFirst();
  },

  /** Adds to the line (made if missing) in one statement; answers the line's new quantity. */
  async add(db: Db, userId: string, productId: string, quantity: number, price: string): Promise<number> {
    const row = await db
      .insertInto('cart_items')
      .values({ user_id: userId, product_id: productId, quantity, unit_price_snapshot: price, added_at: addedNow })
      .onConflict((oc) =>
        oc.columns(['user_id', 'product_id']).doUpdateSet({
          quantity: sql`cart_items.quantity + excluded.quantity`,
          unit_price_snapshot: sql`excluded.unit_price_snapshot`,
          updated_at: sql`now()`,
        }),
      )
      .returning('quantity')
      .executeTakeFirstOrThrow();
    return row.quantity;
  },

  /** Sets the quantity of a line (made if missing). */
  async put(db: Db, userId: string, productId: string, quantity: number, price: string): Promise<void> {
    await db
      .insertInto('cart_items')
      .values({ user_id: userId, product_id: productId, quantity, unit_price_snapshot: price, added_at: addedNow })
      .onConflict((oc) =>
        oc.columns(['user_id', 'product_id']).doUpdateSet({
          quantity: sql`excluded.quantity`,
          unit_price_snapshot: sql`excluded.unit_price_snapshot`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  },

  /** Sets the quantity of an existing line; false when there is no such line. */
  async setQuantity(db: Db, userId: string, productId: string, quantity: number, price: string): Promise<boolean> {
    const row = await db
      .updateTable('cart_items')
      .set({ quantity, unit_price_snapshot: price, updated_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('product_id', '=', productId)
      .returning('product_id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async remove(db: Db, userId: string, productId: string): Promise<void> {
    await db.deleteFrom('cart_items').where('user_id', '=', userId).where('product_id', '=', productId).execute();
  },

  async clear(db: Db, userId: string): Promise<void> {
    await db.deleteFrom('cart_items').where('user_id', '=', userId).execute();
  },

  /**
   * Takes an order's quantities off the user's lines (a line goes when none would remain) and
   * records that the order was taken out, in one statement; false, and nothing taken, when it
   * already was. `items` name each product once.
   */
  async takeOut(db: Db, orderId: string, userId: string, items: readonly { product_id: string; quantity: number }[]): Promise<boolean> {
    const { rows } = await sql<{ order_id: string }>`
      WITH r AS (
        INSERT INTO cart_checkouts (order_id, user_id) VALUES (${orderId}, ${userId})
        ON CONFLICT (order_id) DO NOTHING
        RETURNING order_id
      ), x AS (
        SELECT x.product_id, x.quantity
        FROM r, jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(product_id uuid, quantity int)
      ), d AS (
        DELETE FROM cart_items c USING x
        WHERE c.user_id = ${userId} AND c.product_id = x.product_id AND c.quantity <= x.quantity
      ), u AS (
        UPDATE cart_items c SET quantity = c.quantity - x.quantity, updated_at = now() FROM x
        WHERE c.user_id = ${userId} AND c.product_id = x.product_id AND c.quantity > x.quantity
      )
      SELECT order_id FROM r`.execute(db);
    return rows.length > 0;
  },
});
