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

  /** Takes `quantity` units off a line, and the line away when none would remain. */
  async subtract(db: Db, userId: string, productId: string, quantity: number): Promise<void> {
    await db
      .deleteFrom('cart_items')
      .where('user_id', '=', userId)
      .where('product_id', '=', productId)
      .where('quantity', '<=', quantity)
      .execute();
    await db
      .updateTable('cart_items')
      .set({ quantity: sql`quantity - ${quantity}`, updated_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('product_id', '=', productId)
      .execute();
  },

  async remove(db: Db, userId: string, productId: string): Promise<void> {
    await db.deleteFrom('cart_items').where('user_id', '=', userId).where('product_id', '=', productId).execute();
  },

  async clear(db: Db, userId: string): Promise<void> {
    await db.deleteFrom('cart_items').where('user_id', '=', userId).execute();
  },

  /** Records that an order was taken out of the cart; false when it already was. */
  async recordCheckout(db: Db, orderId: string, userId: string): Promise<boolean> {
    const row = await db
      .insertInto('cart_checkouts')
      .values({ order_id: orderId, user_id: userId })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .returning('order_id')
      .executeTakeFirst();
    return row !== undefined;
  },
});
