import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addProduct, as, type CartHarness, type CatalogHarness, newUser, startCart, startCatalog, type TestUser } from '../test-support.js';

let catalog: CatalogHarness;
let cart: CartHarness;

before(async () => {
  catalog = await startCatalog('cart_internal');
  cart = await startCart('cart_internal', catalog.url);
});

after(async () => {
  await cart.close();
  await catalog.close();
});

const add = (user: TestUser, product: { id: string }, quantity: number) =>
  cart.api('POST', '/cart/items', { product_id: product.id, quantity }, user.headers);
const checkout = (userId: string, orderId: string, items: { product_id: string; quantity: number }[]) =>
  cart.api('POST', `/internal/carts/${userId}/checkouts`, { order_id: orderId, items }, as.service);
const lines = (body: { items: { product_id: string; quantity: number }[] }) => body.items.map((i) => [i.product_id, i.quantity]);

describe('service token only', () => {
  it('refuses a user or admin token with 403 and no token with 401', async () => {
    const user = newUser();
    const admin = newUser('admin');
    const order = { order_id: randomUUID(), items: [{ product_id: randomUUID(), quantity: 1 }] };
    for (const [method, path, body] of [
      ['GET', `/internal/carts/${user.id}`, undefined],
      ['POST', `/internal/carts/${user.id}/checkouts`, order],
    ] as const) {
      assert.equal((await cart.api(method, path, body)).status, 401, `${method} ${path}`);
      const asUser = await cart.api(method, path, body, user.headers);
      assert.equal(asUser.status, 403, `${method} ${path} as user`);
      assert.deepEqual(asUser.body, { detail: 'service token required' });
      assert.equal((await cart.api(method, path, body, admin.headers)).status, 403, `${method} ${path} as admin`);
    }
    const stored = await cart.db.selectFrom('cart_checkouts').select('order_id').where('order_id', '=', order.order_id).execute();
    assert.deepEqual(stored, []);
  });
});

describe('GET /internal/carts/:user_id', () => {
  it('answers the user’s cart as the user sees it', async () => {
    const user = newUser();
    const p = await addProduct(catalog, { price: '7.77', stock: 9 });
    await add(user, p, 3);
    const mine = await cart.api('GET', '/cart', undefined, user.headers);
    const res = await cart.api('GET', `/internal/carts/${user.id}`, undefined, as.service);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, mine.body);
    assert.equal(res.body.subtotal, '23.31');
  });

  it('answers an empty cart for a user with none, and 422 to an id that is not a UUID', async () => {
    assert.deepEqual((await cart.api('GET', `/internal/carts/${randomUUID()}`, undefined, as.service)).body, {
      items: [],
      total_items: 0,
      subtotal: '0.00',
    });
    const bad = await cart.api('GET', '/internal/carts/nobody', undefined, as.service);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'user_id');
  });
});

describe('GET /internal/carts/:user_id/lines', () => {
  it('answers the lines alone, in the cart’s order, and none for a user without a cart', async () => {
    const user = newUser();
    const [a, b] = [await addProduct(catalog, { price: '1.00', stock: 50 }), await addProduct(catalog, { price: '2.00', stock: 50 })];
    await add(user, b, 2);
    await add(user, a, 1);
    const res = await cart.api('GET', `/internal/carts/${user.id}/lines`, undefined, as.service);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      items: [
        { product_id: b.id, quantity: 2 },
        { product_id: a.id, quantity: 1 },
      ],
    });
    assert.deepEqual((await cart.api('GET', `/internal/carts/${randomUUID()}/lines`, undefined, as.service)).body, { items: [] });
    assert.equal((await cart.api('GET', `/internal/carts/${user.id}/lines`, undefined, user.headers)).status, 403);
  });
});

describe('POST /internal/carts/:user_id/checkouts', () => {
  it('takes the ordered quantities out, keeps a line added later, and applies an order once', async () => {
    const user = newUser();
    const [a, b, c] = [
      await addProduct(catalog, { price: '1.00', stock: 50 }),
      await addProduct(catalog, { price: '2.00', stock: 50 }),
      await addProduct(catalog, { price: '3.00', stock: 50 }),
    ];
    await add(user, a, 3);
    await add(user, b, 2);
    const orderId = randomUUID();
    const first = await checkout(user.id, orderId, [
      { product_id: a.id, quantity: 2 },
      { product_id: b.id, quantity: 2 },
    ]);
    assert.equal(first.status, 200);
    assert.deepEqual(lines(first.body), [[a.id, 1]]);
    assert.equal(first.body.applied, true);

    // The shopper goes on shopping; then the same message arrives again.
    await add(user, c, 1);
    await add(user, b, 1);
    const again = await checkout(user.id, orderId, [
      { product_id: a.id, quantity: 2 },
      { product_id: b.id, quantity: 2 },
    ]);
    assert.equal(again.status, 200);
    assert.equal(again.body.applied, false);
    assert.deepEqual(lines(again.body), [
      [a.id, 1],
      [c.id, 1],
      [b.id, 1],
    ]);
    const recorded = await cart.db.selectFrom('cart_checkouts').select(['user_id']).where('order_id', '=', orderId).execute();
    assert.deepEqual(recorded, [{ user_id: user.id }]);
  });

  it('removes a line ordered in full or beyond, and ignores products no longer in the cart', async () => {
    const user = newUser();
    const [a, b] = [await addProduct(catalog, { stock: 50 }), await addProduct(catalog, { stock: 50 })];
    await add(user, a, 2);
    await add(user, b, 4);
    const res = await checkout(user.id, randomUUID(), [
      { product_id: a.id, quantity: 5 },
      { product_id: randomUUID(), quantity: 1 },
      { product_id: b.id, quantity: 1 },
      { product_id: b.id, quantity: 1 },
    ]);
    assert.equal(res.status, 200);
    assert.deepEqual(lines(res.body), [[b.id, 2]]);
  });

  it('applies an order once even when delivered twice at the same moment', async () => {
    const user = newUser();
    const p = await addProduct(catalog, { stock: 50 });
    await add(user, p, 10);
    const orderId = randomUUID();
    const results = await Promise.all(Array.from({ length: 4 }, () => checkout(user.id, orderId, [{ product_id: p.id, quantity: 3 }])));
    assert.deepEqual(
      results.map((r) => r.status),
      [200, 200, 200, 200],
    );
    assert.deepEqual(lines((await cart.api('GET', '/cart', undefined, user.headers)).body), [[p.id, 7]]);
  });

  it('answers 422 to a message without an order id or lines', async () => {
    const user = newUser();
    for (const body of [
      { items: [{ product_id: randomUUID(), quantity: 1 }] },
      { order_id: 'x', items: [] },
      { order_id: randomUUID(), items: [] },
    ]) {
      const res = await cart.api('POST', `/internal/carts/${user.id}/checkouts`, body, as.service);
      assert.equal(res.status, 422, JSON.stringify(body));
    }
  });
});
