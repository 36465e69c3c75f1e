import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@dm/common/testing';
import { sql } from 'kysely';
import { sweep } from './sweeper.js';
import { address, newShopper, type Shop, startShop } from './test-support.js';

let shop: Shop;
before(async () => {
  shop = await startShop('orders_sweeper');
});
after(async () => {
  await shop.close();
});

const sweepNow = () => sweep({ ...shop.deps, logger: silentLogger, paymentTimeoutMinutes: 30, recoverySeconds: 60 });

const age = (orderId: string, minutes: number) =>
  shop.db
    .updateTable('orders')
    .set({ created_at: sql`now() - make_interval(mins => ${minutes})` })
    .where('id', '=', orderId)
    .execute();

/** An order as a crashed checkout leaves it: written (no items or money yet), maybe with its stock reserved, never confirmed. */
async function halfMadeOrder(productId: string, quantity: number, reserved: boolean, key = randomUUID()) {
  const user = newShopper();
  const row = await shop.db
    .insertInto('orders')
    .values({
      user_id: user.id,
      status: 'reserving',
      idempotency_key: key,
      shipping_address: JSON.stringify({ ...address, line2: '' }),
      subtotal: '0.00',
      tax: '0.00',
      shipping_cost: '0.00',
      total: '0.00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (reserved) {
    await shop.deps.catalog.call('POST', '/internal/reservations', {
      token: shop.deps.serviceToken(),
      body: { order_id: row.id, items: [{ product_id: productId, quantity }] },
    });
  }
  return { id: row.id, user, key };
}

describe('the order sweeper', () => {
  it('cancels an order unpaid past its time and gives its stock back', async () => {
    const item = await shop.product({ name: 'Sweep Lamp', stock: 5 });
    const late = newShopper();
    await shop.fill(late, [{ product_id: item.id, quantity: 2 }]);
    const order = (await shop.checkout(late)).body;
    const fresh = newShopper();
    await shop.fill(fresh, [{ product_id: item.id, quantity: 1 }]);
    const recent = (await shop.checkout(fresh)).body;
    assert.equal(await shop.stockOf(item.id), 2);

    await age(order.id, 31);
    await sweepNow();
    const row = await shop.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'cancelled');
    const kept = await shop.db.selectFrom('orders').select('status').where('id', '=', recent.id).executeTakeFirstOrThrow();
    assert.equal(kept.status, 'pending');
    assert.equal(await shop.stockOf(item.id), 4);
    const event = await shop.db
      .selectFrom('order_events')
      .select(['actor', 'reason'])
      .where('order_id', '=', order.id)
      .where('to_status', '=', 'cancelled')
      .executeTakeFirstOrThrow();
    assert.deepEqual(event, { actor: 'system', reason: 'not paid within 30 minutes' });

    await sweepNow();
    assert.equal(await shop.stockOf(item.id), 4, 'a second sweep returns nothing twice');
  });

  it('undoes a checkout that died after reserving: stock back, order gone', async () => {
    const item = await shop.product({ name: 'Crash Chair', stock: 3 });
    const stuck = await halfMadeOrder(item.id, 2, true);
    assert.equal(await shop.stockOf(item.id), 1);
    await sweepNow();
    assert.ok(await shop.db.selectFrom('orders').select('id').where('id', '=', stuck.id).executeTakeFirst(), 'too young to undo');
    await age(stuck.id, 2);
    const result = await sweepNow();
    assert.equal(result.recovered, 1);
    assert.equal(await shop.db.selectFrom('orders').select('id').where('id', '=', stuck.id).executeTakeFirst(), undefined);
    assert.equal(await shop.stockOf(item.id), 3);
  });

  it('undoes a checkout that died before reserving, touching no stock', async () => {
    const item = await shop.product({ name: 'Crash Stool', stock: 3 });
    const stuck = await halfMadeOrder(item.id, 1, false);
    await age(stuck.id, 2);
    await sweepNow();
    assert.equal(await shop.db.selectFrom('orders').select('id').where('id', '=', stuck.id).executeTakeFirst(), undefined);
    assert.equal(await shop.stockOf(item.id), 3);
  });

  it('lets a retry with the same key finish a half-made order instead, at the prices it reserved at', async () => {
    const item = await shop.product({ name: 'Retry Desk', price: '60.00', stock: 3 });
    const stuck = await halfMadeOrder(item.id, 1, true);
    // The price changes after the stock was held; the shopper's cart is empty by now.
    await shop.catalogDb.updateTable('products').set({ price: '75.00' }).where('id', '=', item.id).execute();
    const res = await shop.orders(
      'POST',
      '/orders',
      { shipping_address: address },
      { ...stuck.user.headers, 'idempotency-key': stuck.key },
    );
    assert.equal(res.status, 201);
    assert.equal(res.body.id, stuck.id);
    assert.equal(res.body.status, 'pending');
    assert.deepEqual(
      res.body.items.map((i: { name: string; unit_price: string; quantity: number }) => [i.name, i.unit_price, i.quantity]),
      [['Retry Desk', '60.00', 1]],
    );
    // 60.00 + 5 % tax, free shipping from 50.00 (the shop's pricing rules).
    assert.deepEqual([res.body.subtotal, res.body.tax, res.body.shipping_cost, res.body.total], ['60.00', '3.00', '0.00', '63.00']);
    assert.equal(await shop.stockOf(item.id), 2, 'reserved once, not twice');
    await age(stuck.id, 2);
    assert.equal((await sweepNow()).recovered, 0);
  });
});
