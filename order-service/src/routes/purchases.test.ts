import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { jwt, newShopper, type Shop, service, startShop } from '../test-support.js';

let shop: Shop;
before(async () => {
  shop = await startShop('orders_purchases');
});
after(async () => {
  await shop.close();
});

const fromReviews = { authorization: `Bearer ${jwt.signService('review-service', 300)}` };
const delivered = (userId: string, productId: string, headers: Record<string, string> = fromReviews) =>
  shop.orders('GET', `/internal/purchases/delivered?user_id=${userId}&product_id=${productId}`, undefined, headers);

describe('GET /internal/purchases/delivered (review-service)', () => {
  it('is true only once an order of the product by that user is delivered', async () => {
    const lamp = await shop.product({ name: 'Reviewable Lamp', price: '20.00' });
    const other = await shop.product({ name: 'Other Lamp' });
    const buyer = newShopper();
    await shop.fill(buyer, [{ product_id: lamp.id, quantity: 1 }]);
    const order = (await shop.checkout(buyer)).body;
    const admin = newShopper('admin');
    const purchased = async () => (await delivered(buyer.id, lamp.id)).body.purchased;

    assert.equal(await purchased(), false, 'pending');
    const paid = await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: randomUUID(), amount: order.total }, service);
    assert.equal(paid.status, 200);
    assert.equal(await purchased(), false, 'paid');
    for (const status of ['processing', 'shipped']) {
      assert.equal((await shop.orders('PATCH', `/orders/${order.id}/status`, { status }, admin.headers)).status, 200);
      assert.equal(await purchased(), false, status);
    }
    assert.equal((await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'delivered' }, admin.headers)).status, 200);
    assert.deepEqual((await delivered(buyer.id, lamp.id)).body, { purchased: true });
    // Not another product, nor another buyer of the same one.
    assert.equal((await delivered(buyer.id, other.id)).body.purchased, false);
    assert.equal((await delivered(newShopper().id, lamp.id)).body.purchased, false);
  });

  it('is review-service’s area: payment-service, a user, an admin or nobody is refused', async () => {
    const id = randomUUID();
    assert.equal((await delivered(id, id, {})).status, 401);
    assert.equal((await delivered(id, id, service)).status, 403, 'payment-service may not ask');
    assert.equal((await delivered(id, id, newShopper().headers)).status, 403);
    assert.equal((await delivered(id, id, newShopper('admin').headers)).status, 403);
    assert.equal((await delivered(id, id)).status, 200);
  });

  it('answers 422 naming a missing or malformed id', async () => {
    const res = await shop.orders('GET', `/internal/purchases/delivered?user_id=nope`, undefined, fromReviews);
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field).sort(), ['product_id', 'user_id']);
  });
});
