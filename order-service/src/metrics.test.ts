// The business counters of order-service: each change of an order counts once, when it commits,
// however often the request that made it is replayed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually, scrapeMetric, silentLogger, type TestReply } from '@dm/common/testing';
import { createSweeper } from './sweeper.js';
import { newShopper, type Shop, service, startShop } from './test-support.js';

let shop: Shop;
let url: string;

before(async () => {
  shop = await startShop('orders_metrics');
  url = shop.url;
});

after(async () => {
  await shop.close();
});

const read = (name: string, labels: Record<string, string> = {}) => scrapeMetric(url, name, labels);

describe('order counters', () => {
  it('counts an order placed once, though its checkout is sent three times with one Idempotency-Key', async () => {
    const lamp = await shop.product({ name: 'Counted Lamp', stock: 5 });
    const ida = newShopper();
    await shop.fill(ida, [{ product_id: lamp.id, quantity: 1 }]);
    const before = await read('orders_placed_total');
    const key = randomUUID();
    const replies: TestReply[] = await Promise.all([shop.checkout(ida, key), shop.checkout(ida, key)]);
    replies.push(await shop.checkout(ida, key));
    assert.deepEqual(
      replies.map((r) => r.status),
      [201, 201, 201],
    );
    assert.equal(replies[2]!.body.id, replies[0]!.body.id);
    assert.equal((await read('orders_placed_total')) - before, 1);
  });

  it('counts a payment and a cancellation once each, however often they are asked for', async () => {
    const cup = await shop.product({ name: 'Counted Cup', stock: 5 });
    const [payer, canceller] = [newShopper(), newShopper()];
    await shop.fill(payer, [{ product_id: cup.id, quantity: 1 }]);
    await shop.fill(canceller, [{ product_id: cup.id, quantity: 1 }]);
    const paid = (await shop.checkout(payer)).body;
    const cancelled = (await shop.checkout(canceller)).body;
    const before = { paid: await read('orders_paid_total'), cancelled: await read('orders_cancelled_total') };

    const notice = { payment_id: randomUUID(), amount: paid.total };
    const pay = () => shop.orders('POST', `/internal/orders/${paid.id}/paid`, notice, service);
    assert.deepEqual([(await pay()).status, (await pay()).status], [200, 200], 'the same payment told twice (the outbox retries)');
    const cancels = await Promise.all(
      [1, 2, 3].map(() => shop.orders('POST', `/orders/${cancelled.id}/cancel`, undefined, canceller.headers)),
    );
    assert.deepEqual(
      cancels.map((c) => c.status),
      [200, 200, 200],
    );

    assert.equal((await read('orders_paid_total')) - before.paid, 1);
    assert.equal((await read('orders_cancelled_total')) - before.cancelled, 1);
  });

  it('counts the sweeper’s rounds', async () => {
    const labels = { sweeper: 'orders', outcome: 'ok' };
    const before = await read('sweeper_runs_total', labels);
    const sweeper = createSweeper({ ...shop.deps, logger: silentLogger, paymentTimeoutMinutes: 30, recoverySeconds: 60 }, 3600);
    sweeper.start?.();
    try {
      await eventually(async () => (await read('sweeper_runs_total', labels)) > before, 'the first sweep is counted');
    } finally {
      await sweeper.stop();
    }
    assert.equal((await read('sweeper_runs_total', labels)) - before, 1);
  });
});
