// The admin dashboard's charts: each one a table (the figures themselves, read without
// JavaScript) and the same figures as data for the chart the page's script draws from them.
import type { Dashboard, DashboardChart } from '@dm/contracts/analytics';
import { count, orderStatus, price } from '../view-helpers.js';

/** How many days the dashboard shows. */
export const DASHBOARD_DAYS = 30;

interface Column {
  label: string;
  /** right-aligned figures */
  numeric?: boolean;
}

interface Cell {
  text: string;
  /** where the cell links to (a product's admin page) */
  href?: string;
}

/** What the chart script draws: Chart.js's type, labels and datasets (plain numbers, for drawing only). */
export interface ChartSpec {
  type: 'bar' | 'line' | 'doughnut';
  /** horizontal bars, for long product names */
  horizontal?: boolean;
  labels: string[];
  datasets: { label: string; data: number[]; type?: 'bar' | 'line'; axis?: 'y' | 'y2' }[];
}

export interface ChartView {
  id: DashboardChart;
  title: string;
  caption: string;
  columns: Column[];
  rows: Cell[][];
  empty: string;
  csv: string;
  chart: ChartSpec | null;
}

type ProductRef = { product_id: string; name: string | null; sku: string | null };

/** A product as the table names it, linked to its admin page; one known only by id shows its short id. */
const productCell = (p: ProductRef): Cell => ({
  text: p.name ?? `Product ${p.product_id.slice(0, 8)}`,
  href: `/admin/products/${p.product_id}/edit`,
});
const label = (p: ProductRef) => productCell(p).text;
const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);
/** For drawing only: the figures in the table stay exact decimal strings. */
const amount = (money: string) => Number(money);
const csv = (chart: DashboardChart) => `/admin/analytics/${chart}.csv?days=${DASHBOARD_DAYS}`;

export function dashboardCharts(d: Dashboard): ChartView[] {
  const window = `${d.from} to ${d.to} (UTC)`;
  return [
    {
      id: 'daily',
      title: 'Sales per day',
      caption: `Orders placed and revenue per day, ${window}. Revenue: totals of orders paid that day, less refunds made that day.`,
      columns: [{ label: 'Day' }, { label: 'Orders', numeric: true }, { label: 'Revenue', numeric: true }],
      rows: d.daily.map((r) => [{ text: r.day }, { text: count(r.orders) }, { text: price(r.revenue) }]),
      empty: 'No days to show.',
      csv: csv('daily'),
      chart: {
        type: 'bar',
        labels: d.daily.map((r) => r.day.slice(5)),
        datasets: [
          { label: 'Orders', data: d.daily.map((r) => r.orders), type: 'bar', axis: 'y' },
          { label: 'Revenue ($)', data: d.daily.map((r) => amount(r.revenue)), type: 'line', axis: 'y2' },
        ],
      },
    },
    {
      id: 'status',
      title: 'Orders by status',
      caption: 'Every order the shop has had, by its status now.',
      columns: [{ label: 'Status' }, { label: 'Orders', numeric: true }],
      rows: d.status_counts.map((r) => [{ text: orderStatus(r.status).text }, { text: count(r.orders) }]),
      empty: 'No orders yet.',
      csv: csv('status'),
      chart: {
        type: 'doughnut',
        labels: d.status_counts.map((r) => orderStatus(r.status).text),
        datasets: [{ label: 'Orders', data: d.status_counts.map((r) => r.orders) }],
      },
    },
    {
      id: 'top-revenue',
      title: 'Top products by revenue',
      caption: `The ${d.top_by_revenue.length || 'top'} products that earned most, ${window}: item totals of paid orders not refunded.`,
      columns: [{ label: 'Product' }, { label: 'Units', numeric: true }, { label: 'Revenue', numeric: true }],
      rows: d.top_by_revenue.map((p) => [productCell(p), { text: count(p.units) }, { text: price(p.revenue) }]),
      empty: 'No paid orders in these days.',
      csv: csv('top-revenue'),
      chart: {
        type: 'bar',
        horizontal: true,
        labels: d.top_by_revenue.map(label),
        datasets: [{ label: 'Revenue ($)', data: d.top_by_revenue.map((p) => amount(p.revenue)) }],
      },
    },
    {
      id: 'top-views',
      title: 'Top products by views',
      caption: `The most viewed product pages, ${window}, with how often each went into a cart.`,
      columns: [{ label: 'Product' }, { label: 'Views', numeric: true }, { label: 'Cart adds', numeric: true }],
      rows: d.top_by_views.map((p) => [productCell(p), { text: count(p.views) }, { text: count(p.cart_adds) }]),
      empty: 'No product pages viewed in these days.',
      csv: csv('top-views'),
      chart: {
        type: 'bar',
        horizontal: true,
        labels: d.top_by_views.map(label),
        datasets: [
          { label: 'Views', data: d.top_by_views.map((p) => p.views) },
          { label: 'Cart adds', data: d.top_by_views.map((p) => p.cart_adds) },
        ],
      },
    },
    {
      id: 'conversion',
      title: 'Conversion of the top products',
      caption: `From page view to cart to order, ${window}, for the products above.`,
      columns: [
        { label: 'Product' },
        { label: 'Views', numeric: true },
        { label: 'Cart adds', numeric: true },
        { label: 'Orders', numeric: true },
        { label: 'View → cart', numeric: true },
        { label: 'Cart → order', numeric: true },
      ],
      rows: d.conversion.map((p) => [
        productCell(p),
        { text: count(p.views) },
        { text: count(p.cart_adds) },
        { text: count(p.orders) },
        { text: percent(p.view_to_cart) },
        { text: percent(p.cart_to_order) },
      ]),
      empty: 'No product has been viewed or bought in these days.',
      csv: csv('conversion'),
      chart: null,
    },
    {
      id: 'vendors',
      title: 'Revenue by shop',
      caption: `Item totals of paid orders not refunded, by the shop that sells them, ${window}.`,
      columns: [{ label: 'Shop' }, { label: 'Orders', numeric: true }, { label: 'Revenue', numeric: true }],
      rows: d.revenue_by_vendor.map((v) => [
        { text: v.vendor_id === null ? 'The house' : (v.vendor_name ?? `Shop ${v.vendor_id.slice(0, 8)}`) },
        { text: count(v.orders) },
        { text: price(v.revenue) },
      ]),
      empty: 'No paid orders in these days.',
      csv: csv('vendors'),
      chart: {
        type: 'doughnut',
        labels: d.revenue_by_vendor.map((v) => (v.vendor_id === null ? 'The house' : (v.vendor_name ?? v.vendor_id.slice(0, 8)))),
        datasets: [{ label: 'Revenue ($)', data: d.revenue_by_vendor.map((v) => amount(v.revenue)) }],
      },
    },
    {
      id: 'low-stock',
      title: 'Low stock alerts',
      caption: 'Products whose last stock alert said they were running low, lowest first.',
      columns: [{ label: 'Product' }, { label: 'SKU' }, { label: 'Stock', numeric: true }],
      rows: d.low_stock.map((p) => [productCell(p), { text: p.sku ?? '' }, { text: count(p.stock) }]),
      empty: 'No product is running low.',
      csv: csv('low-stock'),
      chart: {
        type: 'bar',
        horizontal: true,
        labels: d.low_stock.slice(0, 15).map(label),
        datasets: [{ label: 'In stock', data: d.low_stock.slice(0, 15).map((p) => p.stock) }],
      },
    },
  ];
}

/** The charts' data for the page's script, keyed by chart id (only charts with rows are drawn). */
export function chartData(charts: ChartView[]): Record<string, ChartSpec> {
  return Object.fromEntries(charts.filter((c) => c.chart && c.rows.length > 0).map((c) => [c.id, c.chart as ChartSpec]));
}

/**
 * JSON for a `<script type="application/json">` block: `<` written as \u003c, so no text in it
 * (a product named `</script>…`) can end the block.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
