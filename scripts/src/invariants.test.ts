// The brief's invariants, proved against the whole shop: every service a real process on a real PostgreSQL,
// driven through the gateway's public API, with services really killed (SIGKILL) mid-checkout.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { callJson, type TestCall, type TestReply, testServerUrl } from '@dm/common/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { freePortBlock } from './free-port.js';
import { ROOT } from './paths.js';
import { PORT_BLOCK } from './services.js';
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

/** A call through the gateway; a connection the gateway itself dropped answers status 0. */
async function api(method: string, url: string, call: TestCall = {}): Promise<TestReply> {
  try {
    return await callJson(`${stack.gatewayUrl}${url}`, method, call);
  } catch {
    return { status: 0, body: undefined, text: '', headers: new Headers() };
  }
}

/** What a request cut off by a killed service gets: a dropped connection or the gateway's 5xx. */
const cutOff = (reply: TestReply) => reply.status === 0 || reply.status >= 500;
const statuses = (replies: TestReply[]) => JSON.stringify(replies.map((r) => r.status));

/** A shopper who saw an error sends the same request again (same key), as a browser retry would. */
async function retried(send: () => Promise<TestReply>, tries = 3): Promise<TestReply> {
  let reply = await send();
  for (let i = 1; i < tries && reply.status !== 201; i++) reply = await send();
  return reply;
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

/**
 * `n` new shoppers, made four at a time: each costs two argon2 hashes, and twenty at once queue
 * behind auth-service's four hashing threads for longer than the gateway waits on a busy machine.
 * The races under test are the checkouts, which stay all at once.
 */
async function makeShoppers(n: number): Promise<string[]> {
  const made: string[] = [];
  while (made.length < n) made.push(...(await Promise.all(Array.from({ length: Math.min(4, n - made.length) }, () => shopper()))));
  return made;
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

/**
 * Holds a SHARE lock on one table of a service's database: the service's writes to it wait, its
 * reads go on. A request whose write is seen waiting is provably half-way through when a kill lands.
 */
async function holdWrites(databaseUrl: string, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE "${table}" IN SHARE MODE`);
  let released: Promise<void> | undefined;
  return { release: () => (released ??= client.query('ROLLBACK').then(() => client.end())) };
}

/** How many statements on this database wait on a lock, among those that contain `statement` (a WITH clause may hold it). */
async function waiting(db: AnyDb, statement: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE ${`%${statement}%`}`.execute(db);
  return rows[0]!.n;
}

/** Waits for a condition the shop reaches by itself (outbox deliveries, the sweeper), up to a deadline. */
async function eventually(what: string, check: () => Promise<boolean>, seconds = 15): Promise<void> {
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
      payment_id: string | null;
    }>`SELECT status, payment_id FROM orders WHERE id = ${payment.order_id}`.execute(orders);
    const row = order.rows[0];
    assert.ok(row, `payment ${payment.id} has its order ${payment.order_id}`);
    // Paid, or past paid (an order cancelled after its payment keeps it until the refund).
    assert.ok(PAID_OR_LATER.includes(row.status), `payment ${payment.id} reached its order, which is ${row.status}`);
    assert.equal(row.payment_id, payment.id, `order ${payment.order_id} names payment ${payment.id}`);
  }
}

const PAID_OR_LATER = ['paid', 'processing', 'shipped', 'delivered', 'cancelled'];

before(async () => {
  const server = testServerUrl();
  stack = await startStack({
    root: ROOT,
    serverUrl: server,
    basePort: await freePortBlock(PORT_BLOCK),
    databasePrefix: prefix,
    logDir: path.join(ROOT, 'test-results', 'invariant-logs'),
    dataDir: path.join(ROOT, 'test-results', 'invariant-data'),
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SEED_DEMO_CATALOG: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      // Every half-made checkout here is finished by its retry, never by the sweeper. Under a busy
      // CI machine a live checkout can take seconds; a recovery age of 1 s once let the sweeper
      // undo 1 of the 5 winning checkouts after the other 15 had been refused (4 orders, not 5).
      RESERVATION_RECOVERY_SECONDS: '60',
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
    const tokens = await makeShoppers(20);
    for (const token of tokens)
      assert.equal((await api('POST', '/api/cart/items', { token, body: { product_id: id, quantity: 1 } })).status, 200);
    const keys = tokens.map(() => randomUUID());
    const raced = await Promise.all(tokens.map((token, i) => checkout(token, keys[i]!)));
    // On an overloaded machine a checkout may answer 503 (a hop timed out) whatever became of it:
    // its shopper retries with the same key, as a client does, and learns the outcome.
    const results = await Promise.all(
      raced.map(async (first, i) => {
        let reply = first;
        for (let tries = 0; reply.status === 503 && tries < 3; tries++) reply = await checkout(tokens[i]!, keys[i]!);
        return reply;
      }),
    );
    assert.equal(results.filter((r) => r.status === 201).length, 5, statuses(results));
    assert.ok(
      results.every((r) => r.status === 201 || r.status === 409),
      statuses(results),
    );
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

  // Three kills in a row, one test each (a whole-stack round takes seconds on a busy machine); each
  // round starts from where the one before left the shop.
  describe('killing order-service and payment-service in the middle of checkouts loses no order, unit or payment', () => {
    const initial = new Map<string, number>();
    let ids: string[] = [];
    let shoppers: string[] = [];
    let placed: TestReply[] = [];
    let payKeys: string[] = [];
    const pay1 = (i: number) => pay(shoppers[i]!, placed[i]!.body.id, payKeys[i]!);

    it('order-service killed while checkouts wait in their stock reservation: every retry places its order, once', async () => {
      ids = [await product(40, '12.00'), await product(40, '7.50')];
      for (const id of ids) initial.set(id, 40);
      shoppers = await makeShoppers(6);
      for (const [i, token] of shoppers.entries()) {
        await api('POST', '/api/cart/items', { token, body: { product_id: ids[i % 2], quantity: 1 + (i % 3) } });
        await api('POST', '/api/cart/items', { token, body: { product_id: ids[(i + 1) % 2], quantity: 1 } });
      }

      // Round 1: order-service dies half-way through the checkouts. Catalog's reservation writes are
      // held, so the kill lands while checkouts wait inside their stock reservation. It is started
      // again at once, as the launcher or Kubernetes would: the gateway sends each keyed checkout
      // the kill cut off again once it is back.
      const keys = shoppers.map(() => randomUUID());
      const reservations = await holdWrites(stack.databaseUrl('catalog'), 'stock_reservations');
      let inFlight: Promise<TestReply>[];
      try {
        inFlight = shoppers.map((token, i) => checkout(token, keys[i]!));
        await eventually(
          'a checkout waits in its stock reservation',
          async () => (await waiting(catalog, 'insert into "stock_reservations"')) > 0,
        );
        const halfMade = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE status = 'reserving'`.execute(orders);
        assert.ok(halfMade.rows[0]!.n > 0, 'orders are half-made when the kill lands');
        await stack.kill('order', 'SIGKILL');
      } finally {
        await reservations.release();
      }
      await stack.restart('order');
      const first = await Promise.all(inFlight);
      assert.ok(
        first.every((r) => r.status === 201 || cutOff(r)),
        `each checkout is placed by the gateway's retry, or cut off: ${statuses(first)}`,
      );
      // A shopper who saw an error sends the same checkout again (same key).
      placed = await Promise.all(first.map((reply, i) => (reply.status === 201 ? reply : retried(() => checkout(shoppers[i]!, keys[i]!)))));
      assert.ok(
        placed.every((r) => r.status === 201),
        `every shopper's retry (same key) places the order: ${statuses(placed)}`,
      );
      await assertConsistent(ids, initial);
      const orderCounts = await Promise.all(shoppers.map(async (token) => (await api('GET', '/api/orders', { token })).body.total));
      assert.deepEqual(
        orderCounts,
        shoppers.map(() => 1),
        'one order per shopper, whatever the kill cut',
      );
    });

    // The first half of the shoppers pay in this round; the second half first pay in the next.
    const firstHalf = () => placed.slice(0, Math.ceil(placed.length / 2));

    it('payment-service killed while payments wait to be recorded: each payment is recorded once or cut off', async () => {
      assert.equal(placed.length, shoppers.length, 'the orders of the round before');
      payKeys = placed.map(() => randomUUID());
      const paymentWrites = await holdWrites(stack.databaseUrl('payments'), 'payments');
      let paying: Promise<TestReply>[];
      try {
        paying = firstHalf().map((_, i) => pay1(i));
        await eventually('a payment waits to be recorded', async () => (await waiting(payments, 'insert into "payments"')) > 0);
        await stack.kill('payment', 'SIGKILL');
      } finally {
        await paymentWrites.release();
      }
      await stack.restart('payment');
      const answers = await Promise.all(paying);
      assert.ok(
        answers.every((r) => (r.status === 201 && r.body.status === 'succeeded') || cutOff(r)),
        `each payment is recorded by the gateway's retry, or cut off: ${statuses(answers)}`,
      );
    });

    it('order-service killed while it is told of payments: every order ends paid, once', async () => {
      assert.equal(payKeys.length, shoppers.length, 'the payments of the round before');
      // Every shopper pays (the first half again, same keys); order-service dies while
      // payment-service is telling it about the second half's successes (its order updates are held).
      const orderWrites = await holdWrites(stack.databaseUrl('orders'), 'orders');
      let paying: Promise<TestReply>[];
      try {
        paying = placed.map((_, i) => pay1(i));
        await eventually('order-service is recording a payment', async () => (await waiting(orders, 'update "orders"')) > 0);
        await stack.kill('order', 'SIGKILL');
      } finally {
        await orderWrites.release();
      }
      await stack.restart('order');
      // A payment recorded before the kill answers 201 (its message waits in the outbox); one whose
      // order lookup the kill cut is sent again now that order-service is back.
      const paid = await Promise.all(
        paying.map(async (sent, i) => {
          const reply = await sent;
          return reply.status === 201 ? reply : retried(() => pay1(i));
        }),
      );
      assert.ok(
        paid.every((r) => r.status === 201 && r.body.status === 'succeeded'),
        `every payment ends succeeded: ${statuses(paid)}`,
      );
      await assertConsistent(ids, initial);

      // Whatever each shopper saw, every order is paid, once.
      for (const [i, r] of placed.entries()) {
        assert.equal((await api('GET', `/api/orders/${r.body.id}`, { token: shoppers[i]! })).body.status, 'paid');
        const charges = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM payments WHERE order_id = ${r.body.id} AND status = 'succeeded'`.execute(payments);
        assert.equal(charges.rows[0]!.n, 1, `order ${r.body.id} is paid once`);
      }
    });
  });
});
