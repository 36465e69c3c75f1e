import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { address, newShopper, type Shop, service, startShop } from '../test-support.js';

let shop: Shop;
before(async () => {
  shop = await startShop('orders_api');
});
after(async () => {
  await shop.close();
});

describe('POST /orders: checkout', () => {
  it('makes a pending order from the cart: snapshot, exact totals, stock reserved, cart emptied', async () => {
    const mug = await shop.product({ name: 'Checkout Mug', price: '12.50', stock: 10 });
    const pan = await shop.product({ name: 'Checkout Pan', price: '7.99', stock: 3 });
    const ada = newShopper();
    await shop.fill(ada, [
      { product_id: mug.id, quantity: 2 },
      { product_id: pan.id, quantity: 1 },
    ]);
    const res = await shop.checkout(ada);
    assert.equal(res.status, 201);
    const order = res.body;
    assert.equal(order.status, 'pending');
    assert.equal(order.subtotal, '32.99');
    assert.equal(order.tax, '1.65'); // 5 % of 32.99 = 1.6495, half up
    assert.equal(order.shipping_cost, '4.99');
    assert.equal(order.total, '39.63');
    assert.deepEqual(
      order.items.map((i: { name: string; unit_price: string; quantity: number; line_total: string }) => [
        i.name,
        i.unit_price,
        i.quantity,
        i.line_total,
      ]),
      [
        ['Checkout Mug', '12.50', 2, '25.00'],
        ['Checkout Pan', '7.99', 1, '7.99'],
      ],
    );
    assert.deepEqual(order.shipping_address, { ...address, line2: '', state: '', address_line1: address.line1, address_line2: '' });
    assert.deepEqual(
      order.events.map((e: { to_status: string }) => e.to_status),
      ['pending'],
    );
    assert.equal(await shop.stockOf(mug.id), 8);
    assert.equal(await shop.stockOf(pan.id), 2);
    const cart = await shop.cart('GET', '/cart', undefined, ada.headers);
    assert.deepEqual(cart.body.items, [], 'the cart is emptied once the order exists');

    // A later price change does not touch the order: its items are a frozen snapshot.
    await shop.catalogDb.updateTable('products').set({ price: '99.00' }).where('id', '=', mug.id).execute();
    const again = await shop.orders('GET', `/orders/${order.id}`, undefined, ada.headers);
    assert.equal(again.body.items[0].unit_price, '12.50');
  });

  it('ships free from the threshold up', async () => {
    const lamp = await shop.product({ name: 'Free Shipping Lamp', price: '50.00' });
    const bo = newShopper();
    await shop.fill(bo, [{ product_id: lamp.id, quantity: 1 }]);
    const res = await shop.checkout(bo);
    assert.equal(res.body.shipping_cost, '0.00');
    assert.equal(res.body.total, '52.50');
  });

  it('previews the cart as an order without writing anything', async () => {
    const kettle = await shop.product({ name: 'Preview Kettle', price: '20.00' });
    const cy = newShopper();
    await shop.fill(cy, [{ product_id: kettle.id, quantity: 2 }]);
    const preview = await shop.orders('GET', '/orders/preview', undefined, cy.headers);
    assert.equal(preview.status, 200);
    assert.deepEqual(
      [preview.body.subtotal, preview.body.tax, preview.body.shipping_cost, preview.body.total],
      ['40.00', '2.00', '4.99', '46.99'],
    );
    assert.equal((await shop.orders('GET', '/orders', undefined, cy.headers)).body.total, 0);
    assert.equal(await shop.stockOf(kettle.id), 10);
  });

  it('one checkout sent twice with one Idempotency-Key makes one order', async () => {
    const chair = await shop.product({ name: 'Twice Chair', price: '40.00', stock: 5 });
    const di = newShopper();
    await shop.fill(di, [{ product_id: chair.id, quantity: 1 }]);
    const key = randomUUID();
    const [first, second] = await Promise.all([shop.checkout(di, key), shop.checkout(di, key)]);
    const third = await shop.checkout(di, key);
    assert.deepEqual([first.status, second.status, third.status], [201, 201, 201]);
    assert.equal(second.body.id, first.body.id);
    assert.equal(third.body.id, first.body.id);
    assert.equal(third.body.total, first.body.total);
    const rows = await shop.db.selectFrom('orders').select('id').where('user_id', '=', di.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(await shop.stockOf(chair.id), 4);
  });

  it('20 shoppers race for the last 5 units: exactly 5 orders, stock 0, never below', async () => {
    const hot = await shop.product({ name: 'Race Console', price: '299.00', stock: 5 });
    const shoppers = Array.from({ length: 20 }, () => newShopper());
    // Each fills a cart while stock lasts in the cart's eyes (carts do not hold stock).
    for (const s of shoppers) await shop.fill(s, [{ product_id: hot.id, quantity: 1 }]);
    const results = await Promise.all(shoppers.map((s) => shop.checkout(s)));
    const made = results.filter((r) => r.status === 201);
    assert.equal(made.length, 5);
    assert.ok(
      results.every((r) => r.status === 201 || r.status === 409),
      JSON.stringify(results.map((r) => r.status)),
    );
    assert.equal(await shop.stockOf(hot.id), 0);
    const orders = await shop.db
      .selectFrom('order_items')
      .innerJoin('orders', 'orders.id', 'order_items.order_id')
      .select(['orders.status'])
      .where('product_id', '=', hot.id)
      .execute();
    assert.deepEqual(
      orders.map((o) => o.status),
      ['pending', 'pending', 'pending', 'pending', 'pending'],
    );
    const refused = results.find((r) => r.status === 409)!;
    assert.match(refused.body.detail, /Race Console/);
    assert.equal(refused.body.product_id, hot.id);
    assert.equal(refused.body.available, 0);
  });

  it('refuses a line short of stock with 409 naming it, and leaves no order and the cart as it was', async () => {
    const rare = await shop.product({ name: 'Rare Vase', stock: 2 });
    const ed = newShopper();
    await shop.fill(ed, [{ product_id: rare.id, quantity: 2 }]);
    await shop.catalogDb.updateTable('products').set({ stock: 1 }).where('id', '=', rare.id).execute();
    const res = await shop.checkout(ed);
    assert.equal(res.status, 409);
    assert.equal(res.body.detail, 'only 1 of “Rare Vase” left');
    assert.equal(res.body.available, 1);
    assert.equal((await shop.db.selectFrom('orders').select('id').where('user_id', '=', ed.id).execute()).length, 0);
    assert.equal((await shop.cart('GET', '/cart', undefined, ed.headers)).body.total_items, 2);
    assert.equal(await shop.stockOf(rare.id), 1);
  });

  it('answers 422 for an empty cart or a bad address, and 422 naming the missing Idempotency-Key', async () => {
    const fi = newShopper();
    assert.equal((await shop.checkout(fi)).status, 422);
    const noKey = await shop.orders('POST', '/orders', { shipping_address: address }, fi.headers);
    assert.equal(noKey.status, 422);
    assert.match(noKey.body.detail, /Idempotency-Key/);
    const bad = await shop.orders(
      'POST',
      '/orders',
      { shipping_address: { ...address, postal_code: '!', phone: 'call me' } },
      { ...fi.headers, 'idempotency-key': 'k1' },
    );
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), [
      'shipping_address.phone',
      'shipping_address.postal_code',
    ]);
    assert.equal((await shop.orders('POST', '/orders', { shipping_address: address })).status, 401);
  });
});

describe('POST /orders: the address as other shops’ clients send it', () => {
  it('takes address_line1, address_line2 and state, and answers with both sets of names', async () => {
    const kettle = await shop.product({ name: 'Alias Kettle' });
    const bo = newShopper();
    await shop.fill(bo, [{ product_id: kettle.id, quantity: 1 }]);
    const { line1: _, ...rest } = address;
    const seedAddress = { ...rest, address_line1: '1 Infinite Loop', address_line2: 'Suite 2', state: 'CA' };
    const res = await shop.orders('POST', '/orders', { shipping_address: seedAddress }, { ...bo.headers, 'idempotency-key': randomUUID() });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.shipping_address, {
      ...rest,
      line1: '1 Infinite Loop',
      line2: 'Suite 2',
      address_line1: '1 Infinite Loop',
      address_line2: 'Suite 2',
      state: 'CA',
    });
    const read = await shop.orders('GET', `/orders/${res.body.id}`, undefined, bo.headers);
    assert.deepEqual(read.body.shipping_address, res.body.shipping_address);
  });

  it('needs one of line1 and address_line1 (line1 wins when both come), and caps state', async () => {
    const cy = newShopper();
    const { line1: _, ...noLine } = address;
    const headers = { ...cy.headers, 'idempotency-key': randomUUID() };
    const missing = await shop.orders('POST', '/orders', { shipping_address: noLine }, headers);
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors, [{ field: 'shipping_address.line1', message: 'is required' }]);
    const long = await shop.orders('POST', '/orders', { shipping_address: { ...address, state: 'x'.repeat(101) } }, headers);
    assert.deepEqual(
      long.body.errors.map((e: { field: string }) => e.field),
      ['shipping_address.state'],
    );

    const lamp = await shop.product({ name: 'Alias Lamp' });
    await shop.fill(cy, [{ product_id: lamp.id, quantity: 1 }]);
    const both = await shop.orders('POST', '/orders', { shipping_address: { ...address, address_line1: 'ignored' } }, headers);
    assert.equal(both.status, 201);
    assert.equal(both.body.shipping_address.line1, address.line1);
    assert.equal(both.body.shipping_address.address_line1, address.line1);
  });
});

describe('reading and cancelling orders', () => {
  it('shows a shopper only their own orders; someone else’s is a 404', async () => {
    const item = await shop.product({ name: 'Private Book' });
    const owner = newShopper();
    const other = newShopper();
    await shop.fill(owner, [{ product_id: item.id, quantity: 1 }]);
    const order = (await shop.checkout(owner)).body;
    assert.equal((await shop.orders('GET', `/orders/${order.id}`, undefined, other.headers)).status, 404);
    assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, other.headers)).status, 404);
    assert.equal((await shop.orders('GET', '/orders/not-a-uuid', undefined, other.headers)).status, 404);
    const mine = await shop.orders('GET', '/orders', undefined, other.headers);
    assert.equal(mine.body.total, 0);
    const list = await shop.orders('GET', '/orders', undefined, owner.headers);
    assert.deepEqual(
      list.body.items.map((o: { id: string }) => o.id),
      [order.id],
    );
    assert.equal((await shop.orders('GET', '/orders?scope=all', undefined, owner.headers)).status, 403);
    const admin = await shop.orders('GET', `/orders?scope=all&status=pending&page_size=100`, undefined, newShopper('admin').headers);
    assert.ok(admin.body.items.some((o: { id: string }) => o.id === order.id));
  });

  it('cancels a pending order and returns its stock once, however often it is asked', async () => {
    const item = await shop.product({ name: 'Cancel Lamp', stock: 4 });
    const gus = newShopper();
    await shop.fill(gus, [{ product_id: item.id, quantity: 3 }]);
    const order = (await shop.checkout(gus)).body;
    assert.equal(await shop.stockOf(item.id), 1);
    const cancels = await Promise.all([1, 2, 3].map(() => shop.orders('POST', `/orders/${order.id}/cancel`, undefined, gus.headers)));
    assert.deepEqual(
      cancels.map((c) => c.status),
      [200, 200, 200],
    );
    assert.equal(cancels[0]!.body.status, 'cancelled');
    await shop.deps.outbox.deliver();
    assert.equal(await shop.stockOf(item.id), 4);
    const events = (await shop.orders('GET', `/orders/${order.id}`, undefined, gus.headers)).body.events;
    assert.deepEqual(
      events.map((e: { to_status: string }) => e.to_status),
      ['pending', 'cancelled'],
    );
    assert.equal(events[1].reason, 'cancelled by the customer');
  });
});

describe('PATCH /orders/:id/status: the state machine', () => {
  it('moves a paid order along, and refuses what the state machine forbids with 409', async () => {
    const item = await shop.product({ name: 'Machine Drill', price: '80.00' });
    const hal = newShopper();
    const admin = newShopper('admin');
    await shop.fill(hal, [{ product_id: item.id, quantity: 1 }]);
    const order = (await shop.checkout(hal)).body;
    const set = (status: string, who = admin) => shop.orders('PATCH', `/orders/${order.id}/status`, { status }, who.headers);

    assert.equal((await set('processing')).status, 409, 'an unpaid order cannot be processed');
    assert.equal((await set('paid')).status, 409, 'only a payment makes an order paid');
    assert.equal((await set('shipped', hal)).status, 403);
    assert.equal((await set('lost')).status, 422);

    const paid = await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: randomUUID(), amount: order.total }, service);
    assert.equal(paid.status, 200);
    for (const status of ['processing', 'shipped', 'delivered']) {
      const res = await set(status);
      assert.equal(res.status, 200, status);
      assert.equal(res.body.status, status);
    }
    assert.equal((await set('cancelled')).status, 409);
    const done = (await shop.orders('GET', `/orders/${order.id}`, undefined, hal.headers)).body;
    assert.deepEqual(
      done.events.map((e: { to_status: string }) => e.to_status),
      ['pending', 'paid', 'processing', 'shipped', 'delivered'],
    );
    assert.deepEqual(done.next_statuses, []);
    assert.equal(done.can_cancel, false);
  });
});
