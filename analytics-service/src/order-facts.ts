// What the order events tell, merged into one row per order. Each merge gives the same row
// whichever event comes first, so events may arrive in any order: a status only moves up its rank
// (an order's states form a one-way chain, cancelled last), each time is the earliest told, and a
// value once known is kept.
import { parseMoney } from '@dm/common/money';
import type { EventOrderItem } from '@dm/contracts/events';
import type { OrderStatus } from '@dm/contracts/limits';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import { nameProducts } from './product-facts.js';

type Db = Kysely<Database> | Transaction<Database>;

// pending → paid → processing → shipped → delivered; cancelled (from pending or paid) ends it.
const STATUS_RANK: Record<OrderStatus, number> = { pending: 0, paid: 1, processing: 2, shipped: 3, delivered: 4, cancelled: 5 };

/** Cents of a Money string from an event (the contract has checked its shape). */
export function cents(money: string): number {
  const value = parseMoney(money.replace(/^-/, ''));
  if (value === null) throw new Error(`not an amount: ${money}`);
  return money.startsWith('-') ? -value : value;
}

interface OrderFacts {
  order_id: string;
  user_id?: string;
  status: OrderStatus;
  total?: string;
  placed_at?: string;
  paid_at?: string;
  cancelled_at?: string;
  has_items?: boolean;
}

/** Merges one event's facts into the order's row. */
async function mergeOrder(db: Db, facts: OrderFacts): Promise<void> {
  await db
    .insertInto('orders')
    .values({
      order_id: facts.order_id,
      user_id: facts.user_id ?? null,
      status: facts.status,
      status_rank: STATUS_RANK[facts.status],
      total_cents: facts.total === undefined ? null : cents(facts.total),
      placed_at: facts.placed_at ? new Date(facts.placed_at) : null,
      paid_at: facts.paid_at ? new Date(facts.paid_at) : null,
      cancelled_at: facts.cancelled_at ? new Date(facts.cancelled_at) : null,
      has_items: facts.has_items ?? false,
    })
    .onConflict((oc) =>
      oc.column('order_id').doUpdateSet({
        user_id: sql`COALESCE(orders.user_id, excluded.user_id)`,
        status: sql`CASE WHEN excluded.status_rank > orders.status_rank THEN excluded.status ELSE orders.status END`,
        status_rank: sql`GREATEST(orders.status_rank, excluded.status_rank)`,
        total_cents: sql`COALESCE(orders.total_cents, excluded.total_cents)`,
        // LEAST and GREATEST skip nulls: a time told by any event stays, the earliest when told twice.
        placed_at: sql`LEAST(orders.placed_at, excluded.placed_at)`,
        paid_at: sql`LEAST(orders.paid_at, excluded.paid_at)`,
        cancelled_at: sql`LEAST(orders.cancelled_at, excluded.cancelled_at)`,
        has_items: sql`orders.has_items OR excluded.has_items`,
      }),
    )
    .execute();
}

export async function orderPlaced(
  db: Db,
  order: { order_id: string; user_id: string; total: string; placed_at: string; items: EventOrderItem[] },
): Promise<void> {
  await mergeOrder(db, { ...order, status: 'pending', has_items: true });
  await db
    .insertInto('order_items')
    .values(
      order.items.map((item, line) => ({
        order_id: order.order_id,
        line,
        product_id: item.product_id,
        sku: item.sku,
        name: item.name,
        quantity: item.quantity,
        line_total_cents: cents(item.line_total),
        vendor_id: item.vendor_id,
        vendor_name: item.vendor_name,
      })),
    )
    .onConflict((oc) => oc.columns(['order_id', 'line']).doNothing())
    .execute();
  await nameProducts(
    db,
    order.items.map((i) => ({ product_id: i.product_id, sku: i.sku, name: i.name, vendor_id: i.vendor_id })),
    order.placed_at,
  );
}

export function orderPaid(db: Db, order: { order_id: string; user_id: string; total: string; paid_at: string }): Promise<void> {
  return mergeOrder(db, { ...order, status: 'paid' });
}

export function orderStatusChanged(db: Db, order: { order_id: string; user_id: string; to_status: OrderStatus }): Promise<void> {
  return mergeOrder(db, { order_id: order.order_id, user_id: order.user_id, status: order.to_status });
}

export async function orderCancelled(
  db: Db,
  order: { order_id: string; user_id: string; total: string; refunded: boolean; cancelled_at: string },
): Promise<void> {
  await mergeOrder(db, { ...order, status: 'cancelled' });
  if (order.refunded) await mergeRefund(db, { order_id: order.order_id, order_amount: order.total, at: order.cancelled_at });
}

/** payment-service gave a paid order's money back; `at` is when it said so. */
export function paymentRefunded(db: Db, refund: { order_id: string; amount: string; at: string }): Promise<void> {
  return mergeRefund(db, { order_id: refund.order_id, payment_amount: refund.amount, at: refund.at });
}

/**
 * A refund is told twice, by the payment (its amount) and by the cancelled order (its total): one
 * row per order, the payment's amount when known, the earlier time.
 */
async function mergeRefund(db: Db, refund: { order_id: string; payment_amount?: string; order_amount?: string; at: string }) {
  await db
    .insertInto('refunds')
    .values({
      order_id: refund.order_id,
      payment_amount_cents: refund.payment_amount === undefined ? null : cents(refund.payment_amount),
      order_amount_cents: refund.order_amount === undefined ? null : cents(refund.order_amount),
      refunded_at: new Date(refund.at),
    })
    .onConflict((oc) =>
      oc.column('order_id').doUpdateSet({
        payment_amount_cents: sql`COALESCE(refunds.payment_amount_cents, excluded.payment_amount_cents)`,
        order_amount_cents: sql`COALESCE(refunds.order_amount_cents, excluded.order_amount_cents)`,
        refunded_at: sql`LEAST(refunds.refunded_at, excluded.refunded_at)`,
      }),
    )
    .execute();
}
