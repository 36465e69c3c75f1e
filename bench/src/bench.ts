// `npm run bench`: the shop measures itself. Starts the stack in production mode, fills the
// catalog, runs every scenario for a fixed time at a fixed concurrency with autocannon, and prints
// one table (also saved as JSON in bench/results/).
//   --products N (10000)  --seconds S (10)  --connections C (50)  --quick (2 s, 1000 products)
//   --only name,name      run the scenarios whose name contains one of these (`workers`: WEB_CONCURRENCY 1 vs 2,
//                         `observability`: metrics and tracing on vs off)
//   --profile             write a CPU profile of every service (bench/results/profiles)
//   --compare a.json b.json

import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMoney } from '@dm/common/money';
import { startOtlpReceiver } from '@dm/common/otlp-receiver';
import { callJson } from '@dm/common/testing';
import { ROOT } from '@dm/scripts/paths';
import autocannon from 'autocannon';
import { fillCatalog } from './catalog-fill.js';
import { renderCeiling } from './ceilings.js';
import { processCpuSeconds } from './cpu.js';
import { verifyDashboard } from './dashboard-check.js';
import { serviceMemory } from './memory.js';
import { cpuPerOrder, type PurchaseRun, percentile, purchaseLoad, verifyPurchases } from './purchases.js';
import { compare, newReport, type Row, save, table } from './report.js';
import { revocationCheckCost } from './revocation-cost.js';
import { type BenchShop, startBenchShop } from './shop.js';
import { startExtraGateway } from './workers.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    products: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '50' },
    shoppers: { type: 'string', default: '20' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
  },
});

if (values.compare) {
  if (positionals.length !== 2) throw new Error('usage: npm run bench -- --compare a.json b.json');
  console.log(compare(positionals[0]!, positionals[1]!));
  process.exit(0);
}

const quick = values.quick;
const options = {
  products: Number(values.products ?? (quick ? 1000 : 10_000)),
  seconds: Number(values.seconds ?? (quick ? 2 : 10)),
  connections: Number(values.connections),
  shoppers: Number(values.shoppers),
  quick,
};
const wanted = (name: string) => !values.only || values.only.split(',').some((w) => name.includes(w));

interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** a body per request, e.g. to rotate shoppers */
  body?: () => { body: string; headers?: Record<string, string> };
  connections?: number;
}

async function load(name: string, spec: Load): Promise<Row> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections ?? options.connections,
    duration: options.seconds,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    requests: spec.body
      ? [
          {
            setupRequest: (req) => {
              const next = spec.body!();
              return { ...req, body: next.body, headers: { ...req.headers, 'content-type': 'application/json', ...next.headers } };
            },
          },
        ]
      : undefined,
  });
  return {
    scenario: name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    loadCpu: cpuShare(cpu, options.seconds),
  };
}

/** Runs of one scenario as one row: their mean rate and median, their worst p99. */
function meanOf(runs: Row[]): Row {
  const mean = (pick: (r: Row) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    ...runs[0]!,
    rps: mean((r) => r.rps),
    p50: mean((r) => r.p50),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    loadCpu: mean((r) => r.loadCpu ?? 0),
    ...(runs.every((r) => r.serverCpuUs !== undefined) && { serverCpuUs: mean((r) => r.serverCpuUs!) }),
  };
}

const signedPercent = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)} %`;

/** How much of one core this process (the load generator) used: on 2 cores it competes with the shop. */
function cpuShare(since: NodeJS.CpuUsage, seconds: number): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6 / seconds;
}

const rows: Row[] = [];
function record(row: Row) {
  rows.push(row);
  console.log(
    `  ${row.scenario}: ${row.rps.toFixed(row.rps < 100 ? 1 : 0)} ${row.unit ?? 'req/s'}, p99 ${row.p99.toFixed(1)} ms${row.errors || row.non2xx ? `, ${row.errors} errors, ${row.non2xx} non-2xx` : ''}`,
  );
}

console.log(`Starting the shop (production mode) and filling the catalog with ${options.products} products…`);
// --profile: every service writes a CPU profile (node --cpu-prof) to bench/results/profiles on exit.
const profileDir = path.join(ROOT, 'bench', 'results', 'profiles');
const shop: BenchShop = await startBenchShop({}, values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
const catalogUrl = shop.stack.services.find((s) => s.spec.name === 'catalog')!.url;
const gw = shop.stack.gatewayUrl;
const fill = await fillCatalog(shop, options.products);
const shoppers = await shop.shoppers(Math.max(options.shoppers, 40));
const productPage = await shop.call('GET', '/api/products?page_size=24');
const someProduct = productPage.body.items[0];
const categories = (await shop.call('GET', '/api/categories')).body;
const deepPage = Math.max(1, Math.floor(fill.count / 24 / 2));
console.log(`Catalog: ${fill.count} products (${fill.seconds.toFixed(1)} s); ${shoppers.length} shoppers. Warming up…`);
for (const url of ['/', '/products', `/products/${someProduct.slug}`, '/api/products']) await fetch(`${gw}${url}`);

console.log(`Running each scenario for ${options.seconds} s at ${options.connections} connections:`);
const ceilingRender = wanted('render') || wanted('/products') ? await renderCeiling(productPage.body, categories, options.seconds) : null;
if (ceilingRender)
  record({
    scenario: 'ceiling: render /products in process',
    rps: ceilingRender.rps,
    p50: ceilingRender.p50,
    p99: ceilingRender.p99,
    errors: 0,
    non2xx: 0,
    unit: 'renders/s',
  });
const ceilingCatalog = await load('ceiling: catalog direct GET /products', { url: `${catalogUrl}/products?page_size=24` });
record(ceilingCatalog);

const pages: [string, string][] = [
  ['GET / (home)', '/'],
  ['GET /products', '/products'],
  [`GET /products?page=${deepPage}`, `/products?page=${deepPage}`],
  ['GET /products?q=lamp', '/products?q=lamp'],
  ['GET /products/:slug', `/products/${someProduct.slug}`],
];
for (const [name, url] of pages) {
  if (!wanted(name)) continue;
  const row = await load(name, { url: `${gw}${url}` });
  if (name === 'GET /products' && ceilingRender) Object.assign(row, { ceiling: 'render', ratio: row.rps / ceilingRender.rps });
  record(row);
}
if (wanted('/api/products')) {
  const row = await load('GET /api/products', { url: `${gw}/api/products?page_size=24` });
  record(Object.assign(row, { ceiling: 'catalog direct', ratio: row.rps / ceilingCatalog.rps }));
  record(await load('GET /api/products/:id', { url: `${gw}/api/products/${someProduct.id}` }));
  // The gateway's cache hides the catalog's own listing, which every cache miss, filter
  // combination and search pays: the same read with the cache off, through a gateway of its own.
  const uncached = await startExtraGateway(shop, 'uncached', { CATALOG_CACHE_SECONDS: '0' });
  try {
    await load('warm-up', { url: `${uncached.url}/api/products?page_size=24` });
    const cold = await load('GET /api/products, CATALOG_CACHE_SECONDS=0', { url: `${uncached.url}/api/products?page_size=24` });
    record(Object.assign(cold, { ceiling: 'catalog direct', ratio: cold.rps / ceilingCatalog.rps }));
  } finally {
    await uncached.stop();
  }
}
// The gateway with WEB_CONCURRENCY=2 (node:cluster) against the stack's own single process, same
// run, same services: what a second worker buys on this machine.
if (wanted('workers')) {
  const two = await startExtraGateway(shop, '2-workers', { WEB_CONCURRENCY: '2' });
  try {
    for (const [name, url] of [
      ['GET /products', '/products'],
      ['GET /api/products', '/api/products?page_size=24'],
    ] as const) {
      // Both warm (JIT, view cache) before either is measured: the workers have not served yet.
      for (const base of [gw, two.url]) await load('warm-up', { url: `${base}${url}` });
      const one = await load(`${name}, WEB_CONCURRENCY=1`, { url: `${gw}${url}` });
      record(one);
      const row = await load(`${name}, WEB_CONCURRENCY=2 (workers)`, { url: `${two.url}${url}` });
      record(Object.assign(row, { ceiling: 'one worker', ratio: row.rps / one.rps }));
    }
  } finally {
    await two.stop();
  }
}
// What watching costs: the gateway as shipped (metrics on, tracing off) against one with metrics
// off, one tracing every request to an OTLP receiver and one tracing one in ten, same run, same
// services. The read is a product page's API answer, which the gateway mostly serves from its
// cache: its own work is what is compared.
if (wanted('observability')) {
  const receiver = await startOtlpReceiver();
  // Each a gateway of its own, started together: the stack's own gateway has served every scenario
  // before this one (its heap, its cache). As the "metrics on" side it read at 74 % of a fresh
  // gateway without metrics; a fresh one with metrics, at 82 %.
  const variants = [
    ['metrics off', { METRICS_ENABLED: 'false' }],
    ['metrics on', {}],
    ['tracing on', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '500' }],
    // As a busy shop would run it: one trace in ten, the rest carried along unrecorded.
    [
      'tracing sampled',
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '500',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.1',
      },
    ],
  ] as const;
  const url = `/api/products/${someProduct.id}`;
  try {
    const extra = await Promise.all(variants.map(([name, env]) => startExtraGateway(shop, name.replace(' ', '-'), env)));
    try {
      for (const g of extra) await load('warm-up', { url: `${g.url}${url}` });
      // Two runs of each, the second round in the reverse order, and their mean: one run after
      // another differ by more than the 5 % being measured, and a drift favours whichever runs first.
      const names = [
        'GET /api/products/:id, metrics off',
        'GET /api/products/:id, metrics on (as shipped)',
        'GET /api/products/:id, metrics and tracing on',
        'GET /api/products/:id, metrics on, 1 trace in 10',
      ];
      const readers = names.map((name, i) => ({ name, gateway: extra[i]! }));
      const runs = new Map<string, Row[]>(names.map((name) => [name, []]));
      for (const round of [readers, [...readers].reverse()]) {
        for (const { name, gateway } of round) {
          // Its CPU per request too: throughput on a shared 2-core machine moves by more than 5 %
          // between runs, the gateway's own CPU for the same work much less.
          const before = processCpuSeconds([gateway.pid]);
          const row = await load(name, { url: `${gateway.url}${url}` });
          row.serverCpuUs = ((processCpuSeconds([gateway.pid]) - before) * 1e6) / (row.rps * options.seconds);
          runs.get(name)!.push(row);
        }
      }
      const [off, ...watched] = names.map((name) => meanOf(runs.get(name)!));
      record(off!);
      for (const row of watched) record(Object.assign(row, { ceiling: 'metrics off', ratio: row.rps / off!.rps }));
      console.log(
        `    the gateway's CPU per request: ${[off!, ...watched]
          .map(
            (row) =>
              `${row.scenario.replace('GET /api/products/:id, ', '')} ${row.serverCpuUs!.toFixed(0)} µs${row === off ? '' : ` (${signedPercent(row.serverCpuUs! / off!.serverCpuUs! - 1)})`}`,
          )
          .join('; ')}`,
      );
    } finally {
      await Promise.all(extra.map((g) => g.stop()));
    }
  } finally {
    await receiver.close();
  }
}
// The same read by a signed-in shopper: the gateway and catalog-service each check the token's
// session (common/src/sessions.ts), which is what this row measures against the one above.
if (wanted('/api/products/:id')) {
  const withToken = await load('GET /api/products/:id (with a token)', {
    url: `${gw}/api/products/${someProduct.id}`,
    headers: { authorization: `Bearer ${shoppers[0]!.token}` },
  });
  record(withToken);
  // Its share of that read: two checks (gateway, catalog-service) against the CPU time one read
  // takes, the machine's cores (less the load generator's share) divided by the reads per second.
  const check = await revocationCheckCost(shop, shoppers[0]!.token);
  const cpuPerRead = (cpus().length - (withToken.loadCpu ?? 0)) / withToken.rps;
  record(Object.assign(check, { ceiling: 'the CPU time of one read with a token', ratio: (2 * check.microseconds) / 1e6 / cpuPerRead }));
}
if (wanted('login')) {
  let i = 0;
  record(
    await load('POST /api/auth/login', {
      url: `${gw}/api/auth/login`,
      method: 'POST',
      connections: 10,
      body: () => {
        const s = shoppers[i++ % shoppers.length]!;
        return { body: JSON.stringify({ email: s.email, password: s.password }) };
      },
    }),
  );
}
if (wanted('cart')) {
  let i = 0;
  // Products of their own with plenty of stock: a demo product's small stock would answer 409s.
  const lines: string[] = [];
  for (let n = 0; n < 20; n++) {
    const made = await shop.call('POST', '/api/products', {
      token: shop.adminToken,
      body: { sku: `BENCH-CART-${randomUUID().slice(0, 8)}`, name: `Cart Bench ${n}`, price: '5.00', stock: 1_000_000 },
    });
    lines.push(made.body.id as string);
  }
  record(
    await load('POST /api/cart/items', {
      url: `${gw}/api/cart/items`,
      method: 'POST',
      body: () => {
        const s = shoppers[i % shoppers.length]!;
        const product = lines[Math.floor(i++ / shoppers.length) % lines.length];
        return { body: JSON.stringify({ product_id: product, quantity: 1 }), headers: { authorization: `Bearer ${s.token}` } };
      },
    }),
  );
  // Leave the carts empty for the checkout scenario.
  await Promise.all(shoppers.map((s) => shop.call('DELETE', '/api/cart', { token: s.token })));
}
let checkoutOk = true;
if (wanted('checkout')) {
  const stock = 1_000_000;
  const product = await shop.call('POST', '/api/products', {
    token: shop.adminToken,
    body: { sku: `BENCH-CO-${randomUUID().slice(0, 8)}`, name: 'Checkout Widget', price: '9.99', stock },
  });
  const tokens = shoppers.slice(0, options.shoppers).map((s) => s.token);
  const runs: [string, PurchaseRun][] = [];
  runs.push([
    `checkout (${options.shoppers} shoppers: cart, order, pay)`,
    await purchaseLoad(shop, tokens, product.body.id, options.seconds),
  ]);
  // The same purchases through a gateway of two workers, after the one above.
  if (wanted('workers')) {
    const two = await startExtraGateway(shop, '2-workers-checkout', { WEB_CONCURRENCY: '2' });
    try {
      const call: BenchShop['call'] = (method, url, o = {}) => callJson(`${two.url}${url}`, method, o);
      runs.push(['checkout, WEB_CONCURRENCY=2 (workers)', await purchaseLoad(shop, tokens, product.body.id, options.seconds, call)]);
    } finally {
      await two.stop();
    }
  }
  const completed = runs.reduce((n, [, run]) => n + run.completed, 0);
  const check = await verifyPurchases(shop, product.body.id, stock, completed);
  checkoutOk = check.ok;
  const first = runs[0]![1];
  for (const [scenario, run] of runs) {
    const rate = run.completed / run.seconds;
    record({
      scenario,
      rps: rate,
      p50: percentile(run.latencies, 50),
      p99: percentile(run.latencies, 99),
      errors: run.failed,
      non2xx: check.ok ? 0 : 1,
      unit: 'paid orders/s',
      ...(run === first ? {} : { ceiling: 'one worker', ratio: rate / (first.completed / first.seconds) }),
    });
  }
  console.log(`    stock sold ${check.sold}, orders ${check.orders}, paid ${check.paid}: ${check.ok ? 'consistent' : 'MISMATCH'}`);
  for (const [scenario, run] of runs) console.log(`    ${scenario}: machine CPU per paid order ${cpuPerOrder(run)}`);
  const dashboard = await verifyDashboard(shop);
  checkoutOk &&= dashboard.ok;
  console.log(
    `    admin dashboard (from events) against a recount of order-service's rows: orders ${dashboard.orders.dashboard} / ${dashboard.orders.recount}, revenue ${formatMoney(dashboard.revenueCents.dashboard)} / ${formatMoney(dashboard.revenueCents.recount)} (${dashboard.waitedMs} ms after the last purchase): ${dashboard.ok ? 'equal' : 'MISMATCH'}`,
  );
}

// After every scenario: what the shop holds once it has served them all.
const memory = serviceMemory(shop.stack);
const totalMiB = Object.values(memory).reduce((a, b) => a + b, 0);
console.log(
  `\nResident memory at the end: ${Object.entries(memory)
    .map(([name, mib]) => `${name} ${mib}`)
    .join(', ')} MiB; all ${Object.keys(memory).length} together ${totalMiB} MiB (goal: under 600 MiB)`,
);
const report = newReport(options, rows, memory);
const file = save(report, path.join(ROOT, 'bench', 'results'));
console.log(
  `\n${table(rows)}\n\n${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}; saved ${path.relative(process.cwd(), file)}`,
);
await shop.stop();
const failed = !checkoutOk || rows.some((r) => r.errors > 0 || r.non2xx > 0);
process.exit(failed ? 1 : 0);
