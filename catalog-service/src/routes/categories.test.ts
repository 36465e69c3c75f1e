import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCategory, addProduct, as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_categories');
});

after(async () => {
  await h.close();
});

describe('GET /categories', () => {
  it('lists every category by sort_order then name, counting active products filed directly under it', async () => {
    const home = await addCategory(h.db, 'Home', { sortOrder: 2 });
    const books = await addCategory(h.db, 'Books', { sortOrder: 1 });
    const kitchen = await addCategory(h.db, 'Kitchen', { parentId: home.id, sortOrder: 1 });
    const bath = await addCategory(h.db, 'Bath', { parentId: home.id, sortOrder: 1 });
    await addProduct(h.db, { categoryIds: [kitchen.id] });
    await addProduct(h.db, { categoryIds: [kitchen.id, home.id] });
    await addProduct(h.db, { categoryIds: [kitchen.id], is_active: false });
    await addProduct(h.db, { categoryIds: [books.id], is_active: false });

    const res = await h.api('GET', '/categories');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, [
      { id: bath.id, name: 'Bath', slug: 'bath', parent_id: home.id, sort_order: 1, product_count: 0 },
      { id: books.id, name: 'Books', slug: 'books', parent_id: null, sort_order: 1, product_count: 0 },
      { id: kitchen.id, name: 'Kitchen', slug: 'kitchen', parent_id: home.id, sort_order: 1, product_count: 2 },
      { id: home.id, name: 'Home', slug: 'home', parent_id: null, sort_order: 2, product_count: 1 },
    ]);
  });
});

describe('GET /stats', () => {
  it('counts products by state for the admin dashboard', async () => {
    const before = (await h.api('GET', '/stats', undefined, as.admin)).body;
    await addProduct(h.db, { stock: 0 });
    await addProduct(h.db, { stock: 1 });
    await addProduct(h.db, { stock: 4 });
    await addProduct(h.db, { stock: 5 });
    await addProduct(h.db, { stock: 0, is_active: false });
    await addProduct(h.db, { stock: 2, is_active: false });
    await addCategory(h.db, 'Garden');

    const res = await h.api('GET', '/stats', undefined, as.admin);
    assert.equal(res.status, 200);
    const { low_stock_products, ...counts } = res.body;
    assert.deepEqual(
      low_stock_products.map((p: { stock: number }) => p.stock),
      [0, 1, 4],
    );
    assert.deepEqual(counts, {
      products: before.products + 6,
      active: before.active + 4,
      inactive: before.inactive + 2,
      out_of_stock: before.out_of_stock + 1,
      low_stock: before.low_stock + 2,
      categories: before.categories + 1,
    });
  });

  it('starts from the figures of the fixtures above', async () => {
    const { low_stock_products: _, ...counts } = (await h.api('GET', '/stats', undefined, as.admin)).body;
    // 4 products from the categories test (2 of them inactive) and 6 from the stats test.
    assert.deepEqual(counts, { products: 10, active: 6, inactive: 4, out_of_stock: 1, low_stock: 2, categories: 5 });
  });

  it('answers 401 without a token and 403 for a user', async () => {
    assert.equal((await h.api('GET', '/stats')).status, 401);
    assert.equal((await h.api('GET', '/stats', undefined, as.user)).status, 403);
  });
});

describe('health', () => {
  it('answers /health and /ready, and an unknown route with a JSON 404', async () => {
    assert.deepEqual((await h.api('GET', '/health')).body, { status: 'ok', service: 'catalog-service' });
    assert.equal((await h.api('GET', '/ready')).status, 200);
    const res = await h.api('GET', '/nope');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { detail: 'not found' });
  });
});
