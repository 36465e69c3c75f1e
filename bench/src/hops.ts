// `node scripts/run.mjs bench-hops -- [--purchases 40]`: what one purchase costs the stack, counted
// rather than timed. Every service runs with count-preload.js, which counts the HTTP requests it
// answers and the statements it sends PostgreSQL. One shopper makes the purchases one after the
// other (add to cart, place the order, pay it), the count waits until order-service has been told
// of every payment (through payment-service's outbox), and the idle background of the same length
// (outbox polls, sweepers), measured first, is taken off.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { purchase } from './purchases.js';
import { startBenchShop } from './shop.js';

const { values } = parseArgs({ options: { purchases: { type: 'string', default: '40' } } });
const PURCHASES = Number(values.purchases);
const PAID_ROUTE = 'POST /internal/orders/:id/paid';

interface Counts {
  requests: Map<string, number>;
  statements: Map<string, number>;
}

const countDir = mkdtempSync(path.join(tmpdir(), 'dm-hops-'));
function snapshot(): Counts {
  const counts: Counts = { requests: new Map(), statements: new Map() };
  for (const file of readdirSync(countDir).filter((f) => f.endsWith('.json'))) {
    const { service, requests, statements } = JSON.parse(readFileSync(path.join(countDir, file), 'utf8')) as {
      service: string;
      requests: Record<string, number>;
      statements: number;
    };
    for (const [route, n] of Object.entries(requests)) {
      const key = `${service} ${route}`;
      counts.requests.set(key, (counts.requests.get(key) ?? 0) + n);
    }
    counts.statements.set(service, (counts.statements.get(service) ?? 0) + statements);
  }
  return counts;
}
const minus = (a: Map<string, number>, b: Map<string, number>) =>
  new Map([...a].map(([k, v]) => [k, v - (b.get(k) ?? 0)] as const).filter(([, v]) => v !== 0));
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const paidCount = () => snapshot().requests.get(`order-service ${PAID_ROUTE}`) ?? 0;

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the stack');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const preload = path.join(import.meta.dirname, 'count-preload.js');
const shop = await startBenchShop({ COUNT_DIR: countDir }, ['--import', preload]);
const product = await shop.call('POST', '/api/products', {
  token: shop.adminToken,
  body: { sku: `HOPS-${Date.now()}`, name: 'Hops Widget', price: '9.99', stock: 1_000_000 },
});
const [shopper] = await shop.shoppers(1);
const token = shopper!.token;
for (let i = 0; i < 5; i++) await purchase(shop.call, token, product.body.id);
await until(() => paidCount() >= 5, 10_000);
await pause(1500);

// The idle background, then the purchases over a measured time.
const idleFrom = snapshot();
const idleStart = performance.now();
await pause(3000);
const idle = minus(snapshot().statements, idleFrom.statements);
const idleMs = performance.now() - idleStart;

const from = snapshot();
const start = performance.now();
let ok = 0;
for (let i = 0; i < PURCHASES; i++) if (await purchase(shop.call, token, product.body.id)) ok++;
await until(() => paidCount() >= 5 + PURCHASES, 10_000);
await pause(250); // the count files are written every 200 ms
const elapsed = performance.now() - start;
const to = snapshot();
await shop.stop();
rmSync(countDir, { recursive: true, force: true });

const requests = minus(to.requests, from.requests);
const statements = new Map([...minus(to.statements, from.statements)].map(([s, n]) => [s, n - ((idle.get(s) ?? 0) * elapsed) / idleMs]));
const per = (n: number) => (n / PURCHASES).toFixed(1);
console.log(`\nper purchase (${ok}/${PURCHASES} paid; add to cart, place order, pay, order marked paid):`);
console.log('  HTTP requests answered, by service and route:');
for (const [route, n] of [...requests].sort()) console.log(`    ${per(n).padStart(6)}  ${route}`);
console.log(`    ${per(sum(requests)).padStart(6)}  in all (the 3 the shopper sends included)`);
console.log('  PostgreSQL statements (round trips), idle background taken off:');
for (const [service, n] of [...statements].sort()) console.log(`    ${per(n).padStart(6)}  ${service}`);
console.log(`    ${per(sum(statements)).padStart(6)}  in all`);
process.exit(ok === PURCHASES ? 0 : 1);
