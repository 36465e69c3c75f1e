// `npm run bench:checkout -- [--shoppers 20] [--seconds 10]`: how long one checkout (order +
// payment) takes through the gateway, and how many paid orders per second the whole stack
// completes with N shoppers at once. Starts its own stack in production mode on a throwaway
// embedded PostgreSQL (or DATABASE_URL's server), then checks that stock and orders agree.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import exitHook from 'async-exit-hook';
import { freePort, freePortBlock } from '@dm/scripts/free-port';
import { ROOT } from '@dm/scripts/paths';
import { startEmbeddedPostgres, type EmbeddedServer } from '@dm/scripts/postgres';
import { startStack, type Stack } from '@dm/scripts/stack';

const { values } = parseArgs({
  options: { shoppers: { type: 'string', default: '20' }, seconds: { type: 'string', default: '10' } },
});
const SHOPPERS = Number(values.shoppers);
const SECONDS = Number(values.seconds);
const STOCK = 1_000_000;
const CARD = { number: '4242424242424242', exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: '123' };
const ADDRESS = { full_name: 'Bench Shopper', line1: '1 Load Street', city: 'Benchton', postal_code: '10115', country: 'Germany', phone: '+49 30 000000' };

let base = '';
async function call(method: string, url: string, token?: string, body?: unknown, key?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One shopper's whole purchase: add to cart, place the order, pay it. */
async function purchase(token: string, productId: string): Promise<boolean> {
  const added = await call('POST', '/api/cart/items', token, { product_id: productId, quantity: 1 });
  if (added.status !== 200) return false;
  const order = await call('POST', '/api/orders', token, { shipping_address: ADDRESS }, randomUUID());
  if (order.status !== 201) return false;
  const paid = await call('POST', '/api/payments', token, { order_id: order.body.id, card: CARD }, randomUUID());
  return paid.status === 201 && paid.body.status === 'succeeded';
}

const scratch = mkdtempSync(path.join(tmpdir(), 'dm-bench-'));
let postgres: EmbeddedServer | undefined;
let stack: Stack | undefined;
exitHook((done) => {
  void (async () => {
    await stack?.stop();
    await postgres?.stop();
    rmSync(scratch, { recursive: true, force: true });
  })().finally(done);
});

let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), ephemeral: false });
  serverUrl = postgres.url;
}
const adminPassword = randomBytes(12).toString('hex');
stack = await startStack({
  root: ROOT,
  serverUrl,
  basePort: await freePortBlock(6),
  databasePrefix: `bench${randomBytes(3).toString('hex')}_`,
  logDir: path.join(ROOT, 'bench', 'results', 'logs'),
  env: {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ADMIN_PASSWORD: adminPassword,
    SEED_DEMO_CATALOG: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
  },
});
base = stack.gatewayUrl;

const admin = (await call('POST', '/api/auth/login', undefined, { email: 'admin@example.com', password: adminPassword })).body.access_token as string;
const product = await call('POST', '/api/products', admin, { sku: `BENCH-${Date.now()}`, name: 'Bench Widget', price: '9.99', stock: STOCK });
const productId = product.body.id as string;
const tokens: string[] = [];
for (let i = 0; i < SHOPPERS; i++) {
  const email = `bench-${i}-${randomUUID()}@example.com`;
  await call('POST', '/api/auth/register', undefined, { email, password: 'bench-password', full_name: `Bench ${i}` });
  tokens.push((await call('POST', '/api/auth/login', undefined, { email, password: 'bench-password' })).body.access_token);
}

// Warm-up, then one shopper alone: the latency of a single checkout on an idle stack.
for (let i = 0; i < 20; i++) await purchase(tokens[0]!, productId);
const single: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  await purchase(tokens[0]!, productId);
  single.push(performance.now() - t0);
}
single.sort((a, b) => a - b);

// N shoppers at once, each buying again as soon as the last purchase is paid.
const latencies: number[] = [];
let failures = 0;
const deadline = Date.now() + SECONDS * 1000;
const started = performance.now();
await Promise.all(
  tokens.map(async (token) => {
    while (Date.now() < deadline) {
      const t0 = performance.now();
      if (await purchase(token, productId)) latencies.push(performance.now() - t0);
      else failures++;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);

// Afterwards: every unit that left stock belongs to an order, and every completed purchase is paid.
const after = await call('GET', `/api/products/${productId}`);
const orders = await call('GET', '/api/orders?scope=all&page_size=1', admin);
const paid = await call('GET', '/api/orders?scope=all&status=paid&page_size=1', admin);
const sold = STOCK - (after.body.stock as number);
const completed = latencies.length + 70;

console.log(`
checkout bench: ${SHOPPERS} shoppers for ${SECONDS} s (production mode, one 2-core machine)
  one checkout alone (add to cart + order + payment): p50 ${percentile(single, 50).toFixed(1)} ms, p95 ${percentile(single, 95).toFixed(1)} ms
  with ${SHOPPERS} shoppers: ${latencies.length} paid orders in ${elapsed.toFixed(1)} s = ${(latencies.length / elapsed).toFixed(1)} paid orders/s
    per checkout: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; failed ${failures}
  consistency: units sold ${sold}, orders ${orders.body.total}, paid ${paid.body.total}, completed purchases ${completed}
    ${sold === orders.body.total && paid.body.total === completed ? 'OK: stock, orders and payments agree' : 'MISMATCH'}
`);
process.exit(sold === orders.body.total && paid.body.total === completed ? 0 : 1);
