// Each chart's figures as a CSV file, for a spreadsheet. Names come from events (a product's or a
// shop's name is whatever its owner typed), so every cell is neutralised against CSV injection.
import { neutraliseCell } from '@dm/common/csv-formula';
import type { Dashboard, DashboardChart } from '@dm/contracts/analytics';
import { stringify } from 'csv-stringify/sync';

type Cell = string | number | null;
type Table = { header: string[]; rows: Cell[][] };

const TABLES: Record<DashboardChart, (d: Dashboard) => Table> = {
  daily: (d) => ({ header: ['day', 'orders', 'revenue'], rows: d.daily.map((r) => [r.day, r.orders, r.revenue]) }),
  status: (d) => ({ header: ['status', 'orders'], rows: d.status_counts.map((r) => [r.status, r.orders]) }),
  'top-revenue': (d) => ({
    header: ['product_id', 'sku', 'name', 'revenue', 'units'],
    rows: d.top_by_revenue.map((r) => [r.product_id, r.sku, r.name, r.revenue, r.units]),
  }),
  'top-views': (d) => ({
    header: ['product_id', 'sku', 'name', 'views', 'cart_adds'],
    rows: d.top_by_views.map((r) => [r.product_id, r.sku, r.name, r.views, r.cart_adds]),
  }),
  'low-stock': (d) => ({
    header: ['product_id', 'sku', 'name', 'stock', 'since'],
    rows: d.low_stock.map((r) => [r.product_id, r.sku, r.name, r.stock, r.since]),
  }),
  vendors: (d) => ({
    header: ['vendor_id', 'vendor_name', 'revenue', 'orders'],
    rows: d.revenue_by_vendor.map((r) => [r.vendor_id, r.vendor_id === null ? 'The house' : r.vendor_name, r.revenue, r.orders]),
  }),
  conversion: (d) => ({
    header: ['product_id', 'sku', 'name', 'views', 'cart_adds', 'orders', 'units', 'view_to_cart', 'cart_to_order'],
    rows: d.conversion.map((r) => [r.product_id, r.sku, r.name, r.views, r.cart_adds, r.orders, r.units, r.view_to_cart, r.cart_to_order]),
  }),
};

// A plain number, such as a day's negative revenue "-12.50", is data to a spreadsheet, not a
// formula: quoting it would turn it into text. Anything else is neutralised.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const csvCell = (cell: Cell): string => {
  if (cell === null) return '';
  const text = String(cell);
  return PLAIN_NUMBER.test(text) ? text : neutraliseCell(text);
};

/** The chart's figures as CSV text: a header row, then one record per row. */
export function chartCsv(dashboard: Dashboard, chart: DashboardChart): string {
  const { header, rows } = TABLES[chart](dashboard);
  return stringify([header, ...rows.map((row) => row.map(csvCell))]);
}
