// A vendor's sales in figures, from the ledger: a sale counts on the day its order was paid (UTC)
// unless it was reversed since, so a cancelled order drops out of the day it was sold.
import { formatMoney } from '@dm/common/money';
import type { SalesFigures, VendorDashboard } from '@dm/contracts/vendor-orders';
import { type Kysely, sql } from 'kysely';
import type { Database } from './db.js';
import { ledger } from './ledger.js';
import { vendorOrders } from './vendor-orders.js';

export const DASHBOARD_DAYS = 30;
const TOP_PRODUCTS = 5;

interface Sums {
  gross: string;
  net: string;
  units: string;
}

const figures = (row: Sums | undefined): SalesFigures => ({
  gross: formatMoney(Number(row?.gross ?? 0)),
  net: formatMoney(Number(row?.net ?? 0)),
  units: Number(row?.units ?? 0),
});

/** The vendor's sales not reversed, each with its item's quantity and name. */
const keptSales = (vendorId: string) => sql`
  SELECT s.product_id, s.gross, s.net, s.created_at, i.quantity, i.name
  FROM sales_ledger s
  JOIN order_items i ON i.order_id = s.order_id AND i.product_id = s.product_id
  WHERE s.vendor_id = ${vendorId} AND s.kind = 'sale'
    AND NOT EXISTS (
      SELECT 1 FROM sales_ledger r WHERE r.order_id = s.order_id AND r.product_id = s.product_id AND r.kind = 'reversal'
    )`;

const sums = sql`
  coalesce(round(sum(k.gross) * 100), 0)::bigint AS gross,
  coalesce(round(sum(k.net) * 100), 0)::bigint AS net,
  coalesce(sum(k.quantity), 0)::bigint AS units`;

export async function vendorDashboard(db: Kysely<Database>, vendorId: string): Promise<VendorDashboard> {
  const today = sql`(now() AT TIME ZONE 'UTC')::date`;
  const since = (unit: 'week' | 'month') => sql`date_trunc(${unit}, now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
  const [periods, daily, top, balance, toShip] = await Promise.all([
    sql<{ week_gross: string; week_net: string; week_units: string; month_gross: string; month_net: string; month_units: string }>`
      SELECT
        coalesce(round(sum(k.gross) FILTER (WHERE k.created_at >= ${since('week')}) * 100), 0)::bigint AS week_gross,
        coalesce(round(sum(k.net) FILTER (WHERE k.created_at >= ${since('week')}) * 100), 0)::bigint AS week_net,
        coalesce(sum(k.quantity) FILTER (WHERE k.created_at >= ${since('week')}), 0)::bigint AS week_units,
        coalesce(round(sum(k.gross) FILTER (WHERE k.created_at >= ${since('month')}) * 100), 0)::bigint AS month_gross,
        coalesce(round(sum(k.net) FILTER (WHERE k.created_at >= ${since('month')}) * 100), 0)::bigint AS month_net,
        coalesce(sum(k.quantity) FILTER (WHERE k.created_at >= ${since('month')}), 0)::bigint AS month_units
      FROM (${keptSales(vendorId)}) k
      WHERE k.created_at >= least(${since('week')}, ${since('month')})`.execute(db),
    sql<Sums & { date: string }>`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS date, ${sums}
      FROM generate_series(${today} - ${DASHBOARD_DAYS - 1}::int, ${today}, interval '1 day') AS d(day)
      LEFT JOIN (${keptSales(vendorId)}) k ON (k.created_at AT TIME ZONE 'UTC')::date = d.day::date
      GROUP BY d.day ORDER BY d.day`.execute(db),
    sql<Sums & { product_id: string; name: string }>`
      SELECT k.product_id, (array_agg(k.name ORDER BY k.created_at DESC))[1] AS name, ${sums}
      FROM (${keptSales(vendorId)}) k
      GROUP BY k.product_id
      ORDER BY units DESC, gross DESC, k.product_id
      LIMIT ${TOP_PRODUCTS}`.execute(db),
    ledger.balanceOf(db, vendorId),
    vendorOrders.toShipCount(db, vendorId),
  ]);
  const p = periods.rows[0];
  return {
    ...balance,
    this_week: figures(p && { gross: p.week_gross, net: p.week_net, units: p.week_units }),
    this_month: figures(p && { gross: p.month_gross, net: p.month_net, units: p.month_units }),
    daily: daily.rows.map((row) => ({ date: row.date, ...figures(row) })),
    top_products: top.rows.map((row) => ({ product_id: row.product_id, name: row.name, ...figures(row) })),
    orders_to_ship: toShip,
  };
}
