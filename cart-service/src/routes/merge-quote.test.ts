import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  addProduct,
  type CartHarness,
  type CatalogHarness,
  newUser,
  startCart,
  startCatalog,
  storedQuantity,
  type TestUser,
} from '../test-support.js';

let catalog: CatalogHarness;
let cart: CartHarness;

before(async () => {
  catalog = await startCatalog('cart_merge');
  cart = await startCart('cart_merge', catalog.url);
});

after(async () => {
  await cart.close();
  await catalog.close();
});

const add = (user: TestUser, product: { id: string }, quantity: number) =>
  cart.api('POST', '/cart/items', { product_id: product.id, quantity }, user.headers);
const merge = (user: TestUser, items: { product_id: string; quantity: number }[], target = cart) =>
  target.api('POST', '/cart/merge', { items }, user.headers);
const lines = (body: { items: { product_id: string; quantity: number }[] }) => body.items.map((i) => [i.product_id, i.quantity]);

describe('POST /cart/merge', () => {
  it('adds a guest’s lines onto the stored ones and makes new ones, in one catalog call', async () => {
    const user = newUser();
    const [a, b] = [await addProduct(catalog, { price: '2.00', stock: 20 }), await addProduct(catalog, { price: '0.10', stock: 20 })];
    await add(user, a, 1);
    const before = cart.catalogCalls.length;
    const res = await merge(user, [
      { product_id: a.id, quantity: 2 },
      { product_id: b.id, quantity: 3 },
    ]);
    assert.equal(res.status, 200);
    assert.deepEqual(cart.catalogCalls.slice(before), ['POST /internal/products/batch']);
    assert.deepEqual(res.body.adjustments, []);
    assert.deepEqual(lines(res.body.cart), [
      [a.id, 3],
      [b.id, 3],
    ]);
    assert.equal(res.body.cart.subtotal, '6.30');
    assert.equal(res.body.cart.total_items, 6);
  });

  it('adds up a product the guest listed twice', async () => {
    const user = newUser();
    const p = await addProduct(catalog, { stock: 20 });
    const res = await merge(user, [
      { product_id: p.id, quantity: 1 },
      { product_id: p.id, quantity: 2 },
    ]);
    assert.deepEqual(lines(res.body.cart), [[p.id, 3]]);
    assert.deepEqual(res.body.adjustments, []);
  });

  it('caps a line at the stock and says so', async () => {
    const user = newUser();
    const scarce = await addProduct(catalog, { name: 'Scarce Lamp', stock: 4 });
    await add(user, scarce, 1);
    const res = await merge(user, [{ product_id: scarce.id, quantity: 5 }]);
    assert.equal(res.status, 200);
    assert.deepEqual(lines(res.body.cart), [[scarce.id, 4]]);
    assert.deepEqual(res.body.adjustments, [
      { product_id: scarce.id, name: 'Scarce Lamp', requested: 6, quantity: 4, reason: 'capped at stock' },
    ]);
    assert.equal(await storedQuantity(cart, user.id, scarce.id), 4);
  });

  it('skips inactive and unknown products, saying they are no longer available', async () => {
    const user = newUser();
    const live = await addProduct(catalog, { stock: 5 });
    const retired = await addProduct(catalog, { name: 'Retired Mug', is_active: false });
    const unknown = randomUUID();
    const res = await merge(user, [
      { product_id: retired.id, quantity: 1 },
      { product_id: live.id, quantity: 1 },
      { product_id: unknown, quantity: 2 },
    ]);
    assert.equal(res.status, 200);
    assert.deepEqual(lines(res.body.cart), [[live.id, 1]]);
    assert.deepEqual(res.body.adjustments, [
      { product_id: retired.id, name: 'Retired Mug', requested: 1, quantity: 0, reason: 'no longer available' },
      { product_id: unknown, name: 'Product no longer available', requested: 2, quantity: 0, reason: 'no longer available' },
    ]);
    assert.equal(await storedQuantity(cart, user.id, retired.id), undefined);
  });

  it('keeps to the cart’s limits, as "cart limit"', async () => {
    const small = await startCart('cart_merge_small', catalog.url, { maxLines: 2, maxQuantity: 5 });
    try {
      const user = newUser();
      const [a, b, c] = [
        await addProduct(catalog, { name: 'Limit A', stock: 100 }),
        await addProduct(catalog, { name: 'Limit B', stock: 100 }),
        await addProduct(catalog, { name: 'Limit C', stock: 100 }),
      ];
      const res = await merge(
        user,
        [
          { product_id: a.id, quantity: 7 },
          { product_id: b.id, quantity: 1 },
          { product_id: c.id, quantity: 1 },
        ],
        small,
      );
      assert.equal(res.status, 200);
      assert.deepEqual(lines(res.body.cart), [
        [a.id, 5],
        [b.id, 1],
      ]);
      assert.deepEqual(res.body.adjustments, [
        { product_id: a.id, name: 'Limit A', requested: 7, quantity: 5, reason: 'cart limit' },
        { product_id: c.id, name: 'Limit C', requested: 1, quantity: 0, reason: 'cart limit' },
      ]);
    } finally {
      await small.close();
    }
  });

  it('fills a cart to its line limit from a full guest cart, asking for more than 100 ids in two batches', async () => {
    const user = newUser();
    const products = [];
    for (let i = 0; i < 101; i++) products.push(await addProduct(catalog, { price: '0.01', stock: 5 }));
    await add(user, products[0]!, 1);
    const before = cart.catalogCalls.length;
    const res = await merge(
      user,
      products.slice(1).map((p) => ({ product_id: p.id, quantity: 1 })),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(cart.catalogCalls.slice(before), ['POST /internal/products/batch', 'POST /internal/products/batch']);
    assert.equal(res.body.cart.items.length, 50);
    assert.deepEqual(
      res.body.cart.items.map((i: { product_id: string }) => i.product_id),
      products.slice(0, 50).map((p) => p.id),
    );
    assert.equal(res.body.cart.subtotal, '0.50');
    assert.equal(res.body.adjustments.length, 51);
    assert.ok(res.body.adjustments.every((a: { reason: string; quantity: number }) => a.reason === 'cart limit' && a.quantity === 0));
  });

  it('changes nothing for an empty guest cart', async () => {
    const user = newUser();
    const p = await addProduct(catalog, { price: '1.00' });
    await add(user, p, 2);
    const res = await merge(user, []);
    assert.equal(res.status, 200);
    assert.deepEqual(lines(res.body.cart), [[p.id, 2]]);
    assert.deepEqual(res.body.adjustments, []);
  });

  it('answers 422 to a malformed guest cart and 401 without a token', async () => {
    const user = newUser();
    const many = Array.from({ length: 101 }, () => ({ product_id: randomUUID(), quantity: 1 }));
    for (const body of [
      {},
      { items: 'x' },
      { items: many },
      { items: [{ product_id: 'nope', quantity: 1 }] },
      { items: [{ product_id: randomUUID(), quantity: 0 }] },
    ]) {
      const res = await cart.api('POST', '/cart/merge', body, user.headers);
      assert.equal(res.status, 422, JSON.stringify(body).slice(0, 60));
      assert.equal(res.body.errors[0].field.split('.')[0], 'items');
    }
    assert.equal((await cart.api('POST', '/cart/merge', { items: [] })).status, 401);
  });
});

describe('POST /cart/quote', () => {
  const storedRows = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cart_items`.execute(cart.db)).rows[0]!.n;

  it('prices a guest’s lines without a token and stores nothing', async () => {
    const book = await addProduct(catalog, { name: 'Book', price: '12.34', stock: 3 });
    const pen = await addProduct(catalog, { name: 'Pen', price: '0.10', stock: 50 });
    const retired = await addProduct(catalog, { name: 'Retired Pen', price: '9.00', is_active: false });
    const unknown = randomUUID();
    const rowsBefore = await storedRows();
    const res = await cart.api('POST', '/cart/quote', {
      items: [
        { product_id: book.id, quantity: 2 },
        { product_id: pen.id, quantity: 3 },
        { product_id: retired.id, quantity: 1 },
        { product_id: unknown, quantity: 1 },
        { product_id: book.id, quantity: 1 },
      ],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      items: [
        {
          product_id: book.id,
          sku: book.sku,
          name: 'Book',
          slug: book.slug,
          image_url: null,
          price: '12.34',
          quantity: 3,
          item_total: '37.02',
          stock: 3,
          available: true,
          price_changed: false,
          previous_price: null,
          vendor_id: null,
          vendor_name: null,
          unavailable_reason: null,
        },
        {
          product_id: pen.id,
          sku: pen.sku,
          name: 'Pen',
          slug: pen.slug,
          image_url: null,
          price: '0.10',
          quantity: 3,
          item_total: '0.30',
          stock: 50,
          available: true,
          price_changed: false,
          previous_price: null,
          vendor_id: null,
          vendor_name: null,
          unavailable_reason: null,
        },
        {
          product_id: retired.id,
          sku: retired.sku,
          name: 'Retired Pen',
          slug: null,
          image_url: null,
          price: '9.00',
          quantity: 1,
          item_total: '0.00',
          stock: 0,
          available: false,
          price_changed: false,
          previous_price: null,
          vendor_id: null,
          vendor_name: null,
          unavailable_reason: 'it is no longer sold',
        },
        {
          product_id: unknown,
          sku: null,
          name: 'Product no longer available',
          slug: null,
          image_url: null,
          price: '0.00',
          quantity: 1,
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
      total_items: 6,
      subtotal: '37.32',
    });
    assert.equal(await storedRows(), rowsBefore);
  });

  it('answers an empty quote without asking the catalog, and 422 to lines the cart would refuse', async () => {
    const before = cart.catalogCalls.length;
    const empty = await cart.api('POST', '/cart/quote', { items: [] });
    assert.deepEqual(empty.body, { items: [], total_items: 0, subtotal: '0.00' });
    assert.equal(cart.catalogCalls.length, before);
    const tooMany = await cart.api('POST', '/cart/quote', { items: [{ product_id: randomUUID(), quantity: 100 }] });
    assert.equal(tooMany.status, 422);
    assert.equal(tooMany.body.errors[0].field, 'items.0.quantity');
  });
});
