// analytics-service's internal API: the admin dashboard's figures, all from domain events
// (contracts/src/events.ts), in one answer so the page makes one call.
import { z } from 'zod';
import { Money, Timestamp, Uuid } from './common.js';
import { ORDER_STATUSES } from './limits.js';

/** How many days the dashboard's series may cover. */
export const DASHBOARD_DAYS_DEFAULT = 30;
export const DASHBOARD_DAYS_MAX = 366;
/** How many products each top list holds. */
export const TOP_PRODUCTS = 10;

/** `?days=`: the window, ending today (UTC). */
export const DashboardQuery = z.object({
  days: z.coerce.number().int().min(1).max(DASHBOARD_DAYS_MAX).default(DASHBOARD_DAYS_DEFAULT),
});

/** A UTC calendar day, "2026-12-01". */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A share such as 0.25 (25 %); null when there is nothing to divide by. */
const Rate = z.number().nonnegative().nullable();

/** One day of the series: orders placed that day, and revenue (see the README's Analytics section). */
export const DailyFigures = z.object({ day: Day, orders: z.int().nonnegative(), revenue: Money });

export const StatusCount = z.object({ status: z.enum(ORDER_STATUSES), orders: z.int().nonnegative() });

/** A product as the events named it (null: no event named it yet, only page views counted it). */
const ProductRef = { product_id: Uuid, name: z.string().nullable(), sku: z.string().nullable() };

export const ProductRevenue = z.object({ ...ProductRef, revenue: Money, units: z.int().nonnegative() });
export const ProductViews = z.object({ ...ProductRef, views: z.int().nonnegative(), cart_adds: z.int().nonnegative() });
export const LowStockProduct = z.object({ ...ProductRef, stock: z.int().nonnegative(), vendor_id: Uuid.nullable(), since: Timestamp });
/** vendor_id null: the house's own products. */
export const VendorRevenue = z.object({
  vendor_id: Uuid.nullable(),
  vendor_name: z.string().nullable(),
  revenue: Money,
  orders: z.int().nonnegative(),
});
/** The funnel of one product: page views → cart adds → orders placed. */
export const ProductConversion = z.object({
  ...ProductRef,
  views: z.int().nonnegative(),
  cart_adds: z.int().nonnegative(),
  orders: z.int().nonnegative(),
  units: z.int().nonnegative(),
  /** cart adds per view */
  view_to_cart: Rate,
  /** orders per cart add */
  cart_to_order: Rate,
});

export const Dashboard = z.object({
  days: z.int().positive(),
  /** the first and last day of the series (UTC) */
  from: Day,
  to: Day,
  generated_at: Timestamp,
  daily: z.array(DailyFigures),
  totals: z.object({ orders: z.int().nonnegative(), revenue: Money }),
  status_counts: z.array(StatusCount),
  top_by_revenue: z.array(ProductRevenue),
  top_by_views: z.array(ProductViews),
  low_stock: z.array(LowStockProduct),
  revenue_by_vendor: z.array(VendorRevenue),
  conversion: z.array(ProductConversion),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The charts whose figures come as CSV: `GET /internal/dashboard/<chart>.csv`. */
export const DASHBOARD_CHARTS = ['daily', 'status', 'top-revenue', 'top-views', 'low-stock', 'vendors', 'conversion'] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];
