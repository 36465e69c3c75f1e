// Ceilings measured in the same run as the scenarios, so the ratios hold on a noisy machine.
import path from 'node:path';
import type { Category, ProductPage } from '@dm/gateway-web/catalog-types';
import { parseListing } from '@dm/gateway-web/listing-query';
import { assetVersion, VIEWS_DIR } from '@dm/gateway-web/static-assets';
import { viewHelpers } from '@dm/gateway-web/view-helpers';
import { listingView } from '@dm/gateway-web/view-models/products';
import ejs from 'ejs';

/**
 * The gateway's own /products template rendered in this process from data held in memory, with
 * the view model the route builds: no HTTP, no database. What a page could cost if fetching its
 * data were free.
 */
export async function renderCeiling(
  page: ProductPage,
  categories: Category[],
  seconds: number,
): Promise<{ rps: number; p50: number; p99: number }> {
  const file = path.join(VIEWS_DIR, 'products.ejs');
  const data = {
    ...viewHelpers,
    assetVersion: assetVersion(),
    user: null,
    flash: null,
    cartCount: 0,
    navCategories: categories,
    topCategories: categories.filter((c) => c.parent_id === null),
    currentPath: '/products',
    searchText: '',
    csrfToken: () => '',
    ...listingView(parseListing({}), categories, page, null, null),
  };
  // The options the gateway's view engine uses (gateway-web/src/view-engine.ts).
  const options = { cache: true, filename: file, root: VIEWS_DIR, views: [VIEWS_DIR] };
  await ejs.renderFile(file, data, options);
  const times: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < deadline) {
    const t0 = performance.now();
    await ejs.renderFile(file, data, options);
    times.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { rps: times.length / elapsed, p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]! };
}
