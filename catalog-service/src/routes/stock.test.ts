import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addProduct, as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_stock');
});

after(async () => {
  await h.close();
});

const stockOf = async (id: string) =>
  (await h.db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;
const movementsOf = async (id: string) =>
  (await h.api('GET', `/products/${id}/stock-movements?page_size=100`, undefined, as.admin)).body.items as {
    delta: number;
    reason: string;
    actor: string;
    stock_after: number;
    order_id: string | null;
  }[];
const brief = (m: { delta: number; reason: string; actor: string; stock_after: number; order_id: string | null }) => [
  m.delta,
  m.reason,
  m.actor,
  m.stock_after,
  m.order_id,
];

describe('POST /products/:id/stock', () => {
  it('adds or takes away stock and records who, how much and why', async () => {
    const p = await addProduct(h.db, { stock: 10 });
    const res = await h.api('POST', `/products/${p.id}/stock`, { delta: -3, reason: ' Damaged in the warehouse ' }, as.admin);
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), [
      'actor',
      'created_at',
      'delta',
      'id',
      'order_id',
      'product_id',
      'reason',
      'stock_after',
    ]);
    assert.deepEqual(brief(res.body), [-3, 'Damaged in the warehouse', 'admin@example.com', 7, null]);
    assert.equal(res.body.product_id, p.id);
    assert.equal(await stockOf(p.id), 7);
    assert.equal((await h.api('POST', `/products/${p.id}/stock`, { delta: 5, reason: 'Delivery' }, as.admin)).body.stock_after, 12);
    assert.equal(await stockOf(p.id), 12);
  });

  it('refuses to go below zero with 409 and records nothing', async () => {
    const p = await addProduct(h.db, { stock: 2 });
    const res = await h.api('POST', `/products/${p.id}/stock`, { delta: -3, reason: 'Stocktake' }, as.admin);
    assert.equal(res.status, 409);
    assert.equal(res.body.detail, 'only 2 in stock: cannot take away 3');
    assert.equal(res.body.stock, 2);
    assert.equal(await stockOf(p.id), 2);
    assert.deepEqual(await movementsOf(p.id), []);
    assert.equal((await h.api('POST', `/products/${p.id}/stock`, { delta: -2, reason: 'Stocktake' }, as.admin)).body.stock_after, 0);
  });

  it('never goes below zero however many adjustments race', async () => {
    const p = await addProduct(h.db, { stock: 5 });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => h.api('POST', `/products/${p.id}/stock`, { delta: -1, reason: 'Race' }, as.admin)),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [...Array(5).fill(201), ...Array(7).fill(409)]);
    assert.equal(await stockOf(p.id), 0);
    const moves = await movementsOf(p.id);
    assert.equal(moves.length, 5);
    assert.deepEqual(moves.map((m) => m.stock_after).sort(), [0, 1, 2, 3, 4]);
  });

  it('checks delta and reason', async () => {
    const p = await addProduct(h.db, { stock: 1 });
    const cases: [unknown, string][] = [
      [{ delta: 0, reason: 'x' }, 'delta'],
      [{ delta: 1.5, reason: 'x' }, 'delta'],
      [{ delta: '3', reason: 'x' }, 'delta'],
      [{ delta: 2_000_000, reason: 'x' }, 'delta'],
      [{ delta: 1_000_000, reason: 'x' }, 'delta'], // 1 + 1,000,000 is above the most a product may hold
      [{ delta: 1 }, 'reason'],
      [{ delta: 1, reason: '   ' }, 'reason'],
      [{ delta: 1, reason: 'x'.repeat(201) }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const res = await h.api('POST', `/products/${p.id}/stock`, body, as.admin);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        [field],
        JSON.stringify(body),
      );
    }
    assert.equal(await stockOf(p.id), 1);
    assert.equal((await h.api('POST', `/products/${randomUUID()}/stock`, { delta: 1, reason: 'x' }, as.admin)).status, 404);
  });
});

describe('movements from other stock changes', () => {
  it('records the initial stock of a new product, and the difference when PATCH sets the stock', async () => {
    const created = await h.api('POST', '/products', { sku: 'MOVE-1', name: 'Moving Box', price: '3.00', stock: 4 }, as.admin);
    const id = created.body.id;
    assert.equal((await h.api('PATCH', `/products/${id}`, { stock: 10 }, as.admin)).status, 200);
    assert.equal((await h.api('PATCH', `/products/${id}`, { stock: 10, name: 'Moving Box L' }, as.admin)).status, 200);
    assert.equal((await h.api('PATCH', `/products/${id}`, { stock: 6 }, as.admin)).status, 200);
    assert.deepEqual((await movementsOf(id)).map(brief), [
      [-4, 'set by admin', 'admin@example.com', 6, null],
      [6, 'set by admin', 'admin@example.com', 10, null],
      [4, 'initial stock', 'admin@example.com', 4, null],
    ]);
  });

  it('records a reservation and its release, by the calling service, with the order id', async () => {
    const p = await addProduct(h.db, { stock: 5 });
    const order = randomUUID();
    const reserved = await h.api(
      'POST',
      '/internal/reservations',
      { order_id: order, items: [{ product_id: p.id, quantity: 2 }] },
      as.service,
    );
    assert.equal(reserved.status, 201);
    // A replay takes nothing and so records nothing.
    assert.equal(
      (await h.api('POST', '/internal/reservations', { order_id: order, items: [{ product_id: p.id, quantity: 2 }] }, as.service)).status,
      200,
    );
    assert.deepEqual((await movementsOf(p.id)).map(brief), [[-2, 'reserved for order', 'order-service', 3, order]]);

    assert.equal((await h.api('POST', `/internal/reservations/${order}/release`, undefined, as.service)).status, 200);
    assert.equal((await h.api('POST', `/internal/reservations/${order}/release`, undefined, as.service)).status, 200);
    assert.deepEqual((await movementsOf(p.id)).map(brief), [
      [2, 'released from order', 'order-service', 5, order],
      [-2, 'reserved for order', 'order-service', 3, order],
    ]);
    assert.equal(await stockOf(p.id), 5);
  });

  it('records nothing for a reservation refused for lack of stock', async () => {
    const a = await addProduct(h.db, { stock: 5 });
    const b = await addProduct(h.db, { stock: 0 });
    const res = await h.api(
      'POST',
      '/internal/reservations',
      {
        order_id: randomUUID(),
        items: [
          { product_id: a.id, quantity: 1 },
          { product_id: b.id, quantity: 1 },
        ],
      },
      as.service,
    );
    assert.equal(res.status, 409);
    assert.deepEqual(await movementsOf(a.id), []);
  });
});

describe('GET /products/:id/stock-movements', () => {
  it('pages the history, newest first', async () => {
    const p = await addProduct(h.db, { stock: 0 });
    for (const delta of [1, 2, 3, 4, 5]) {
      await h.api('POST', `/products/${p.id}/stock`, { delta, reason: `delivery ${delta}` }, as.admin);
    }
    const first = await h.api('GET', `/products/${p.id}/stock-movements?page_size=2`, undefined, as.admin);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.items.map((m: { delta: number }) => m.delta),
      [5, 4],
    );
    assert.deepEqual([first.body.total, first.body.page, first.body.page_size, first.body.has_next], [5, 1, 2, true]);
    const last = await h.api('GET', `/products/${p.id}/stock-movements?page=3&page_size=2`, undefined, as.admin);
    assert.deepEqual(
      last.body.items.map((m: { delta: number; stock_after: number }) => [m.delta, m.stock_after]),
      [[1, 1]],
    );
    assert.equal(last.body.has_next, false);
    assert.equal((await h.api('GET', `/products/${p.id}/stock-movements?page=0`, undefined, as.admin)).status, 422);
    assert.equal((await h.api('GET', `/products/${randomUUID()}/stock-movements`, undefined, as.admin)).status, 404);
  });

  it('stock routes answer 401 without a token and 403 for a user', async () => {
    const p = await addProduct(h.db, { stock: 3 });
    for (const [auth, status] of [
      [{}, 401],
      [as.user, 403],
    ] as const) {
      assert.equal((await h.api('POST', `/products/${p.id}/stock`, { delta: -1, reason: 'x' }, auth)).status, status);
      assert.equal((await h.api('GET', `/products/${p.id}/stock-movements`, undefined, auth)).status, status);
    }
    assert.equal(await stockOf(p.id), 3);
  });
});
