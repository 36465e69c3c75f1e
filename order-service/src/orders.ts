import { EVENT_TOPIC } from '@dm/common/events';
import { enqueueSql } from '@dm/common/outbox';
import { type Page, pageOf } from '@dm/common/pagination';
import type { EventEnvelope } from '@dm/contracts/events';
import type { Order, OrderItem, ShippingAddress, ShippingAddressAnswer } from '@dm/contracts/orders';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, OrderEventRow, OrderItemRow, OrderRow } from './db.js';
import { adminNextStatuses, isCancellable, type OrderStatus, type StoredStatus, shownStatus } from './order-rules.js';

type Db = Kysely<Database> | Transaction<Database>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The address under both sets of names, the shop's (`line1`) and other shops' clients' (`address_line1`). */
export const addressAnswer = (a: ShippingAddress): ShippingAddressAnswer => ({
  ...a,
  state: a.state ?? '',
  address_line1: a.line1,
  address_line2: a.line2,
});

export function itemRowToItem({ order_id: _, shipped_at, ...item }: OrderItemRow): OrderItem {
  return { ...item, shipped_at: iso(shipped_at) };
}

export function orderRowToOrder(row: OrderRow, items: OrderItemRow[], events?: OrderEventRow[]): Order {
  const order: Order = {
    id: row.id,
    user_id: row.user_id,
    status: shownStatus(row.status),
    customer_email: row.customer_email,
    customer_name: row.customer_name,
    shipping_address: addressAnswer(row.shipping_address),
    items: items.map(itemRowToItem),
    subtotal: row.subtotal,
    tax: row.tax,
    shipping_cost: row.shipping_cost,
    total: row.total,
    payment_id: row.payment_id,
    can_cancel: isCancellable(row.status),
    next_statuses: adminNextStatuses(row.status),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    paid_at: iso(row.paid_at),
    cancelled_at: iso(row.cancelled_at),
  };
  if (events) {
    order.events = events.map((e) => ({
      from_status: e.from_status && shownStatus(e.from_status),
      to_status: shownStatus(e.to_status),
      actor: e.actor,
      reason: e.reason,
      created_at: e.created_at.toISOString(),
    }));
  }
  return order;
}

/** An item as checkout writes it: not shipped yet. */
export type NewOrderItem = Omit<OrderItemRow, 'order_id' | 'shipped_at' | 'tracking_number'>;

export interface ListFilter {
  userId?: string;
  /** only the orders holding this vendor's items, from their payment on (what the vendor sees) */
  vendorId?: string;
  status?: OrderStatus;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export const orders = Object.freeze({
  findById(db: Db, id: string): Promise<OrderRow | undefined> {
    return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The row, locked until the transaction ends: status changes go one at a time. */
  lockById(trx: Transaction<Database>, id: string): Promise<OrderRow | undefined> {
    return trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  findByKey(db: Db, userId: string, key: string): Promise<OrderRow | undefined> {
    return db.selectFrom('orders').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
  },

  async itemsOf(db: Db, orderIds: string[]): Promise<Map<string, OrderItemRow[]>> {
    const byOrder = new Map<string, OrderItemRow[]>();
    if (orderIds.length === 0) return byOrder;
    const rows = await db.selectFrom('order_items').selectAll().where('order_id', 'in', orderIds).orderBy('name').execute();
    for (const row of rows) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row]);
    return byOrder;
  },

  eventsOf(db: Db, orderId: string): Promise<OrderEventRow[]> {
    return db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  },

  /**
   * Writes an order in its first, internal state: who and where, no items or money yet (the
   * reservation prices it). Answers nothing when the key was used already: a second request with
   * the same key waits on the unique index until the first commits, then inserts nothing.
   */
  async insert(
    db: Db,
    order: { user_id: string; idempotency_key: string; customer_email: string; customer_name: string; shipping_address: ShippingAddress },
  ): Promise<OrderRow | undefined> {
    const { rows } = await sql<OrderRow>`
      INSERT INTO orders (user_id, status, idempotency_key, customer_email, customer_name, shipping_address, subtotal, tax, shipping_cost, total)
      VALUES (${order.user_id}, 'reserving', ${order.idempotency_key}, ${order.customer_email}, ${order.customer_name},
              ${JSON.stringify(order.shipping_address)}::jsonb, 0, 0, 0, 0)
      ON CONFLICT (user_id, idempotency_key) DO NOTHING
      RETURNING *`.execute(db);
    return rows[0];
  },

  /**
   * Confirms an order whose stock is held: `reserving` → `pending` with its items and money as
   * the reservation priced them, its event, and the message to the cart, in one statement.
   * Answers nothing if the order is no longer `reserving`. Items an earlier version of checkout
   * wrote before reserving are overwritten by the reservation's.
   */
  async confirm(
    db: Db,
    orderId: string,
    priced: { items: NewOrderItem[]; subtotal: string; tax: string; shipping_cost: string; total: string },
    event: { actor: string; reason: string },
    message: { topic: string; payload: object },
    placed: EventEnvelope,
  ): Promise<{ row: OrderRow; event: OrderEventRow; messageId: string; placedId: string } | undefined> {
    const { rows } = await sql<OrderRow & { event_id: number; event_created_at: Date; message_id: string; placed_id: string }>`
      WITH o AS (
        UPDATE orders SET status = 'pending', subtotal = ${priced.subtotal}, tax = ${priced.tax},
          shipping_cost = ${priced.shipping_cost}, total = ${priced.total}, updated_at = now()
        WHERE id = ${orderId} AND status = 'reserving'
        RETURNING *
      ), i AS (
        INSERT INTO order_items (order_id, product_id, sku, name, unit_price, quantity, line_total, vendor_id, vendor_name)
        SELECT o.id, x.product_id, x.sku, x.name, x.unit_price, x.quantity, x.line_total, x.vendor_id, x.vendor_name
        FROM o, jsonb_to_recordset(${JSON.stringify(priced.items)}::jsonb)
          AS x(product_id uuid, sku text, name text, unit_price numeric, quantity int, line_total numeric, vendor_id uuid, vendor_name text)
        ON CONFLICT (order_id, product_id) DO UPDATE SET sku = excluded.sku, name = excluded.name, unit_price = excluded.unit_price,
          quantity = excluded.quantity, line_total = excluded.line_total, vendor_id = excluded.vendor_id, vendor_name = excluded.vendor_name
      ), e AS (
        INSERT INTO order_events (order_id, from_status, to_status, actor, reason)
        SELECT id, NULL, 'pending', ${event.actor}, ${event.reason} FROM o
        RETURNING id, created_at
      ), m AS (${enqueueSql('o', message.topic, message.payload)}),
      p AS (${enqueueSql('o', EVENT_TOPIC, placed)})
      SELECT o.*, e.id AS event_id, e.created_at AS event_created_at, m.id AS message_id, p.id AS placed_id FROM o, e, m, p`.execute(db);
    const found = rows[0];
    if (!found) return undefined;
    const { event_id, event_created_at, message_id, placed_id, ...row } = found;
    return {
      row,
      event: {
        id: event_id,
        order_id: orderId,
        from_status: null,
        to_status: 'pending',
        actor: event.actor,
        reason: event.reason,
        created_at: event_created_at,
      },
      messageId: message_id,
      placedId: placed_id,
    };
  },

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('orders').where('id', '=', id).execute();
  },

  async setStatus(
    trx: Transaction<Database>,
    row: OrderRow,
    to: StoredStatus,
    event: { actor: string; reason: string },
    extra: { payment_id?: string } = {},
  ): Promise<OrderRow> {
    const updated = await trx
      .updateTable('orders')
      .set({
        status: to,
        updated_at: sql`now()`,
        ...(to === 'paid' ? { paid_at: sql`now()` } : {}),
        ...(to === 'cancelled' ? { cancelled_at: sql`now()` } : {}),
        ...extra,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('order_events')
      .values({ order_id: row.id, from_status: row.status === 'reserving' ? null : row.status, to_status: to, ...event })
      .execute();
    return updated;
  },

  /** A page of orders, newest first; orders still being written are nobody's business yet. */
  async list(db: Db, f: ListFilter): Promise<Page<OrderRow>> {
    let query = db.selectFrom('orders').where('status', '<>', 'reserving');
    if (f.userId) query = query.where('user_id', '=', f.userId);
    const { vendorId } = f;
    if (vendorId) {
      query = query
        .where('paid_at', 'is not', null)
        .where('status', '<>', 'pending')
        .where('id', 'in', (eb) => eb.selectFrom('order_items').select('order_id').where('vendor_id', '=', vendorId));
    }
    if (f.status) query = query.where('status', '=', f.status);
    if (f.from) query = query.where('created_at', '>=', f.from);
    if (f.to) query = query.where('created_at', '<', f.to);
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return pageOf(rows, count.n, f.page, f.pageSize);
  },

  /** Whether `userId` has a delivered order holding `productId` (their orders by the user index, then each line by its key). */
  async hasDelivered(db: Db, userId: string, productId: string): Promise<boolean> {
    const row = await db
      .selectFrom('orders')
      .innerJoin('order_items', 'order_items.order_id', 'orders.id')
      .select('orders.id')
      .where('orders.user_id', '=', userId)
      .where('orders.status', '=', 'delivered')
      .where('order_items.product_id', '=', productId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Orders waiting for payment since before `cutoff`. */
  unpaidSince(db: Db, cutoff: Date, limit = 100): Promise<OrderRow[]> {
    return db
      .selectFrom('orders')
      .selectAll()
      .where('status', '=', 'pending')
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit)
      .execute();
  },

  /** Orders written but never confirmed (their writer died), older than `cutoff`. */
  stuckSince(db: Db, cutoff: Date, limit = 100): Promise<OrderRow[]> {
    return db
      .selectFrom('orders')
      .selectAll()
      .where('status', '=', 'reserving')
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit)
      .execute();
  },
});

/** Rows to API orders, with the items of all of them read in one query. */
export async function withItems(db: Db, rows: OrderRow[]): Promise<Order[]> {
  const items = await orders.itemsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => orderRowToOrder(row, items.get(row.id) ?? []));
}

export async function orderDetail(db: Db, row: OrderRow): Promise<Order> {
  const items = await orders.itemsOf(db, [row.id]);
  const events = await orders.eventsOf(db, row.id);
  return orderRowToOrder(row, items.get(row.id) ?? [], events);
}
