// The vendor's dashboard and orders, and the admin's payouts, as their pages show them.
import { formatMoney, parseMoney } from '@dm/common/money';
import type { CatalogStats } from '@dm/contracts/catalog-admin';
import type { VendorDashboard, VendorOrderPage } from '@dm/contracts/vendor-orders';
import { lastPage } from './pagination.js';

const CHART_HEIGHT = 120;
const BAR_WIDTH = 14;
const BAR_GAP = 4;

export interface ChartBar {
  date: string;
  gross: string;
  units: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The daily sales as the bars of an SVG chart, scaled to the best day in whole pixels (integer
 * cents, no floats in the money). A day that sold anything shows at least a sliver.
 */
export function salesChart(daily: VendorDashboard['daily']): { width: number; height: number; bars: ChartBar[]; best: string } {
  const cents = daily.map((d) => parseMoney(d.gross) ?? 0);
  const max = Math.max(0, ...cents);
  const bars = daily.map((d, i) => {
    const value = cents[i] ?? 0;
    const height = max === 0 || value === 0 ? 0 : Math.max(2, Math.round((value * CHART_HEIGHT) / max));
    return {
      date: d.date,
      gross: d.gross,
      units: d.units,
      x: i * (BAR_WIDTH + BAR_GAP),
      y: CHART_HEIGHT - height,
      width: BAR_WIDTH,
      height,
    };
  });
  return { width: daily.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP, height: CHART_HEIGHT, bars, best: formatMoney(max) };
}

/** `lowStock` is null when catalog-service could not say: the page says so and shows the rest. */
export function vendorDashboardView(dashboard: VendorDashboard, lowStock: CatalogStats['low_stock_products'] | null) {
  return { title: 'Your shop', dashboard, chart: salesChart(dashboard.daily), lowStock };
}

export const VENDOR_ORDERS_PAGE_SIZE = 20;

export function vendorOrdersView(status: string | undefined, result: VendorOrderPage) {
  return { title: 'Your orders', status, result, lastPage: lastPage(result, VENDOR_ORDERS_PAGE_SIZE) };
}
