// The orders as one vendor sees them: those holding their items, from payment on, with their own
// items only; and their shipments, which move the order on through the one state machine.
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { formatMoney, parseMoney } from '@dm/common/money';
import type { OutboxMessage } from '@dm/common/outbox';
import type { Page } from '@dm/common/pagination';
import type { VENDOR_ORDER_STATUSES, VendorOrder } from '@dm/contracts/vendor-orders';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { CheckoutDeps } from './checkout.js';
import type { Database, OrderItemRow, OrderRow } from './db.js';
import { isShippable, shownStatus, statusesAfterShipping } from './order-rules.js';
import { addressAnswer, orders } from './orders.js';
import { moveLocked, sendAll } from './status-changes.js';

type Db = Kysely<Database> | Transaction<Database>;
type VendorOrderStatus = (typeof VENDOR_ORDER_STATUSES)[number];

const notFound = () => new HttpError(404, 'order not found');

/** A vendor sees an order from its payment on: a cancelled one only if it had been paid. */
const seenByVendors = (row: OrderRow): row is OrderRow & { paid_at: Date } =>
  row.paid_at !== null && row.status !== 'reserving' && row.status !== 'pending';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function vendorOrderOf(row: OrderRow & { paid_at: Date }, mine: OrderItemRow[]): VendorOrder {
  const shipped = mine.every((i) => i.shipped_at !== null);
  return {
    id: row.id,
    status: shownStatus(row.status) as VendorOrderStatus,
    shipping_address: addressAnswer(row.shipping_address),
    items: mine.map((i) => ({
      product_id: i.product_id,
      sku: i.sku,
      name: i.name,
      unit_price: i.unit_price,
      quantity: i.quantity,
      line_total: i.line_total,
      shipped_at: iso(i.shipped_at),
      tracking_number: i.tracking_number,
    })),
    items_total: formatMoney(mine.reduce((sum, i) => sum + parseMoney(i.line_total)!, 0)),
    shipped,
    can_ship: !shipped && isShippable(row.status),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    paid_at: row.paid_at.toISOString(),
    cancelled_at: iso(row.cancelled_at),
  };
}

async function itemsOfVendor(db: Db, vendorId: string, orderIds: string[]): Promise<Map<string, OrderItemRow[]>> {
  const byOrder = new Map<string, OrderItemRow[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .selectFrom('order_items')
    .selectAll()
    .where('vendor_id', '=', vendorId)
    .where('order_id', 'in', orderIds)
    .orderBy('name')
    .execute();
  for (const row of rows) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row]);
  return byOrder;
}

export const vendorOrders = Object.freeze({
  /** A page of the vendor's orders, newest first. */
  async list(db: Db, vendorId: string, f: { status?: VendorOrderStatus; page: number; pageSize: number }): Promise<Page<VendorOrder>> {
    const found = await orders.list(db, { ...f, vendorId });
    const items = await itemsOfVendor(
      db,
      vendorId,
      found.items.map((r) => r.id),
    );
    return { ...found, items: found.items.filter(seenByVendors).map((row) => vendorOrderOf(row, items.get(row.id) ?? [])) };
  },

  /** One of the vendor's orders; any other id (another shop's order included) is not found. */
  async find(db: Db, vendorId: string, orderId: string): Promise<VendorOrder> {
    if (!isUuid(orderId)) throw notFound();
    const row = await orders.findById(db, orderId);
    if (!row || !seenByVendors(row)) throw notFound();
    const mine = (await itemsOfVendor(db, vendorId, [row.id])).get(row.id);
    if (!mine) throw notFound();
    return vendorOrderOf(row, mine);
  },

  /** Orders with items of this vendor still to ship, for the dashboard. */
  async toShipCount(db: Db, vendorId: string): Promise<number> {
    const row = await db
      .selectFrom('orders')
      .select(sql<string>`count(*)`.as('n'))
      .where('status', 'in', ['paid', 'processing'])
      .where('id', 'in', (eb) =>
        eb.selectFrom('order_items').select('order_id').where('vendor_id', '=', vendorId).where('shipped_at', 'is', null),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

/**
 * A vendor ships all their unshipped items of an order, with one tracking number. The order's
 * first shipment makes it `processing`, its last `shipped`, through the state machine, in the
 * transaction that marks the items. The same shipment sent again is answered as it is; another
 * tracking number for items already shipped is a 409.
 */
export async function shipVendorItems(
  { db, outbox }: Pick<CheckoutDeps, 'db' | 'outbox'>,
  vendor: { id: string; label: string },
  orderId: string,
  trackingNumber: string,
): Promise<VendorOrder> {
  if (!isUuid(orderId)) throw notFound();
  const messages: OutboxMessage[] = [];
  const result = await db.transaction().execute(async (trx) => {
    const row = await orders.lockById(trx, orderId);
    if (!row || !seenByVendors(row)) throw notFound();
    const items = (await orders.itemsOf(trx, [row.id])).get(row.id) ?? [];
    const mine = items.filter((i) => i.vendor_id === vendor.id);
    if (mine.length === 0) throw notFound();
    if (mine.every((i) => i.shipped_at !== null)) {
      if (mine.every((i) => i.tracking_number === trackingNumber)) return vendorOrderOf(row, mine);
      const shippedWith = mine.find((i) => i.tracking_number)?.tracking_number;
      throw new HttpError(
        409,
        shippedWith
          ? `your items of this order were shipped already, with tracking number ${shippedWith}`
          : 'your items of this order were shipped already',
      );
    }
    if (!isShippable(row.status)) throw new HttpError(409, `a ${row.status} order cannot be shipped`, undefined, { status: row.status });
    await trx
      .updateTable('order_items')
      .set({ shipped_at: sql`now()`, tracking_number: trackingNumber })
      .where('order_id', '=', row.id)
      .where('vendor_id', '=', vendor.id)
      .where('shipped_at', 'is', null)
      .execute();
    const allShipped = items.every((i) => i.shipped_at !== null || i.vendor_id === vendor.id);
    let current: OrderRow = row;
    for (const to of statusesAfterShipping(row.status, allShipped)) {
      const reason = to === 'shipped' ? `the last items shipped, by ${vendor.label}` : `items shipped by ${vendor.label}`;
      current = await moveLocked(trx, current, to, { id: vendor.id, reason }, {}, messages);
    }
    const updated = (await itemsOfVendor(trx, vendor.id, [row.id])).get(row.id) ?? [];
    return vendorOrderOf({ ...current, paid_at: row.paid_at }, updated);
  });
  await sendAll(outbox, messages);
  return result;
}
