// Issue 12's promise, through the whole shop as real processes, on each transport: every checkout
// makes exactly one confirmation mail (at least once delivery, exactly once effect), through a
// checkout submitted twice, notification-service killed with SIGKILL mid-stream, and every event
// delivered a second time; and the admin dashboard's figures equal a recount in order-service's
// own database. The tests run in order on one shop and share its orders. RabbitMQ runs when
// AMQP_URL is set (CI sets it); the HTTP transport always.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_VALUES } from '@dm/common/config';
import { createDb } from '@dm/common/db';
import { createServiceClient } from '@dm/common/http-client';
import { createJwt, serviceTokens } from '@dm/common/jwt';
import { parseMoney } from '@dm/common/money';
import { callJson, eventually, TEST_ADDRESS, TEST_CARD, testAmqpUrl, testServerUrl } from '@dm/common/testing';
import type { Dashboard } from '@dm/contracts/analytics';
import { sql } from 'kysely';
import { purchasesMore, type ShopUnderTest, startShopUnderTest } from './resilience-kit.js';

const AMQP_URL = testAmqpUrl();
const cents = (money: string) => parseMoney(money) ?? Number.NaN;
const transports = [
  { name: 'HTTP (the default)', amqpUrl: undefined, skip: false as const },
  { name: 'RabbitMQ', amqpUrl: AMQP_URL, skip: AMQP_URL ? (false as const) : 'AMQP_URL is not set: no broker to test against' },
];

for (const transport of transports) {
  describe(`domain events over ${transport.name}`, { skip: transport.skip }, () => {
    let scratch: string;
    let shop: ShopUnderTest;

    before(async () => {
      scratch = mkdtempSync(path.join(tmpdir(), 'dm-events-'));
      shop = await startShopUnderTest('events', { serverUrl: testServerUrl(), dataDir: scratch, amqpUrl: transport.amqpUrl });
    });

    after(async () => {
      await shop?.stack.stop();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    /** The confirmation mails in the development mailbox, by the order they link to. */
    function confirmations(): Map<string, number> {
      const byOrder = new Map<string, number>();
      const folder = path.join(scratch, 'mail');
      let files: string[] = [];
      try {
        files = readdirSync(folder).filter((f) => f.endsWith('.eml'));
      } catch {
        return byOrder;
      }
      for (const file of files) {
        const text = readFileSync(path.join(folder, file), 'utf8');
        if (!/^Subject: Your order .* is confirmed/m.test(text)) continue;
        const order = /\/orders\/([0-9a-f-]{36})/.exec(text)?.[1];
        if (order) byOrder.set(order, (byOrder.get(order) ?? 0) + 1);
      }
      return byOrder;
    }

    type OrderFacts = { id: string; status: string; total: string; paid_at: Date | null };
    let orders: ReturnType<typeof createDb<{ orders: OrderFacts }>>;
    let placed: OrderFacts[] = [];
    before(() => {
      orders = createDb<{ orders: OrderFacts }>(shop.stack.databaseUrl('orders'), { max: 2 });
    });
    after(() => orders?.destroy());

    let tokens: string[] = [];

    it('a checkout submitted twice makes one order', async () => {
      tokens = await Promise.all(Array.from({ length: 3 }, () => shop.newShopper()));
      const gateway = shop.stack.gatewayUrl;
      const product = await callJson(`${gateway}/api/products?page_size=1`, 'GET');
      const productId = (product.body.items as { id: string }[])[0]?.id;
      assert.ok(productId);
      const twice = tokens[0] as string;
      const added = await callJson(`${gateway}/api/cart/items`, 'POST', { token: twice, body: { product_id: productId, quantity: 1 } });
      assert.equal(added.status, 200);
      const key = randomUUID();
      const [first, second] = await Promise.all(
        [0, 1].map(() => callJson(`${gateway}/api/orders`, 'POST', { token: twice, key, body: { shipping_address: TEST_ADDRESS } })),
      );
      assert.equal(first?.body.id, second?.body.id, 'the same order both times');
      const pay = await callJson(`${gateway}/api/payments`, 'POST', {
        token: twice,
        key: randomUUID(),
        body: { order_id: first?.body.id, card: TEST_CARD },
      });
      assert.equal(pay.status, 201, pay.text);
    });

    it('one confirmation mail per order, the one above included, with notification-service killed mid-stream', async () => {
      assert.equal(tokens.length, 3, 'the shoppers of the test before');
      // Shoppers check out before, while and after notification-service is killed mid-stream.
      const load = shop.shoppersAt(tokens);
      try {
        await purchasesMore(load.results, 1);
        await shop.stack.kill('notification', 'SIGKILL');
        await purchasesMore(load.results, 2);
        await shop.stack.restart('notification');
        await purchasesMore(load.results, 1);
      } finally {
        await load.stop();
      }
      assert.ok(
        load.results.every((r) => r.ok),
        JSON.stringify(load.results.filter((r) => !r.ok)),
      );

      placed = await orders.selectFrom('orders').select(['id', 'status', 'total', 'paid_at']).where('status', '<>', 'reserving').execute();
      await eventually(
        async () => placed.every((o) => confirmations().has(o.id)),
        `a confirmation for each of the ${placed.length} orders`,
        20_000,
      );
      const mails = confirmations();
      for (const order of placed) assert.equal(mails.get(order.id), 1, `exactly one confirmation for ${order.id}`);
    });

    it('every event delivered a second time, as a redelivery would: no second mail', async () => {
      assert.ok(placed.length > 0, 'the orders of the test before');
      const resent = await sql`UPDATE outbox SET delivered_at = NULL, next_attempt_at = now() WHERE topic = 'event'`.execute(orders);
      assert.ok(Number(resent.numAffectedRows) >= placed.length);
      await eventually(
        async () => {
          const { rows } = await sql<{
            n: string;
          }>`SELECT count(*) AS n FROM outbox WHERE topic = 'event' AND delivered_at IS NULL`.execute(orders);
          return Number(rows[0]?.n) === 0;
        },
        'the events delivered again',
        20_000,
      );
      const mails = confirmations();
      for (const order of placed) assert.equal(mails.get(order.id), 1, `still exactly one confirmation for ${order.id}`);
      assert.equal(mails.size, placed.length, 'no confirmation for an order that does not exist');
    });

    it("the dashboard, made from the events alone, equals a recount of order-service's rows", async () => {
      assert.ok(placed.length > 0, 'the orders of the tests before');
      const analytics = createServiceClient('analytics', shop.stack.services.find((s) => s.spec.name === 'analytics')?.url ?? '');
      const token = serviceTokens(createJwt(DEMO_VALUES.JWT_SECRET), 'gateway-web');
      const paidCents = placed.filter((o) => o.paid_at).reduce((sum, o) => sum + cents(o.total), 0);
      const byStatus = new Map<string, number>();
      for (const o of placed) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
      let dashboard: Dashboard | undefined;
      await eventually(
        async () => {
          dashboard = await analytics.call<Dashboard>('GET', '/internal/dashboard', { query: { days: 2 }, token: token() });
          return dashboard.totals.orders === placed.length && cents(dashboard.totals.revenue) === paidCents;
        },
        'the dashboard caught up',
        20_000,
      );
      assert.deepEqual(
        Object.fromEntries(dashboard?.status_counts.filter((s) => s.orders > 0).map((s) => [s.status, s.orders]) ?? []),
        Object.fromEntries(byStatus),
      );
    });
  });
}
