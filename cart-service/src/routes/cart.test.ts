import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  type ApiResponse,
  addProduct,
  as,
  type CartHarness,
  type CatalogHarness,
  newUser,
  startCart,
  startCatalog,
  storedQuantity,
  type TestProduct,
  type TestUser,
  updateProduct,
} from '../test-support.js';

let catalog: CatalogHarness;
let cart: CartHarness;

before(async () => {
  catalog = await startCatalog('cart_routes');
  cart = await startCart('cart_routes', catalog.url);
});

after(async () => {
  await cart.close();
  await catalog.close();
});

const add = (user: TestUser, product: { id: string }, quantity: number) =>
  cart.api('POST', '/cart/items', { product_id: product.id, quantity }, user.headers);

/** The catalog calls `action` makes, counted on the cart's own client. */
async function catalogCallsOf(action: () => Promise<unknown>): Promise<string[]> {
  const before = cart.catalogCalls.length;
  await action();
  return cart.catalogCalls.slice(before);
}

const item = (p: TestProduct, quantity: number, overrides: Record<string, unknown> = {}) => ({
  product_id: p.id,
  sku: p.sku,
  name: p.name,
  slug: p.slug,
  image_url: p.image_url,
  price: p.price,
  quantity,
  item_total: overrides.item_total,
  stock: p.stock,
  available: true,
  price_changed: false,
  previous_price: null,
  vendor_id: null,
  vendor_name: null,
  unavailable_reason: null,
  ...overrides,
});

describe('authentication', () => {
  it('answers 401 to every shopper route without a token, or with a service token', async () => {
    const id = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['GET', '/cart'],
      ['GET', '/cart/count'],
      ['POST', '/cart/items', { product_id: id, quantity: 1 }],
      ['PATCH', `/cart/items/${id}`, { quantity: 1 }],
      ['DELETE', `/cart/items/${id}`],
      ['DELETE', '/cart'],
      ['POST', '/cart/merge', { items: [] }],
    ];
    for (const [method, path, body] of routes) {
      const res = await cart.api(method, path, body);
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.deepEqual(res.body, { detail: 'not authenticated' });
      assert.equal((await cart.api(method, path, body, as.service)).status, 401, `${method} ${path} as a service`);
    }
  });

  it('answers 401 to a token signed with another secret', async () => {
    const res = await cart.api('GET', '/cart', undefined, { authorization: 'Bearer not.a.token' });
    assert.equal(res.status, 401);
  });
});

describe('GET /cart', () => {
  it('answers an empty cart without asking the catalog', async () => {
    const user = newUser();
    let res: ApiResponse | undefined;
    const calls = await catalogCallsOf(async () => {
      res = await cart.api('GET', '/cart', undefined, user.headers);
    });
    assert.equal(res!.status, 200);
    assert.deepEqual(res!.body, { items: [], total_items: 0, subtotal: '0.00' });
    assert.deepEqual(calls, []);
  });
});

describe('adding, setting and removing lines', () => {
  it('answers the Cart JSON exactly, with exact money, in the order the lines were added', async () => {
    const user = newUser();
    const lamp = await addProduct(catalog, { name: 'Desk Lamp', price: '19.99', stock: 10, image_url: '/images/lamp.png' });
    const clip = await addProduct(catalog, { name: 'Paper Clip', price: '0.10', stock: 500 });
    assert.equal((await add(user, lamp, 2)).status, 200);
    const res = await add(user, clip, 3);
    assert.equal(res.status, 200);
    const expected = {
      items: [item(lamp, 2, { item_total: '39.98' }), item(clip, 3, { item_total: '0.30' })],
      total_items: 5,
      subtotal: '40.28',
    };
    assert.deepEqual(res.body, expected);
    assert.deepEqual((await cart.api('GET', '/cart', undefined, user.headers)).body, expected);
  });

  it('asks the catalog once per request, however many lines the cart holds', async () => {
    const user = newUser();
    const products = await Promise.all([1, 2, 3, 4].map(() => addProduct(catalog)));
    for (const p of products.slice(0, 3)) await add(user, p, 1);
    assert.deepEqual(await catalogCallsOf(() => cart.api('GET', '/cart', undefined, user.headers)), ['POST /internal/products/batch']);
    assert.deepEqual(await catalogCallsOf(() => add(user, products[3]!, 1)), ['POST /internal/products/batch']);
    assert.deepEqual(await catalogCallsOf(() => cart.api('PATCH', `/cart/items/${products[0]!.id}`, { quantity: 2 }, user.headers)), [
      'POST /internal/products/batch',
    ]);
  });

  it('adds up when the same product is added twice, and takes the latest price as the snapshot', async () => {
    const user = newUser();
    const mug = await addProduct(catalog, { price: '4.00', stock: 20 });
    await add(user, mug, 2);
    await updateProduct(catalog, mug.id, { price: '4.50' });
    const res = await add(user, mug, 3);
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 1);
    assert.equal(res.body.items[0].quantity, 5);
    assert.equal(res.body.items[0].item_total, '22.50');
    assert.equal(res.body.items[0].price_changed, false);
    assert.equal(await storedQuantity(cart, user.id, mug.id), 5);
  });

  it('PATCH sets the quantity; 0 is 422 and a line not in the cart is 404', async () => {
    const user = newUser();
    const pen = await addProduct(catalog, { price: '1.25', stock: 10 });
    const other = await addProduct(catalog);
    await add(user, pen, 1);
    const res = await cart.api('PATCH', `/cart/items/${pen.id}`, { quantity: 7 }, user.headers);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { items: [item(pen, 7, { item_total: '8.75' })], total_items: 7, subtotal: '8.75' });

    const zero = await cart.api('PATCH', `/cart/items/${pen.id}`, { quantity: 0 }, user.headers);
    assert.equal(zero.status, 422);
    assert.equal(zero.body.errors[0].field, 'quantity');
    const missing = await cart.api('PATCH', `/cart/items/${other.id}`, { quantity: 1 }, user.headers);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { detail: 'this product is not in your cart' });
    assert.equal(await storedQuantity(cart, user.id, other.id), undefined);
    assert.equal(await storedQuantity(cart, user.id, pen.id), 7);
  });

  it('DELETE removes one line, and removing it again still answers the cart', async () => {
    const user = newUser();
    const [a, b] = [await addProduct(catalog, { price: '3.00' }), await addProduct(catalog, { price: '5.00' })];
    await add(user, a, 1);
    await add(user, b, 2);
    const res = await cart.api('DELETE', `/cart/items/${a.id}`, undefined, user.headers);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { items: [item(b, 2, { item_total: '10.00' })], total_items: 2, subtotal: '10.00' });
    const again = await cart.api('DELETE', `/cart/items/${a.id}`, undefined, user.headers);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, res.body);
  });

  it('DELETE /cart empties the cart', async () => {
    const user = newUser();
    await add(user, await addProduct(catalog), 1);
    await add(user, await addProduct(catalog), 2);
    const res = await cart.api('DELETE', '/cart', undefined, user.headers);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { items: [], total_items: 0, subtotal: '0.00' });
    assert.deepEqual((await cart.api('GET', '/cart/count', undefined, user.headers)).body, { total_items: 0 });
  });

  it('answers 422 to a bad quantity or product id, naming the field', async () => {
    const user = newUser();
    const p = await addProduct(catalog);
    const bodies: [unknown, string][] = [
      [{ product_id: p.id, quantity: 0 }, 'quantity'],
      [{ product_id: p.id, quantity: -1 }, 'quantity'],
      [{ product_id: p.id, quantity: 1.5 }, 'quantity'],
      [{ product_id: p.id, quantity: '2' }, 'quantity'],
      [{ product_id: p.id, quantity: 100 }, 'quantity'],
      [{ product_id: p.id }, 'quantity'],
      [{ product_id: 'not-a-uuid', quantity: 1 }, 'product_id'],
      [{ quantity: 1 }, 'product_id'],
    ];
    for (const [body, field] of bodies) {
      const res = await cart.api('POST', '/cart/items', body, user.headers);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        [field],
        JSON.stringify(body),
      );
    }
    for (const method of ['PATCH', 'DELETE']) {
      const res = await cart.api(method, '/cart/items/not-a-uuid', method === 'PATCH' ? { quantity: 1 } : undefined, user.headers);
      assert.equal(res.status, 422, method);
      assert.equal(res.body.errors[0].field, 'product_id');
    }
    assert.equal(await storedQuantity(cart, user.id, p.id), undefined);
  });

  it('answers 404 to an unknown or an inactive product, and stores nothing', async () => {
    const user = newUser();
    const retired = await addProduct(catalog, { is_active: false });
    for (const id of [randomUUID(), retired.id]) {
      const res = await add(user, { id }, 1);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { detail: 'product not found' });
    }
    assert.deepEqual((await cart.api('GET', '/cart/count', undefined, user.headers)).body, { total_items: 0 });
  });
});

describe('stock and limits', () => {
  it('answers 409 with what is available when the line would hold more than the stock', async () => {
    const user = newUser();
    const scarce = await addProduct(catalog, { name: 'Rare Vinyl', stock: 3 });
    assert.equal((await add(user, scarce, 2)).status, 200);
    const res = await add(user, scarce, 2);
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { detail: 'only 3 of “Rare Vinyl” left', available: 3 });
    const patch = await cart.api('PATCH', `/cart/items/${scarce.id}`, { quantity: 4 }, user.headers);
    assert.equal(patch.status, 409);
    assert.equal(patch.body.available, 3);
    assert.equal(await storedQuantity(cart, user.id, scarce.id), 2);
    assert.equal((await add(user, scarce, 1)).status, 200);
  });

  it('says when a product is out of stock', async () => {
    const user = newUser();
    const soldOut = await addProduct(catalog, { name: 'Sold Out Kettle', stock: 0 });
    const res = await add(user, soldOut, 1);
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { detail: '“Sold Out Kettle” is out of stock', available: 0 });
    assert.equal(await storedQuantity(cart, user.id, soldOut.id), undefined);
  });

  it('holds at most CART_MAX_QUANTITY of one product, however it is added', async () => {
    const user = newUser();
    const plenty = await addProduct(catalog, { name: 'Bulk Screws', stock: 1000 });
    assert.equal((await add(user, plenty, 99)).status, 200);
    const res = await add(user, plenty, 1);
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { detail: 'at most 99 of “Bulk Screws” fit in one cart', available: 99 });
    assert.equal(await storedQuantity(cart, user.id, plenty.id), 99);
  });

  it('holds at most CART_MAX_LINES different products', async () => {
    const small = await startCart('cart_routes_small', catalog.url, { maxLines: 2, maxQuantity: 5 });
    try {
      const user = newUser();
      const [a, b, c] = [await addProduct(catalog), await addProduct(catalog), await addProduct(catalog)];
      for (const p of [a, b])
        assert.equal((await small.api('POST', '/cart/items', { product_id: p.id, quantity: 1 }, user.headers)).status, 200);
      const third = await small.api('POST', '/cart/items', { product_id: c.id, quantity: 1 }, user.headers);
      assert.equal(third.status, 409);
      assert.deepEqual(third.body, { detail: 'a cart holds at most 2 different products' });
      // More of a product already there is still fine, up to the configured per-line limit.
      assert.equal((await small.api('POST', '/cart/items', { product_id: a.id, quantity: 4 }, user.headers)).status, 200);
      assert.equal((await small.api('POST', '/cart/items', { product_id: a.id, quantity: 6 }, user.headers)).status, 422);
    } finally {
      await small.close();
    }
  });
});

describe('one cart per user', () => {
  it('never shows or changes another user’s cart, for the same product', async () => {
    const alice = newUser();
    const bob = newUser();
    const shared = await addProduct(catalog, { price: '2.00', stock: 50 });
    await add(alice, shared, 2);
    await add(bob, shared, 5);
    assert.equal((await cart.api('GET', '/cart', undefined, alice.headers)).body.items[0].quantity, 2);
    assert.equal((await cart.api('GET', '/cart', undefined, bob.headers)).body.items[0].quantity, 5);

    assert.equal((await cart.api('PATCH', `/cart/items/${shared.id}`, { quantity: 9 }, bob.headers)).status, 200);
    assert.equal((await cart.api('DELETE', `/cart/items/${shared.id}`, undefined, bob.headers)).status, 200);
    assert.equal((await cart.api('DELETE', '/cart', undefined, bob.headers)).status, 200);

    const aliceCart = await cart.api('GET', '/cart', undefined, alice.headers);
    assert.deepEqual(
      aliceCart.body.items.map((i: { product_id: string; quantity: number }) => [i.product_id, i.quantity]),
      [[shared.id, 2]],
    );
    assert.deepEqual((await cart.api('GET', '/cart/count', undefined, alice.headers)).body, { total_items: 2 });
    assert.deepEqual((await cart.api('GET', '/cart/count', undefined, bob.headers)).body, { total_items: 0 });
  });

  it('gives an admin a cart of their own too', async () => {
    const admin = newUser('admin');
    const p = await addProduct(catalog, { price: '1.50' });
    const res = await add(admin, p, 2);
    assert.equal(res.status, 200);
    assert.equal(res.body.subtotal, '3.00');
  });
});

describe('the catalog’s changes show in the cart', () => {
  it('shows the new price and the old one after an admin changes it; setting the quantity takes it', async () => {
    const user = newUser();
    const chair = await addProduct(catalog, { name: 'Chair', price: '19.99', stock: 10 });
    await add(user, chair, 2);
    await updateProduct(catalog, chair.id, { price: '24.50' });

    const res = await cart.api('GET', '/cart', undefined, user.headers);
    assert.deepEqual(res.body, {
      items: [item(chair, 2, { price: '24.50', item_total: '49.00', price_changed: true, previous_price: '19.99' })],
      total_items: 2,
      subtotal: '49.00',
    });

    const set = await cart.api('PATCH', `/cart/items/${chair.id}`, { quantity: 3 }, user.headers);
    assert.equal(set.body.items[0].price_changed, false);
    assert.equal(set.body.items[0].previous_price, null);
    assert.equal(set.body.subtotal, '73.50');
  });

  it('shows the current stock', async () => {
    const user = newUser();
    const p = await addProduct(catalog, { stock: 8 });
    await add(user, p, 3);
    await updateProduct(catalog, p.id, { stock: 2 });
    const res = await cart.api('GET', '/cart', undefined, user.headers);
    assert.equal(res.body.items[0].stock, 2);
    assert.equal(res.body.items[0].available, true);
  });

  it('shows a deactivated product as unavailable and leaves it out of the totals', async () => {
    const user = newUser();
    const radio = await addProduct(catalog, { name: 'Old Radio', price: '5.00', stock: 10, image_url: '/images/radio.png' });
    const cable = await addProduct(catalog, { name: 'Cable', price: '1.25', stock: 10 });
    await add(user, radio, 2);
    await add(user, cable, 1);
    assert.equal((await catalog.api('DELETE', `/products/${radio.id}`, undefined, as.admin)).status, 204);

    const res = await cart.api('GET', '/cart', undefined, user.headers);
    assert.deepEqual(res.body, {
      items: [
        {
          product_id: radio.id,
          sku: radio.sku,
          name: 'Old Radio',
          slug: null,
          image_url: '/images/radio.png',
          price: '5.00',
          quantity: 2,
          item_total: '0.00',
          stock: 0,
          available: false,
          price_changed: false,
          previous_price: null,
          vendor_id: null,
          vendor_name: null,
          unavailable_reason: 'it is no longer sold',
        },
        item(cable, 1, { item_total: '1.25' }),
      ],
      total_items: 1,
      subtotal: '1.25',
    });
    const patch = await cart.api('PATCH', `/cart/items/${radio.id}`, { quantity: 1 }, user.headers);
    assert.equal(patch.status, 409);
    assert.deepEqual(patch.body, { detail: '“Old Radio” is no longer available', available: 0 });
    // The line stays until the shopper removes it.
    assert.equal((await cart.api('DELETE', `/cart/items/${radio.id}`, undefined, user.headers)).body.items.length, 1);
  });

  it('shows a line whose product the catalog no longer knows, by its snapshot', async () => {
    const user = newUser();
    const ghost = randomUUID();
    await cart.db
      .insertInto('cart_items')
      .values({ user_id: user.id, product_id: ghost, quantity: 2, unit_price_snapshot: '3.00' })
      .execute();
    const res = await cart.api('GET', '/cart', undefined, user.headers);
    assert.deepEqual(res.body, {
      items: [
        {
          product_id: ghost,
          sku: null,
          name: 'Product no longer available',
          slug: null,
          image_url: null,
          price: '3.00',
          quantity: 2,
          item_total: '0.00',
          stock: 0,
          available: false,
          price_changed: false,
          previous_price: null,
          vendor_id: null,
          vendor_name: null,
          unavailable_reason: null,
        },
      ],
      total_items: 0,
      subtotal: '0.00',
    });
  });
});

describe('GET /cart/count', () => {
  it('counts the units in the cart from the cart alone', async () => {
    const user = newUser();
    await add(user, await addProduct(catalog), 2);
    await add(user, await addProduct(catalog), 3);
    let res: ApiResponse | undefined;
    const calls = await catalogCallsOf(async () => {
      res = await cart.api('GET', '/cart/count', undefined, user.headers);
    });
    assert.equal(res!.status, 200);
    assert.deepEqual(res!.body, { total_items: 5 });
    assert.deepEqual(calls, []);
  });
});

describe('concurrent writes to one cart', () => {
  it('20 simultaneous adds of 1 end with exactly 20', async () => {
    const user = newUser();
    const p = await addProduct(catalog, { stock: 50 });
    const results = await Promise.all(Array.from({ length: 20 }, () => add(user, p, 1)));
    assert.deepEqual(
      results.map((r) => r.status),
      Array(20).fill(200),
    );
    assert.equal(await storedQuantity(cart, user.id, p.id), 20);
    assert.deepEqual((await cart.api('GET', '/cart/count', undefined, user.headers)).body, { total_items: 20 });
  });

  it('simultaneous adds past the stock let exactly the stock in', async () => {
    const user = newUser();
    const p = await addProduct(catalog, { stock: 5 });
    const results = await Promise.all(Array.from({ length: 12 }, () => add(user, p, 1)));
    assert.equal(results.filter((r) => r.status === 200).length, 5);
    assert.equal(results.filter((r) => r.status === 409).length, 7);
    assert.equal(await storedQuantity(cart, user.id, p.id), 5);
  });

  it('simultaneous adds of different products never pass the line limit', async () => {
    const small = await startCart('cart_routes_race', catalog.url, { maxLines: 2, maxQuantity: 5 });
    try {
      const user = newUser();
      const products = await Promise.all(Array.from({ length: 6 }, () => addProduct(catalog)));
      const results = await Promise.all(
        products.map((p) => small.api('POST', '/cart/items', { product_id: p.id, quantity: 1 }, user.headers)),
      );
      assert.equal(results.filter((r) => r.status === 200).length, 2);
      assert.equal(results.filter((r) => r.status === 409).length, 4);
      const lines = await small.db.selectFrom('cart_items').select('product_id').where('user_id', '=', user.id).execute();
      assert.equal(lines.length, 2);
      // Each answer shows every line it saw, priced: none was left unasked about.
      for (const r of results.filter((x) => x.status === 200)) {
        for (const i of r.body.items) assert.equal(i.available, true);
      }
    } finally {
      await small.close();
    }
  });
});

describe('health', () => {
  it('answers /health and /ready, and an unknown route with a JSON 404', async () => {
    assert.deepEqual((await cart.api('GET', '/health')).body, { status: 'ok', service: 'cart-service' });
    assert.equal((await cart.api('GET', '/ready')).status, 200);
    const res = await cart.api('GET', '/nope');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { detail: 'not found' });
  });
});
