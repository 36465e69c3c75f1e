import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumByProduct } from './cart-input.js';
import { planMerge } from './cart-merge.js';
import { type CatalogProduct, UNAVAILABLE_NAME } from './cart-view.js';

const limits = { maxLines: 3, maxQuantity: 10 };

function product(id: string, fields: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id,
    sku: `SKU-${id}`,
    slug: id,
    name: `Name ${id}`,
    price: '2.00',
    stock: 100,
    is_active: true,
    image_url: null,
    vendor: null,
    unavailable_reason: null,
    ...fields,
  };
}
const byId = (...products: (CatalogProduct | [string, null])[]) =>
  new Map<string, CatalogProduct | null>(products.map((p) => (Array.isArray(p) ? p : [p.id, p])));

describe('sumByProduct', () => {
  it('adds up repeated products and keeps the order of first appearance', () => {
    assert.deepEqual(
      sumByProduct([
        { product_id: 'b', quantity: 1 },
        { product_id: 'a', quantity: 2 },
        { product_id: 'b', quantity: 3 },
      ]),
      [
        { product_id: 'b', quantity: 4 },
        { product_id: 'a', quantity: 2 },
      ],
    );
  });
});

describe('planMerge', () => {
  it('adds onto existing lines and makes new ones, with the current price', () => {
    const plan = planMerge(
      new Map([['a', 2]]),
      [
        { product_id: 'a', quantity: 3 },
        { product_id: 'b', quantity: 1 },
      ],
      byId(product('a', { price: '9.99' }), product('b')),
      limits,
    );
    assert.deepEqual(plan, {
      puts: [
        { product_id: 'a', quantity: 5, price: '9.99' },
        { product_id: 'b', quantity: 1, price: '2.00' },
      ],
      adjustments: [],
    });
  });

  it('caps at the stock and says so', () => {
    const plan = planMerge(new Map([['a', 1]]), [{ product_id: 'a', quantity: 5 }], byId(product('a', { stock: 4 })), limits);
    assert.deepEqual(plan.puts, [{ product_id: 'a', quantity: 4, price: '2.00' }]);
    assert.deepEqual(plan.adjustments, [{ product_id: 'a', name: 'Name a', requested: 6, quantity: 4, reason: 'capped at stock' }]);
  });

  it('caps at the per-line limit as the cart limit', () => {
    const plan = planMerge(new Map(), [{ product_id: 'a', quantity: 12 }], byId(product('a')), limits);
    assert.deepEqual(plan.puts, [{ product_id: 'a', quantity: 10, price: '2.00' }]);
    assert.deepEqual(plan.adjustments, [{ product_id: 'a', name: 'Name a', requested: 12, quantity: 10, reason: 'cart limit' }]);
  });

  it('adds nothing of an out-of-stock product, and never lowers a stored line', () => {
    const plan = planMerge(
      new Map([['b', 5]]),
      [
        { product_id: 'a', quantity: 2 },
        { product_id: 'b', quantity: 1 },
      ],
      byId(product('a', { stock: 0 }), product('b', { stock: 3 })),
      limits,
    );
    assert.deepEqual(plan.puts, []);
    assert.deepEqual(plan.adjustments, [
      { product_id: 'a', name: 'Name a', requested: 2, quantity: 0, reason: 'capped at stock' },
      { product_id: 'b', name: 'Name b', requested: 6, quantity: 5, reason: 'capped at stock' },
    ]);
  });

  it('skips inactive and unknown products', () => {
    const plan = planMerge(
      new Map([['a', 1]]),
      [
        { product_id: 'a', quantity: 1 },
        { product_id: 'x', quantity: 2 },
      ],
      byId(product('a', { is_active: false }), ['x', null]),
      limits,
    );
    assert.deepEqual(plan.puts, []);
    assert.deepEqual(plan.adjustments, [
      { product_id: 'a', name: 'Name a', requested: 2, quantity: 0, reason: 'no longer available' },
      { product_id: 'x', name: UNAVAILABLE_NAME, requested: 2, quantity: 0, reason: 'no longer available' },
    ]);
  });

  it('makes no new line beyond the line limit but still adds to existing ones', () => {
    const plan = planMerge(
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
      [
        { product_id: 'c', quantity: 1 },
        { product_id: 'd', quantity: 1 },
        { product_id: 'a', quantity: 1 },
      ],
      byId(product('a'), product('b'), product('c'), product('d')),
      limits,
    );
    assert.deepEqual(plan.puts, [
      { product_id: 'c', quantity: 1, price: '2.00' },
      { product_id: 'a', quantity: 2, price: '2.00' },
    ]);
    assert.deepEqual(plan.adjustments, [{ product_id: 'd', name: 'Name d', requested: 1, quantity: 0, reason: 'cart limit' }]);
  });
});
