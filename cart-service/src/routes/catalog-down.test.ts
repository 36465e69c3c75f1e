import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { as, type CartHarness, type CatalogHarness, newUser, startCart, startCatalog, storedQuantity } from '../test-support.js';

const UNAVAILABLE = { detail: 'catalog unavailable' };

describe('when catalog-service is down', () => {
  let cart: CartHarness;
  const user = newUser();
  const productId = randomUUID();

  before(async () => {
    // Port 9 (discard) has nothing listening: every call is refused at once.
    cart = await startCart('cart_down', 'http://127.0.0.1:9');
    await cart.db
      .insertInto('cart_items')
      .values({ user_id: user.id, product_id: productId, quantity: 2, unit_price_snapshot: '5.00' })
      .execute();
  });

  after(async () => {
    await cart.close();
  });

  it('answers a cart with lines 503, while /cart/count still answers', async () => {
    const res = await cart.api('GET', '/cart', undefined, user.headers);
    assert.equal(res.status, 503);
    assert.deepEqual(res.body, UNAVAILABLE);
    assert.deepEqual(cart.catalogCalls, ['POST /internal/products/batch']);
    const count = await cart.api('GET', '/cart/count', undefined, user.headers);
    assert.equal(count.status, 200);
    assert.deepEqual(count.body, { total_items: 2 });
  });

  it('answers the lines checkout reserves from the cart alone', async () => {
    const calls = cart.catalogCalls.length;
    const res = await cart.api('GET', `/internal/carts/${user.id}/lines`, undefined, as.service);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { items: [{ product_id: productId, quantity: 2 }] });
    assert.equal(cart.catalogCalls.length, calls);
  });

  it('changes nothing on a write that needs the catalog', async () => {
    const add = await cart.api('POST', '/cart/items', { product_id: productId, quantity: 1 }, user.headers);
    assert.equal(add.status, 503);
    assert.deepEqual(add.body, UNAVAILABLE);
    const remove = await cart.api('DELETE', `/cart/items/${productId}`, undefined, user.headers);
    assert.equal(remove.status, 503);
    const merge = await cart.api('POST', '/cart/merge', { items: [{ product_id: randomUUID(), quantity: 1 }] }, user.headers);
    assert.equal(merge.status, 503);
    assert.equal(await storedQuantity(cart, user.id, productId), 2);
  });

  it('still takes an order’s lines out of the cart: that needs no catalog', async () => {
    const orderId = randomUUID();
    const checkout = await cart.api(
      'POST',
      `/internal/carts/${user.id}/checkouts`,
      { order_id: orderId, items: [{ product_id: productId, quantity: 1 }] },
      as.service,
    );
    assert.equal(checkout.status, 200);
    assert.equal(await storedQuantity(cart, user.id, productId), 1);
    assert.equal((await cart.db.selectFrom('cart_checkouts').select('order_id').where('order_id', '=', orderId).execute()).length, 1);
  });

  it('answers quotes and the internal cart 503 too', async () => {
    const quote = await cart.api('POST', '/cart/quote', { items: [{ product_id: productId, quantity: 1 }] });
    assert.equal(quote.status, 503);
    assert.deepEqual(quote.body, UNAVAILABLE);
    assert.equal((await cart.api('GET', `/internal/carts/${user.id}`, undefined, as.service)).status, 503);
  });

  it('still answers an empty cart and empties a cart, needing no catalog for either', async () => {
    const other = newUser();
    assert.deepEqual((await cart.api('GET', '/cart', undefined, other.headers)).body, { items: [], total_items: 0, subtotal: '0.00' });
    const cleared = await cart.api('DELETE', '/cart', undefined, other.headers);
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.body, { items: [], total_items: 0, subtotal: '0.00' });
  });
});

describe('when catalog-service refuses the cart’s service token', () => {
  let catalog: CatalogHarness;
  let cart: CartHarness;

  before(async () => {
    // A catalog that trusts another secret: a deployment whose JWT_SECRET differs.
    catalog = await startCatalog('cart_refused', createJwt('another-secret-that-is-at-least-32-characters'));
    cart = await startCart('cart_refused', catalog.url);
  });

  after(async () => {
    await cart.close();
    await catalog.close();
  });

  it('answers 503 rather than passing the catalog’s 401 on to the shopper', async () => {
    const user = newUser();
    const res = await cart.api('POST', '/cart/items', { product_id: randomUUID(), quantity: 1 }, user.headers);
    assert.equal(res.status, 503);
    assert.deepEqual(res.body, UNAVAILABLE);
  });
});
