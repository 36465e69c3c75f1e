import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { newShopper, type Shop, service, startShop } from '../test-support.js';

let shop: Shop;
before(async () => {
  shop = await startShop('orders_internal');
});
after(async () => {
  await shop.close();
});

async function pendingOrder(name: string, price = '25.00') {
  const item = await shop.product({ name, price });
  const buyer = newShopper();
  await shop.fill(buyer, [{ product_id: item.id, quantity: 1 }]);
  return { order: (await shop.checkout(buyer)).body, buyer, item };
}

describe('internal order routes (payment-service)', () => {
  it('are for services only', async () => {
    const { order, buyer } = await pendingOrder('Guarded Clock');
    assert.equal((await shop.orders('GET', `/internal/orders/${order.id}`)).status, 401);
    assert.equal((await shop.orders('GET', `/internal/orders/${order.id}`, undefined, buyer.headers)).status, 403);
    assert.equal((await shop.orders('GET', `/internal/orders/${order.id}`, undefined, newShopper('admin').headers)).status, 403);
    const read = await shop.orders('GET', `/internal/orders/${order.id}`, undefined, service);
    assert.equal(read.status, 200);
    assert.equal(read.body.user_id, buyer.id);
    assert.equal((await shop.orders('GET', `/internal/orders/${randomUUID()}`, undefined, service)).status, 404);
  });

  it('marks an order paid once: the same payment again is a 200, another payment a 409', async () => {
    const { order } = await pendingOrder('Paid Once Rug', '30.00');
    const payment = randomUUID();
    const first = await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: payment, amount: order.total }, service);
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'paid');
    assert.equal(first.body.payment_id, payment);
    const row = await shop.db.selectFrom('orders').select('paid_at').where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.ok(row.paid_at instanceof Date);
    const again = await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: payment, amount: order.total }, service);
    assert.equal(again.status, 200);
    const other = await shop.orders(
      'POST',
      `/internal/orders/${order.id}/paid`,
      { payment_id: randomUUID(), amount: order.total },
      service,
    );
    assert.equal(other.status, 409);
    const events = await shop.db.selectFrom('order_events').select('to_status').where('order_id', '=', order.id).execute();
    assert.deepEqual(
      events.map((e) => e.to_status),
      ['pending', 'paid'],
    );
  });

  it('refuses a payment of another amount, and one for a cancelled order', async () => {
    const { order, buyer } = await pendingOrder('Amount Vase', '19.99');
    const wrong = await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: randomUUID(), amount: '0.01' }, service);
    assert.equal(wrong.status, 409);
    await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers);
    const late = await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: randomUUID(), amount: order.total }, service);
    assert.equal(late.status, 409);
    assert.equal(late.body.status, 'cancelled');
  });

  it('cancelling a paid order asks payment-service for a refund, through the outbox', async () => {
    const { order, buyer } = await pendingOrder('Refund Teapot');
    await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: randomUUID(), amount: order.total }, service);
    const cancelled = await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers);
    assert.equal(cancelled.status, 200);
    const messages = await shop.db
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where(sql`payload->>'order_id'`, '=', order.id)
      .execute();
    assert.deepEqual(messages.map((m) => m.topic).sort(), ['cart-checkout', 'refund', 'release-stock']);
  });
});
