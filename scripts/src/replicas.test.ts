// Issue 11's "done means" for scaling out: two gateways, two catalog, two order and two payment
// processes on one PostgreSQL and one Redis act as one shop. Gateway 2 calls catalog 2, order 2 and
// payment 2 (stack.ts's replicas), so work really spreads, and both order and both payment
// processes run their outbox loops and sweepers against the same databases.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectRedis } from '@dm/common/redis';
import {
  callJson,
  silentLogger,
  TEST_ADDRESS,
  TEST_CARD,
  type TestCall,
  type TestReply,
  testRedisUrl,
  testServerUrl,
} from '@dm/common/testing';
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { ROOT } from './paths.js';
import { type Stack, startStack } from './stack.js';

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the service answered
type AnyDb = Kysely<any>;

const REDIS_URL = testRedisUrl();
const skip = REDIS_URL
  ? false
  : 'REDIS_URL is not set: the replicas share rate limits and cache through Redis (CI sets redis://127.0.0.1:6379)';
const redisPrefix = `dm-replicas-${randomUUID().slice(0, 8)}:`;
const RATE_LIMIT = 20;
const AUTH_RATE_LIMIT = 4;

let stack: Stack;
let gateways: [string, string];
let orders: AnyDb;
let catalog: AnyDb;
let payments: AnyDb;
let adminToken = '';

/** A client address of its own: the rate limits count per address (X-Forwarded-For from loopback is trusted). */
const someAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** A call through gateway `g` (0 or 1), from its own client address unless `from` is given. */
function api(g: number, method: string, url: string, call: TestCall & { from?: string } = {}): Promise<TestReply> {
  const headers = { 'x-forwarded-for': call.from ?? someAddress(), ...call.headers };
  return callJson(`${gateways[g]}${url}`, method, { ...call, headers });
}

async function shopper(g: number): Promise<string> {
  const email = `replica-${randomUUID()}@example.com`;
  const created = await api(g, 'POST', '/api/auth/register', {
    body: { email, password: 'shopper-password', full_name: 'Replica Shopper' },
  });
  assert.equal(created.status, 201, created.text);
  const login = await api(g, 'POST', '/api/auth/login', { body: { email, password: 'shopper-password' } });
  assert.equal(login.status, 200, login.text);
  return login.body.access_token as string;
}

async function product(stock: number, price = '10.00'): Promise<string> {
  const res = await api(0, 'POST', '/api/products', {
    token: adminToken,
    body: { sku: `REP-${randomUUID().slice(0, 8)}`, name: 'Replica Widget', price, stock },
  });
  assert.equal(res.status, 201, res.text);
  return res.body.id as string;
}

/** A shopper of gateway `g` with `quantity` of a product in an order, placed and not yet paid. */
async function order(g: number, productId: string, quantity: number): Promise<{ token: string; id: string }> {
  const token = await shopper(g);
  assert.equal((await api(g, 'POST', '/api/cart/items', { token, body: { product_id: productId, quantity } })).status, 200);
  const placed = await api(g, 'POST', '/api/orders', { token, key: randomUUID(), body: { shipping_address: TEST_ADDRESS } });
  assert.equal(placed.status, 201, placed.text);
  return { token, id: placed.body.id };
}

async function eventually(what: string, check: () => Promise<boolean>, seconds = 10): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

/** The `n` a `SELECT count(*)::int AS n` answers. */
async function count(db: AnyDb, query: RawBuilder<unknown>): Promise<number> {
  return ((await query.execute(db)).rows[0] as { n: number }).n;
}

async function outboxesDelivered(): Promise<boolean> {
  for (const db of [orders, payments, catalog]) {
    if ((await count(db, sql`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`)) > 0) return false;
  }
  return true;
}

/** One small cookie jar that can talk to either gateway, as a browser behind a load balancer does. */
class Browser {
  private cookies = new Map<string, string>();
  csrf = '';
  private readonly from = someAddress();

  async send(g: number, method: string, url: string, form?: Record<string, string>): Promise<{ status: number; html: string }> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.from };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const body = form && new URLSearchParams({ _csrf: this.csrf, ...form });
    const res = await fetch(`${gateways[g]}${url}`, { method, headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, html };
  }
}

describe('two replicas of the gateway, catalog, orders and payments act as one shop', () => {
  before(async () => {
    if (!REDIS_URL) return;
    stack = await startStack({
      root: ROOT,
      serverUrl: testServerUrl(),
      basePort: 9100,
      databasePrefix: `rep${randomUUID().slice(0, 6)}_`,
      replicas: { gateway: 2, catalog: 2, order: 2, payment: 2 },
      logDir: path.join(ROOT, 'test-results', 'replica-logs'),
      dataDir: path.join(ROOT, 'test-results', 'replica-data'),
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SEED_DEMO_CATALOG: 'false',
        REDIS_URL,
        REDIS_KEY_PREFIX: redisPrefix,
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        AUTH_RATE_LIMIT_PER_MINUTE: String(AUTH_RATE_LIMIT),
        // A minute: without the shared clear, the other gateway would show an old price that long.
        CATALOG_CACHE_SECONDS: '60',
        PAYMENT_FAILURE_RATE: '0',
        ORDER_PAYMENT_TIMEOUT_MINUTES: '1',
        SWEEP_INTERVAL_SECONDS: '1',
        RESERVATION_RECOVERY_SECONDS: '60',
      },
    });
    const gateway = (name: string) => stack.services.find((s) => s.name === name)!.url;
    gateways = [gateway('gateway'), gateway('gateway-2')];
    const database = (name: string) =>
      new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: stack.databaseUrl(name), max: 2 }) }) });
    orders = database('orders');
    catalog = database('catalog');
    payments = database('payments');
    const login = await api(0, 'POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'admin123' } });
    adminToken = login.body.access_token;
  });

  after(async () => {
    if (!REDIS_URL) return;
    await Promise.all([orders?.destroy(), catalog?.destroy(), payments?.destroy()]);
    await stack?.stop();
    const redis = connectRedis(REDIS_URL, redisPrefix, silentLogger);
    const keys = await redis.client.keys(`${redisPrefix}*`);
    if (keys.length > 0) await redis.client.del(...keys);
    await redis.quit();
  });

  it('a shopper signed in through one gateway is signed in on the other: API and pages', { skip }, async () => {
    const token = await shopper(0);
    const me = await api(1, 'GET', '/api/auth/me', { token });
    assert.equal(me.status, 200);
    // The form's session (its CSRF secret) lives in the gateways' shared database: the form comes
    // from one gateway and is posted to the other.
    const browser = new Browser();
    await browser.send(0, 'GET', '/login');
    const email = me.body.email as string;
    const signedIn = await browser.send(1, 'POST', '/login', { email, password: 'shopper-password', next: '/account' });
    assert.equal(signedIn.status, 302, signedIn.html);
    for (const g of [0, 1]) {
      const account = await browser.send(g, 'GET', '/account');
      assert.equal(account.status, 200, `gateway ${g + 1} knows the shopper`);
      assert.match(account.html, new RegExp(email.replace(/[.]/g, '\\.')));
    }
    // Signing out through one gateway ends the session everywhere.
    assert.equal((await api(0, 'POST', '/api/auth/logout', { token })).status, 204);
    assert.equal((await api(1, 'GET', '/api/auth/me', { token })).status, 401);
  });

  it('the rate limits are one count across the gateways: requests alternating between them meet 429 at the limit', { skip }, async () => {
    const from = someAddress();
    const replies: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 2; i++) replies.push((await api(i % 2, 'GET', '/api/categories', { from })).status);
    assert.deepEqual(replies, [...Array(RATE_LIMIT).fill(200), 429, 429]);
    // The sign-in limit counts failures, in its own count.
    const guesser = someAddress();
    const guesses: number[] = [];
    for (let i = 0; i < AUTH_RATE_LIMIT + 1; i++) {
      const body = { email: `nobody-${randomUUID()}@example.com`, password: `wrong-${i}` };
      guesses.push((await api(i % 2, 'POST', '/api/auth/login', { from: guesser, body })).status);
    }
    assert.deepEqual(guesses, [...Array(AUTH_RATE_LIMIT).fill(401), 429]);
  });

  it('an admin’s price change through one gateway is what the other shows at once', { skip }, async () => {
    const id = await product(5, '10.00');
    for (const g of [0, 1]) assert.equal((await api(g, 'GET', `/api/products/${id}`)).body.price, '10.00', 'both caches hold it');
    const changed = await api(0, 'PATCH', `/api/products/${id}`, { token: adminToken, body: { price: '12.50' } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await api(1, 'GET', `/api/products/${id}`)).body.price, '12.50');
    const page = await fetch(`${gateways[1]}/products/${id}`);
    assert.match(await page.text(), /12\.50/);
  });

  it('checkouts and payments through both gateways: each order takes its stock once and is paid once', { skip }, async () => {
    const [first, second] = [await product(50, '4.00'), await product(50, '6.00')];
    const wanted = [1, 2, 3, 1, 2, 3];
    const placed = await Promise.all(wanted.map((quantity, i) => order(i % 2, i % 2 ? second : first, quantity)));
    const paid = await Promise.all(
      placed.map(({ token, id }, i) =>
        api(i % 2, 'POST', '/api/payments', { token, key: randomUUID(), body: { order_id: id, card: TEST_CARD } }),
      ),
    );
    assert.deepEqual(
      paid.map((p) => p.body?.status),
      wanted.map(() => 'succeeded'),
    );
    const ids = placed.map((p) => p.id);
    await eventually('every order is paid and every message delivered', async () => {
      const paidOrders = await count(orders, sql`SELECT count(*)::int AS n FROM orders WHERE id = ANY(${ids}) AND status = 'paid'`);
      return paidOrders === ids.length && (await outboxesDelivered());
    });
    for (const id of ids) {
      const events = await count(orders, sql`SELECT count(*)::int AS n FROM order_events WHERE order_id = ${id} AND to_status = 'paid'`);
      assert.equal(events, 1, `order ${id} became paid once`);
      const charges = await count(payments, sql`SELECT count(*)::int AS n FROM payments WHERE order_id = ${id}`);
      assert.equal(charges, 1, `order ${id} was charged once`);
      const moves = await count(catalog, sql`SELECT count(*)::int AS n FROM stock_movements WHERE order_id = ${id}`);
      assert.equal(moves, 1, `order ${id} moved its stock once`);
    }
    const stock = async (id: string) =>
      (await sql<{ stock: number }>`SELECT stock FROM products WHERE id = ${id}`.execute(catalog)).rows[0]!.stock;
    assert.equal(await stock(first), 50 - (1 + 3 + 2));
    assert.equal(await stock(second), 50 - (2 + 1 + 3));
  });

  it('an unpaid order past its time is cancelled once and its stock comes back once, with both order processes sweeping', {
    skip,
  }, async () => {
    const id = await product(20, '3.00');
    const placed = await Promise.all([1, 2, 3, 4].map((quantity, i) => order(i % 2, id, quantity)));
    const ids = placed.map((p) => p.id);
    const stock = async () => (await sql<{ stock: number }>`SELECT stock FROM products WHERE id = ${id}`.execute(catalog)).rows[0]!.stock;
    assert.equal(await stock(), 10);
    // Two minutes old: both sweepers (every second) find them past ORDER_PAYMENT_TIMEOUT_MINUTES.
    await sql`UPDATE orders SET created_at = now() - interval '2 minutes' WHERE id = ANY(${ids})`.execute(orders);
    await eventually('every expired order is cancelled and its stock returned', async () => {
      const cancelled = await count(orders, sql`SELECT count(*)::int AS n FROM orders WHERE id = ANY(${ids}) AND status = 'cancelled'`);
      return cancelled === ids.length && (await outboxesDelivered()) && (await stock()) === 20;
    });
    // A window for a second effect to show: each sweeper runs every second, so both have had a
    // turn at these orders since (an assertion of absence has no condition to wait for).
    await sleep(1_500);
    for (const order of ids) {
      const events = await count(
        orders,
        sql`SELECT count(*)::int AS n FROM order_events WHERE order_id = ${order} AND to_status = 'cancelled'`,
      );
      assert.equal(events, 1, `order ${order} was cancelled once`);
      const returned = await count(catalog, sql`SELECT count(*)::int AS n FROM stock_movements WHERE order_id = ${order} AND delta > 0`);
      assert.equal(returned, 1, `order ${order}'s stock came back once`);
    }
    assert.equal(await stock(), 20);
  });
});
