// `npm run bench:pages -- [--products 100000] [--requests 200]`: how long the catalog's pages take
// through the gateway, one request at a time, at a large catalog: the plain listing, a category
// page, a search and the admin list (issue 4's four pages). The gateway's cache of listings is off, so
// every request goes to catalog-service and PostgreSQL.
import { parseArgs } from 'node:util';
import { fillCatalog } from './catalog-fill.js';
import { percentile } from './purchases.js';
import { startBenchShop } from './shop.js';

const { values } = parseArgs({
  options: { products: { type: 'string', default: '100000' }, requests: { type: 'string', default: '200' } },
});
const REQUESTS = Number(values.requests);

// The navbar's category list stays cached as in production (its counts are a grouped count over the
// whole catalog); the listings themselves are not.
const shop = await startBenchShop({ CATALOG_CACHE_SECONDS: '0' });
console.log(`Filling the catalog with ${values.products} products…`);
const fill = await fillCatalog(shop, Number(values.products));
console.log(`${fill.count} products in ${fill.seconds.toFixed(1)} s`);
const categories = (await shop.call('GET', '/api/categories')).body as { slug: string; parent_id: string | null }[];
const top = categories.find((c) => c.parent_id === null)!;
// The gateway runs as in production, where the token cookie carries the __Host- prefix.
const cookie = `__Host-access_token=${shop.adminToken}`;

// Words as typed, typos among them: one typo, two, words that find nothing together.
const SEARCHES = ['headphones', 'lamp', 'kettle', 'jacket', 'hedphones', 'lavendar candel', 'smartfone', 'insulatd stel bottle'];

const pages: [string, (i: number) => string, Record<string, string>][] = [
  ['listing', (i) => `/products?page=${1 + (i % 40)}`, {}],
  [`category (${top.slug}, with its subcategories)`, (i) => `/products?category=${top.slug}&page=${1 + (i % 20)}`, {}],
  ['search', (i) => `/products?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}`, {}],
  ['admin list', (i) => `/admin/products?page=${1 + (i % 40)}`, { cookie }],
];

console.log(`\n${REQUESTS} requests each, one at a time, through the gateway:`);
for (const [name, url, headers] of pages) {
  for (let i = 0; i < 10; i++) await fetch(`${shop.stack.gatewayUrl}${url(i)}`, { headers });
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${shop.stack.gatewayUrl}${url(i)}`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${name}: ${url(i)} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${name.padEnd(42)} median ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`);
}
await shop.stop();
process.exit(0);
