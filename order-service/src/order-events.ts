// The domain events order-service publishes (contracts/src/events.ts), built from its own rows.
// They are written into the outbox in the transaction of the change they tell of.
import { newEvent } from '@dm/common/events';
import type { EventEnvelope } from '@dm/contracts/events';
import type { Transaction } from 'kysely';
import type { Database, OrderRow } from './db.js';
import type { OrderStatus } from './order-rules.js';
import type { NewOrderItem } from './orders.js';

const SOURCE = 'order-service';

const customerOf = (row: OrderRow) => ({ user_id: row.user_id, customer_email: row.customer_email, customer_name: row.customer_name });

/** `order.placed`: the order as its reservation priced it. */
export function placedEvent(
  row: OrderRow,
  priced: { items: NewOrderItem[]; subtotal: string; tax: string; shipping_cost: string; total: string },
): EventEnvelope {
  return newEvent(SOURCE, 'order.placed', {
    order_id: row.id,
    ...customerOf(row),
    items: priced.items.map((i) => ({
      product_id: i.product_id,
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unit_price: i.unit_price,
      line_total: i.line_total,
      vendor_id: i.vendor_id,
      vendor_name: i.vendor_name,
    })),
    subtotal: priced.subtotal,
    tax: priced.tax,
    shipping_cost: priced.shipping_cost,
    total: priced.total,
    placed_at: new Date().toISOString(),
  });
}

/**
 * The event of one change of state on a locked row: `order.paid`, `order.cancelled`, or for the
 * others `order.status_changed` (shipped carries the shops' tracking numbers).
 */
export async function statusEvents(
  trx: Transaction<Database>,
  before: OrderRow,
  after: OrderRow,
  to: OrderStatus,
  reason: string,
): Promise<EventEnvelope[]> {
  // An order still being written was never placed: undoing it tells nobody anything.
  if (before.status === 'reserving') return [];
  const from = before.status;
  const at = (after.updated_at ?? new Date()).toISOString();
  const tracking =
    to === 'shipped'
      ? (
          await trx
            .selectFrom('order_items')
            .select('tracking_number')
            .distinct()
            .where('order_id', '=', after.id)
            .where('tracking_number', 'is not', null)
            .execute()
        ).map((r) => r.tracking_number as string)
      : [];
  const events: EventEnvelope[] = [];
  if (to === 'paid' && after.payment_id) {
    events.push(
      newEvent(SOURCE, 'order.paid', {
        order_id: after.id,
        ...customerOf(after),
        payment_id: after.payment_id,
        total: after.total,
        paid_at: at,
      }),
    );
  }
  if (to === 'cancelled') {
    events.push(
      newEvent(SOURCE, 'order.cancelled', {
        order_id: after.id,
        ...customerOf(after),
        total: after.total,
        refunded: from === 'paid',
        reason,
        cancelled_at: at,
      }),
    );
  }
  // Paid and cancelled are told by their own events: one event per change is enough to listen to.
  if (to === 'paid' || to === 'cancelled') return events;
  events.push(
    newEvent(SOURCE, 'order.status_changed', {
      order_id: after.id,
      ...customerOf(after),
      from_status: from,
      to_status: to,
      tracking_numbers: tracking,
      changed_at: at,
    }),
  );
  return events;
}
