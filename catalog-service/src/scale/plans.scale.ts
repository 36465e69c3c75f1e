// `npm run test:scale`: every query the shop's pages make, at 100,000 products. Each is built by the
// same function the route uses, explained by PostgreSQL, and must not read `products` by a
// sequential scan; its execution time (median of five EXPLAIN ANALYZE runs) and the route's own
// latency are reported. Slow to set up (the seeding), so `npm test` leaves this file out.
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { executionMs, nodesOf, planOf, scansOf } from '@dm/common/explain';
import { createJwt } from '@dm/common/jwt';
import { createTestDatabase, silentLogger, startTestServer, type TestDatabase, type TestServer } from '@dm/common/testing';
import { parse } from '@dm/common/validation';
import { migrationFolder } from '@dm/migrations/folders';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import { createApp } from '../app.js';
import type { Database } from '../db.js';
import { productListQuery } from '../products/product-input.js';
import { facetQuery } from '../search/facets.js';
import { lookupQuery } from '../search/lexicon.js';
import { type Listing, listingWhere, resolveListing, unitsFoundQuery } from '../search/listing.js';
import { COUNT_CAP, countQuery, pageQuery, popularQuery } from '../search/product-search.js';
import { searchTerms, suggestQuery, withUnits } from '../search/search.js';
import { seedBulkProducts } from '../seed/bulk.js';
import { catalogDependencies } from '../services.js';

const PRODUCTS = Number(process.env.SCALE_PRODUCTS ?? 100_000);
const CATEGORY = 'electronics';
const LEXICON_WORDS = 40_000;

let test: TestDatabase<Database>;
let db: Kysely<Database>;
const report: string[] = [];

before(async () => {
  test = await createTestDatabase<Database>('scale', migrationFolder('catalog'));
  db = test.db;
  const seeded = await seedBulkProducts(db, { products: PRODUCTS, logger: silentLogger });
  // The bulk seed draws its text from a few hundred words; a real catalog of this size holds tens
  // of thousands. Made-up ones make up the difference, so the lexicon's plans are those of a shop.
  await sql`
    insert into search_words (word, folded, stem)
    select w, w, w from (
      select substr(translate(md5(g::text), '0123456789', 'ghijklmnop'), 1, 5 + g % 8) as w
      from generate_series(1, ${LEXICON_WORDS}) g
    ) made_up
    on conflict do nothing`.execute(db);
  await sql`ANALYZE`.execute(db);
  report.push(
    `seeded ${seeded.created.toLocaleString('en')} products in ${(seeded.ms / 1000).toFixed(1)} s (${seeded.total.toLocaleString('en')} in all)`,
  );
});

after(async () => {
  console.log(`\n${report.join('\n')}\n`);
  await test?.drop();
});

const listing = (query: Record<string, string>): Promise<Listing> => resolveListing(db, parse(productListQuery, query));

async function checkPlan(t: TestContext, name: string, query: CompiledQuery<unknown>, table = 'products'): Promise<void> {
  const plan = await planOf(db, query);
  const scans = scansOf(plan);
  const seqScans = nodesOf(plan).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);
  assert.equal(seqScans.length, 0, `${name}: a sequential scan on ${table} (${scans.join(', ')})`);
  const ms = await executionMs(db, query);
  const line = `${name.padEnd(44)} ${ms.toFixed(2).padStart(7)} ms  ${scans.join(' · ')}`;
  t.diagnostic(line);
  report.push(line);
}

describe(`query plans at ${PRODUCTS.toLocaleString('en')} products: no sequential scan on products`, () => {
  const pages: [string, Record<string, string>][] = [
    ['listing, page 1', {}],
    ['listing, page 200', { page: '200' }],
    [`category "${CATEGORY}" (with its children), page 1`, { category: CATEGORY }],
    ['search "headphones"', { q: 'headphones' }],
    ['search with a typo "hedphones"', { q: 'hedphones' }],
    ['search with typos "lavendar candel"', { q: 'lavendar candel' }],
    ['search with two typos "smartfone"', { q: 'smartfone' }],
    ['search with words typed apart "head phones"', { q: 'head phones' }],
    ['search "headphones" + price + in stock', { q: 'headphones', min_price: '50', max_price: '200', in_stock: 'true' }],
    ['listing by tags "wireless,bluetooth"', { tags: 'wireless,bluetooth' }],
    ['listing by price, cheapest first', { sort: 'price_asc' }],
    ['listing by rating, best first', { sort: 'rating' }],
  ];
  for (const [name, query] of pages) {
    it(`${name}: the page`, async (t) => {
      await checkPlan(t, `${name}: page`, pageQuery(await listing(query)).compile(db));
    });
    it(`${name}: the count`, async (t) => {
      await checkPlan(t, `${name}: count`, countQuery(await listing(query)).compile(db));
    });
  }

  for (const q of ['headphones', 'hedphones']) {
    it(`search "${q}": facet counts per category`, async (t) => {
      await checkPlan(t, `search "${q}": facets`, facetQuery(await listing({ q })).compile(db));
    });
  }

  // The lexicon is the catalog's vocabulary, not its rows: the words' lookups must come from its indexes.
  for (const q of ['headphones', 'hedphones', 'lavendar candel', 'insulatd stel bottle', 'headfo']) {
    it(`search "${q}": the words looked up in the lexicon`, async (t) => {
      await checkPlan(t, `search "${q}": lexicon`, lookupQuery(searchTerms(q).typed).compile(db), 'search_words');
    });
  }
  it('search "insulatd stel bottle": which words find anything, when all of them together find nothing', async (t) => {
    const l = await listing({ q: 'insulatd stel bottle' });
    await checkPlan(t, 'search "insulatd stel bottle": words found?', unitsFoundQuery(l).compile(db));
    const fewer: Listing = { ...l, terms: withUnits(l.terms!, [0, 2]) };
    await checkPlan(t, 'search "insulatd stel bottle": fewer words: page', pageQuery(fewer).compile(db));
  });
  it('a search that finds nothing: the popular products', async (t) => {
    await checkPlan(t, 'popular products', popularQuery().compile(db));
  });

  it(`category "${CATEGORY}": facet counts per category`, async (t) => {
    await checkPlan(t, `category "${CATEGORY}": facets`, facetQuery(await listing({ category: CATEGORY })).compile(db));
  });

  for (const q of ['headph', 'hedphones', 'he']) {
    it(`suggestions for "${q}"`, async (t) => {
      const query = suggestQuery(q).compile(db);
      await checkPlan(t, `suggest "${q}"`, query);
      // The typo branch is read only when the first runs short: that needs a plain, ordered Append.
      const parallel = nodesOf(await planOf(db, query)).filter((n) => /Gather|Parallel/.test(n['Node Type']));
      assert.deepEqual(parallel, []);
    });
  }

  it('admin list (all products, newest first): the page', async (t) => {
    await checkPlan(t, 'admin list: page', pageQuery(await listing({ status: 'all' })).compile(db));
  });
  it('admin list (all products, newest first): the count', async (t) => {
    await checkPlan(t, 'admin list: count', countQuery(await listing({ status: 'all' })).compile(db));
  });
});

describe(`what counting costs at ${PRODUCTS.toLocaleString('en')} products`, () => {
  const cases: [string, Record<string, string>][] = [
    ['listing', {}],
    [`category "${CATEGORY}"`, { category: CATEGORY }],
    ['search "headphones"', { q: 'headphones' }],
    ['search "hedphones" (typo)', { q: 'hedphones' }],
  ];
  for (const [name, query] of cases) {
    it(`${name}: an exact count(*) against counts capped at 1,000 and at 10,000`, async (t) => {
      const l = await listing(query);
      const exact = sql<{ n: number }>`select count(*)::int as n from products where ${listingWhere(l)}`;
      const all = (await exact.execute(db)).rows[0]!.n;
      const parts = [`exact ${(await executionMs(db, exact.compile(db))).toFixed(2)} ms`];
      for (const cap of [1_000, 10_000]) {
        const capped = countQuery(l, cap);
        assert.equal((await capped.execute(db)).rows[0]!.n, Math.min(all, cap + 1));
        parts.push(
          `to ${cap.toLocaleString('en')}${cap === COUNT_CAP ? ' (used)' : ''} ${(await executionMs(db, capped.compile(db))).toFixed(2)} ms`,
        );
      }
      const line = `count ${name.padEnd(22)} ${String(all).padStart(6)} matches: ${parts.join(', ')}`;
      t.diagnostic(line);
      report.push(line);
    });
  }
});

describe(`the routes at ${PRODUCTS.toLocaleString('en')} products (catalog-service over HTTP, no gateway)`, () => {
  let server: TestServer;
  const jwt = createJwt('scale-test-secret-that-is-at-least-32-characters');
  const admin = {
    authorization: `Bearer ${jwt.sign({ sub: 'scale-admin', role: 'admin', email: 'admin@example.com', name: 'Admin' }, 3600)}`,
  };

  before(async () => {
    // Read-only routes: the outbox (for admin changes' audit events) goes nowhere.
    const { outbox } = catalogDependencies(db, jwt, silentLogger, { AUTH_URL: 'http://127.0.0.1:9' });
    server = await startTestServer(createApp({ db, jwt, logger: silentLogger, outbox }));
  });

  after(async () => {
    await server?.close();
  });

  const routes: [string, string, Record<string, string>?][] = [
    ['listing', '/products?page_size=24'],
    ['listing, page 200', '/products?page_size=24&page=200'],
    [`category "${CATEGORY}"`, `/products?category=${CATEGORY}&page_size=24`],
    ['search "headphones"', '/products?q=headphones&page_size=24'],
    ['search "headphones" with facets', '/products?q=headphones&page_size=24&facets=categories'],
    ['search with a typo "hedphones"', '/products?q=hedphones&page_size=24'],
    ['search with typos "lavendar candel"', '/products?q=lavendar%20candel&page_size=24'],
    ['search with two typos "smartfone"', '/products?q=smartfone&page_size=24'],
    ['search, words apart "head phones"', '/products?q=head%20phones&page_size=24'],
    ['search, a word dropped "insulatd stel bottle"', '/products?q=insulatd%20stel%20bottle&page_size=24'],
    ['suggest "headph"', '/products/suggest?q=headph'],
    ['admin list', '/products?status=all&page_size=24', admin],
  ];
  for (const [name, path, headers] of routes) {
    it(`${name}: ${path}`, async (t) => {
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const started = performance.now();
        const res = await fetch(`${server.url}${path}`, { headers });
        const body = (await res.json()) as { items: unknown[] };
        times.push(performance.now() - started);
        assert.equal(res.status, 200);
        assert.ok(body.items.length > 0, `${path} found nothing`);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
      const line = `GET ${name.padEnd(34)} median ${at(0.5).toFixed(1).padStart(6)} ms, p99 ${at(0.99).toFixed(1).padStart(6)} ms`;
      t.diagnostic(line);
      report.push(line);
    });
  }
});
