// The brief's invariants, proved against the whole shop: six real processes on a real PostgreSQL,
// driven through the gateway's public API, with services really killed (SIGKILL) mid-checkout.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { testServerUrl } from '@dm/common/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { freePortBlock } from './free-port.js';
import { ROOT } from './paths.js';
import { type Stack, startStack } from './stack.js';

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the service answered
type AnyDb = Kysely<any>;

let stack: Stack;
let orders: AnyDb;
let catalog: AnyDb;
let payments: AnyDb;
let adminToken = '';
const prefix = `inv${randomUUID().slice(0, 6)}_`;
const CARD = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: '123' };

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the service answered
  body: any;
}

async function api(method: string, url: string, options: { token?: string; body?: unknown; key?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${stack.gatewayUrl}${url}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text };
  } catch {
    return { status: 0, body: undefined };
  }
}

async function shopper(): Promise<string> {
  const email = `inv-${randomUUID()}@example.com`;
  const created = await api('POST', '/api/auth/register', {
    body: { email, password: 'shopper-password', full_name: 'Invariant Shopper' },
  });
  assert.equal(created.status, 201);
  const login = await api('POST', '/api/auth/login', { body: { email, password: 'shopper-password' } });
  return login.body.access_token as string;
}

async function product(stock: number, price = '10.00'): Promise<string> {
  const res = await api('POST', '/api/products', {
    token: adminToken,
    body: { sku: `INV-${randomUUID().slice(0, 8)}`, name: 'Invariant Widget', price, stock },
  });
  assert.equal(res.status, 201);
  return res.body.id as string;
}

const address = {
  full_name: 'Inv Shopper',
  line1: '1 Test Street',
  city: 'Testville',
  postal_code: '12345',
  country: 'Testland',
  phone: '+1 555 000 0000',
};
const checkout = (token: string, key: string) => api('POST', '/api/orders', { token, key, body: { shipping_address: address } });
const pay = (token: string, orderId: string, key: string) =>
  api('POST', '/api/payments', { token, key, body: { order_id: orderId, card: CARD } });

function database(url: string): AnyDb {
  return new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}

/** Waits for a condition the shop reaches by itself (outbox deliveries, the sweeper), up to a deadline. */
async function eventually(what: string, check: () => Promise<boolean>, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

/** Every order whole or absent; stock held exactly for the live orders; every success paid once. */
async function assertConsistent(productIds: string[], initialStock: Map<string, number>) {
  await eventually('no half-made order is left', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE status = 'reserving'`.execute(orders);
    return rows[0]!.n === 0;
  });
  await eventually('every outbox message is delivered', async () => {
    const o = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`.execute(orders);
    const p = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`.execute(payments);
    return o.rows[0]!.n === 0 && p.rows[0]!.n === 0;
  });
  const empty = await sql<{
    id: string;
  }>`SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)`.execute(orders);
  assert.deepEqual(empty.rows, [], 'every order has its items');

  for (const id of productIds) {
    const live = await sql<{ n: number }>`
      SELECT coalesce(sum(i.quantity), 0)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id
      WHERE i.product_id = ${id} AND o.status <> 'cancelled'`.execute(orders);
    const held = await sql<{ n: number }>`
      SELECT coalesce(sum(quantity), 0)::int AS n FROM stock_reservations WHERE product_id = ${id} AND released_at IS NULL`.execute(
      catalog,
    );
    const stock = await sql<{ stock: number }>`SELECT stock FROM products WHERE id = ${id}`.execute(catalog);
    assert.equal(held.rows[0]!.n, live.rows[0]!.n, 'stock is reserved exactly for the orders that exist');
    assert.equal(stock.rows[0]!.stock + held.rows[0]!.n, initialStock.get(id), 'no unit lost or made up');
    assert.ok(stock.rows[0]!.stock >= 0);
  }

  const succeeded = await sql<{ order_id: string; id: string }>`SELECT order_id, id FROM payments WHERE status = 'succeeded'`.execute(
    payments,
  );
  for (const payment of succeeded.rows) {
    const order = await sql<{
      status: string;
      payment_id: string;
    }>`SELECT status, payment_id FROM orders WHERE id = ${payment.order_id}`.execute(orders);
    assert.equal(
      order.rows[0]?.status === 'cancelled' ? 'paid' : order.rows[0]?.status !== 'pending' ? 'paid' : 'pending',
      'paid',
      `payment ${payment.id} reached its order`,
    );
    assert.equal(order.rows[0]?.payment_id, payment.id);
  }
}

before(async () => {
  const server = testServerUrl();
  stack = await startStack({
    root: ROOT,
    serverUrl: server,
    basePort: await freePortBlock(6),
    databasePrefix: prefix,
    logDir: path.join(ROOT, 'test-results', 'invariant-logs'),
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SEED_DEMO_CATALOG: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RESERVATION_RECOVERY_SECONDS: '1',
      SWEEP_INTERVAL_SECONDS: '1',
    },
  });
  orders = database(stack.databaseUrl('orders'));
  catalog = database(stack.databaseUrl('catalog'));
  payments = database(stack.databaseUrl('payments'));
  const login = await api('POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'admin123' } });
  adminToken = login.body.access_token;
});

after(async () => {
  await Promise.all([orders?.destroy(), catalog?.destroy(), payments?.destroy()]);
  await stack?.stop();
});

describe('invariants of the whole shop', () => {
  it('stock never goes below zero: 20 shoppers check out the last 5 units at once, 5 orders are made', async () => {
    const id = await product(5);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => shopper()));
    for (const token of tokens)
      assert.equal((await api('POST', '/api/cart/items', { token, body: { product_id: id, quantity: 1 } })).status, 200);
    const results = await Promise.all(tokens.map((token) => checkout(token, randomUUID())));
    assert.equal(results.filter((r) => r.status === 201).length, 5, JSON.stringify(results.map((r) => r.status)));
    assert.ok(results.every((r) => r.status === 201 || r.status === 409));
    assert.equal((await api('GET', `/api/products/${id}`)).body.stock, 0);
    await assertConsistent([id], new Map([[id, 5]]));
  });

  it('one checkout sent twice makes one order; one payment sent twice makes one charge', async () => {
    const id = await product(10, '15.00');
    const token = await shopper();
    await api('POST', '/api/cart/items', { token, body: { product_id: id, quantity: 2 } });
    const key = randomUUID();
    const [a, b] = await Promise.all([checkout(token, key), checkout(token, key)]);
    assert.deepEqual([a.status, b.status], [201, 201]);
    assert.equal(a.body.id, b.body.id);
    const payKey = randomUUID();
    const [p1, p2] = await Promise.all([pay(token, a.body.id, payKey), pay(token, a.body.id, payKey)]);
    assert.deepEqual([p1.status, p2.status], [201, 201]);
    assert.deepEqual(p2.body, p1.body, 'the replay answers the first result');
    assert.equal(p1.body.status, 'succeeded');
    const history = await api('GET', '/api/payments', { token });
    assert.equal(history.body.total, 1);
    const charges = await sql<{ n: number }>`SELECT count(*)::int AS n FROM payments WHERE order_id = ${a.body.id}`.execute(payments);
    assert.equal(charges.rows[0]!.n, 1);
    await eventually('the order is paid', async () => (await api('GET', `/api/orders/${a.body.id}`, { token })).body.status === 'paid');
  });

  it('a user never reads another user’s cart, order or payment, and cannot reach /internal', async () => {
    const id = await product(5);
    const [owner, other] = await Promise.all([shopper(), shopper()]);
    await api('POST', '/api/cart/items', { token: owner, body: { product_id: id, quantity: 1 } });
    const order = await checkout(owner, randomUUID());
    assert.equal((await api('GET', `/api/orders/${order.body.id}`, { token: other })).status, 404);
    assert.equal((await api('POST', `/api/orders/${order.body.id}/cancel`, { token: other })).status, 404);
    assert.equal((await pay(other, order.body.id, randomUUID())).status, 404);
    assert.equal((await api('GET', '/api/cart', { token: other })).body.total_items, 0);
    assert.equal((await api('GET', '/api/orders', { token: other })).body.total, 0);
    assert.equal((await api('GET', '/api/payments', { token: other })).body.total, 0);
    assert.equal((await api('PATCH', `/api/orders/${order.body.id}/status`, { token: owner, body: { status: 'shipped' } })).status, 403);
    assert.equal((await api('GET', `/internal/orders/${order.body.id}`, { token: owner })).status, 404);
    // A user token sent straight to the service's internal route is refused there too.
    const direct = await fetch(`${stack.services.find((s) => s.spec.name === 'order')!.url}/internal/orders/${order.body.id}`, {
      headers: { authorization: `Bearer ${owner}` },
    });
    assert.equal(direct.status, 403);
  });

  it('killing order-service and payment-service in the middle of checkouts loses no order, unit or payment', async () => {
    const initial = new Map<string, number>();
    const ids = [await product(40, '12.00'), await product(40, '7.50')];
    for (const id of ids) initial.set(id, 40);
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => shopper()));
    for (const [i, token] of shoppers.entries()) {
      await api('POST', '/api/cart/items', { token, body: { product_id: ids[i % 2], quantity: 1 + (i % 3) } });
      await api('POST', '/api/cart/items', { token, body: { product_id: ids[(i + 1) % 2], quantity: 1 } });
    }

    // Round 1: order-service dies while the checkouts are in flight.
    const keys = shoppers.map(() => randomUUID());
    const inFlight = shoppers.map((token, i) => checkout(token, keys[i]!));
    await sleep(25);
    await stack.kill('order', 'SIGKILL');
    const first = await Promise.all(inFlight);
    await stack.restart('order');
    // Shoppers who saw an error try again with the same key, as a browser retry would.
    const second = await Promise.all(shoppers.map((token, i) => (first[i]!.status === 201 ? first[i]! : checkout(token, keys[i]!))));
    await assertConsistent(ids, initial);
    const placed = second.filter((r) => r.status === 201);
    assert.ok(placed.length > 0, 'some orders were made');

    // Round 2: payment-service dies while payments are in flight; then order-service dies while
    // payment-service is telling it about the successes.
    const payKeys = placed.map(() => randomUUID());
    const owners = placed.map((r) => shoppers[second.indexOf(r)]!);
    const paying = placed.map((r, i) => pay(owners[i]!, r.body.id, payKeys[i]!));
    await sleep(20);
    await stack.kill('payment', 'SIGKILL');
    const paid1 = await Promise.all(paying);
    await stack.restart('payment');
    const retry = placed.map((r, i) => (paid1[i]!.status === 201 ? Promise.resolve(paid1[i]!) : pay(owners[i]!, r.body.id, payKeys[i]!)));
    await sleep(5);
    await stack.kill('order', 'SIGKILL');
    const paid2 = await Promise.all(retry);
    await stack.restart('order');
    await assertConsistent(ids, initial);

    // Whatever each shopper saw, a payment that succeeded has reached its order.
    for (const [i, r] of placed.entries()) {
      const order = await api('GET', `/api/orders/${r.body.id}`, { token: owners[i]! });
      const answer = paid2[i]!;
      if (answer.status === 201 && answer.body.status === 'succeeded') assert.equal(order.body.status, 'paid');
    }
  });
});
