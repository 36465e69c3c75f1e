// The dashboard's figures, read from the facts the events left (see order-facts.ts and
// product-facts.ts). Revenue, as the README's Analytics section defines it:
//   - per day: the totals (tax and shipping included) of the orders paid that day, less the
//     refunds made that day; a day can be negative;
//   - per product and per vendor: the item totals (before tax and shipping) of the orders paid in
//     the window and not refunded since.
// Days are UTC calendar days; the window is the `days` days ending today.
import { formatMoney } from '@dm/common/money';
import { type Dashboard, TOP_PRODUCTS } from '@dm/contracts/analytics';
import { ORDER_STATUSES, type OrderStatus } from '@dm/contracts/limits';
import { type Kysely, sql } from 'kysely';
import type { Database } from './db.js';

/** Vendors and low-stock products listed at most. */
const LONG_LIST = 100;

export interface Window {
  days: number;
  /** first and last day, "2026-12-01" */
  from: string;
  to: string;
  /** [start, end) as instants */
  start: Date;
  end: Date;
}

/** The `days` UTC days ending on the day of `now`. */
export function windowOf(days: number, now = new Date()): Window {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const start = new Date(end.getTime() - days * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { days, from: day(start), to: day(new Date(end.getTime() - 86_400_000)), start, end };
}

/** A bigint or numeric from pg (a string) as a safe integer. */
const int = (value: string | number | null | undefined): number => Number(value ?? 0);
const money = (value: string | number | null | undefined) => formatMoney(int(value));

/** Orders placed and revenue per day, every day of the window (zero when nothing happened). */
async function daily(db: Kysely<Database>, w: Window) {
  const { rows } = await sql<{ day: string; orders: number; revenue_cents: string }>`
    WITH placed AS (
      SELECT (placed_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS orders
      FROM orders WHERE placed_at >= ${w.start} AND placed_at < ${w.end} GROUP BY 1
    ), paid AS (
      SELECT (paid_at AT TIME ZONE 'UTC')::date AS day, sum(total_cents)::bigint AS cents
      FROM orders WHERE paid_at >= ${w.start} AND paid_at < ${w.end} GROUP BY 1
    ), refunded AS (
      SELECT (refunded_at AT TIME ZONE 'UTC')::date AS day, sum(COALESCE(payment_amount_cents, order_amount_cents))::bigint AS cents
      FROM refunds WHERE refunded_at >= ${w.start} AND refunded_at < ${w.end} GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           COALESCE(placed.orders, 0) AS orders,
           (COALESCE(paid.cents, 0) - COALESCE(refunded.cents, 0))::bigint AS revenue_cents
    FROM generate_series(${w.from}::date, ${w.to}::date, interval '1 day') AS d(day)
    LEFT JOIN placed ON placed.day = d.day
    LEFT JOIN paid ON paid.day = d.day
    LEFT JOIN refunded ON refunded.day = d.day
    ORDER BY d.day`.execute(db);
  return rows.map((r) => ({ day: r.day, orders: r.orders, cents: int(r.revenue_cents) }));
}

/** Every order known, by its current status (all statuses, zero included). */
async function statusCounts(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('orders')
    .select(['status', sql<number>`count(*)::int`.as('orders')])
    .groupBy('status')
    .execute();
  const counts = new Map(rows.map((r) => [r.status, r.orders]));
  return ORDER_STATUSES.map((status: OrderStatus) => ({ status, orders: counts.get(status) ?? 0 }));
}

/** The items of the orders paid in the window and not refunded: what product and vendor revenue add up. */
function soldItems(db: Kysely<Database>, w: Window) {
  return db
    .selectFrom('orders as o')
    .innerJoin('order_items as i', 'i.order_id', 'o.order_id')
    .where('o.paid_at', '>=', w.start)
    .where('o.paid_at', '<', w.end)
    .where('o.status', '<>', 'cancelled')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('refunds as r').select('r.order_id').whereRef('r.order_id', '=', 'o.order_id'))),
    );
}

async function topByRevenue(db: Kysely<Database>, w: Window) {
  const rows = await soldItems(db, w)
    .select([
      'i.product_id',
      sql<string>`sum(i.line_total_cents)::bigint`.as('revenue_cents'),
      sql<string>`sum(i.quantity)::bigint`.as('units'),
    ])
    .groupBy('i.product_id')
    .orderBy('revenue_cents', 'desc')
    .orderBy('i.product_id')
    .limit(TOP_PRODUCTS)
    .execute();
  return rows.map((r) => ({ product_id: r.product_id, revenue_cents: int(r.revenue_cents), units: int(r.units) }));
}

async function topByViews(db: Kysely<Database>, w: Window) {
  const rows = await db
    .selectFrom('product_activity')
    .select(['product_id', sql<string>`sum(views)::bigint`.as('views'), sql<string>`sum(cart_adds)::bigint`.as('cart_adds')])
    .where('day', '>=', sql<Date>`${w.from}::date`)
    .where('day', '<=', sql<Date>`${w.to}::date`)
    .groupBy('product_id')
    .having(sql`sum(views)`, '>', 0)
    .orderBy('views', 'desc')
    .orderBy('product_id')
    .limit(TOP_PRODUCTS)
    .execute();
  return rows.map((r) => ({ product_id: r.product_id, views: int(r.views), cart_adds: int(r.cart_adds) }));
}

async function revenueByVendor(db: Kysely<Database>, w: Window) {
  const rows = await soldItems(db, w)
    .select([
      'i.vendor_id',
      sql<string | null>`max(i.vendor_name)`.as('vendor_name'),
      sql<string>`sum(i.line_total_cents)::bigint`.as('revenue_cents'),
      sql<number>`count(DISTINCT o.order_id)::int`.as('orders'),
    ])
    .groupBy('i.vendor_id')
    .orderBy('revenue_cents', 'desc')
    .orderBy('i.vendor_id')
    .limit(LONG_LIST)
    .execute();
  return rows.map((r) => ({ vendor_id: r.vendor_id, vendor_name: r.vendor_name, revenue: money(r.revenue_cents), orders: r.orders }));
}

async function lowStock(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('products')
    .select(['product_id', 'name', 'sku', 'stock', 'vendor_id', 'stock_at'])
    .where('stock_low', '=', true)
    .orderBy('stock')
    .orderBy('name')
    .limit(LONG_LIST)
    .execute();
  return rows.map((r) => ({
    product_id: r.product_id,
    name: r.name,
    sku: r.sku,
    stock: r.stock ?? 0,
    vendor_id: r.vendor_id,
    since: (r.stock_at ?? new Date(0)).toISOString(),
  }));
}

/** The funnel of each of `ids` in the window: views, cart adds, orders placed and their units. */
async function funnel(db: Kysely<Database>, w: Window, ids: string[]) {
  if (ids.length === 0) return new Map<string, { views: number; cart_adds: number; orders: number; units: number }>();
  const [activity, ordered] = await Promise.all([
    db
      .selectFrom('product_activity')
      .select(['product_id', sql<string>`sum(views)::bigint`.as('views'), sql<string>`sum(cart_adds)::bigint`.as('cart_adds')])
      .where('product_id', 'in', ids)
      .where('day', '>=', sql<Date>`${w.from}::date`)
      .where('day', '<=', sql<Date>`${w.to}::date`)
      .groupBy('product_id')
      .execute(),
    db
      .selectFrom('order_items as i')
      .innerJoin('orders as o', 'o.order_id', 'i.order_id')
      .select(['i.product_id', sql<number>`count(DISTINCT i.order_id)::int`.as('orders'), sql<string>`sum(i.quantity)::bigint`.as('units')])
      .where('i.product_id', 'in', ids)
      .where('o.placed_at', '>=', w.start)
      .where('o.placed_at', '<', w.end)
      .groupBy('i.product_id')
      .execute(),
  ]);
  const result = new Map(ids.map((id) => [id, { views: 0, cart_adds: 0, orders: 0, units: 0 }]));
  for (const a of activity) Object.assign(result.get(a.product_id)!, { views: int(a.views), cart_adds: int(a.cart_adds) });
  for (const o of ordered) Object.assign(result.get(o.product_id)!, { orders: o.orders, units: int(o.units) });
  return result;
}

async function productNames(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; sku: string }>();
  const rows = await db.selectFrom('products').select(['product_id', 'name', 'sku']).where('product_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.product_id, { name: r.name, sku: r.sku }]));
}

/** A share rounded to four places; null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Everything the admin's dashboard shows, for the `days` days ending today. */
export async function dashboard(db: Kysely<Database>, days: number, now = new Date()): Promise<Dashboard> {
  const w = windowOf(days, now);
  const [series, statuses, byRevenue, byViews, vendors, low] = await Promise.all([
    daily(db, w),
    statusCounts(db),
    topByRevenue(db, w),
    topByViews(db, w),
    revenueByVendor(db, w),
    lowStock(db),
  ]);
  const ids = [...new Set([...byRevenue.map((p) => p.product_id), ...byViews.map((p) => p.product_id)])];
  const [names, funnels] = await Promise.all([productNames(db, ids), funnel(db, w, ids)]);
  const ref = (id: string) => ({ product_id: id, name: names.get(id)?.name ?? null, sku: names.get(id)?.sku ?? null });
  return {
    days,
    from: w.from,
    to: w.to,
    generated_at: now.toISOString(),
    daily: series.map((d) => ({ day: d.day, orders: d.orders, revenue: formatMoney(d.cents) })),
    totals: {
      orders: series.reduce((sum, d) => sum + d.orders, 0),
      revenue: formatMoney(series.reduce((sum, d) => sum + d.cents, 0)),
    },
    status_counts: statuses,
    top_by_revenue: byRevenue.map((p) => ({ ...ref(p.product_id), revenue: formatMoney(p.revenue_cents), units: p.units })),
    top_by_views: byViews.map((p) => ({ ...ref(p.product_id), views: p.views, cart_adds: p.cart_adds })),
    low_stock: low,
    revenue_by_vendor: vendors,
    conversion: ids.map((id) => {
      const f = funnels.get(id)!;
      return { ...ref(id), ...f, view_to_cart: rate(f.cart_adds, f.views), cart_to_order: rate(f.orders, f.cart_adds) };
    }),
  };
}
