// The orders this service has heard of through order.placed: the later events of an order carry
// no items, and payment.failed and payment.refunded no address, so their mails are written from here.
import type { EventPayload } from '@dm/contracts/events';
import type { Kysely, Transaction } from 'kysely';
import type { Database, KnownOrderRow } from './db.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Keeps what order.placed told; a second telling of the same order changes nothing. */
export async function rememberOrder(db: Db, placed: EventPayload<'order.placed'>): Promise<void> {
  const items = placed.items.map(({ name, sku, quantity, unit_price, line_total }) => ({ name, sku, quantity, unit_price, line_total }));
  await db
    .insertInto('orders')
    .values({
      order_id: placed.order_id,
      user_id: placed.user_id,
      email: placed.customer_email,
      name: placed.customer_name,
      items: JSON.stringify(items),
      subtotal: placed.subtotal,
      tax: placed.tax,
      shipping_cost: placed.shipping_cost,
      total: placed.total,
      placed_at: new Date(placed.placed_at),
    })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
}

/** Thrown for an event about an order whose order.placed has not arrived: the event is retried later. */
export class OrderNotKnownYet extends Error {
  override name = 'OrderNotKnownYet';
  constructor(orderId: string) {
    super(`order ${orderId} is not known yet (its order.placed has not arrived)`);
  }
}

/** The order, or OrderNotKnownYet (events can arrive out of order: a retry will find it). */
export async function knownOrder(db: Db, orderId: string): Promise<KnownOrderRow> {
  const row = await db.selectFrom('orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  if (!row) throw new OrderNotKnownYet(orderId);
  return row;
}

/** Marks the order's refund as told; false when a mail told of it already. */
export async function tellRefundOnce(db: Db, orderId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('told_refunds')
    .values({ order_id: orderId })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returning('order_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
