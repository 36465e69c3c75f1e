import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addCategory, addProduct, as, daysAgo, type Harness, startCatalog } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_admin_products');
});

after(async () => {
  await h.close();
});

const bulk = (body: unknown) => h.api('POST', '/products/bulk', body, as.admin);
const activeOf = async (ids: string[]) =>
  (await h.db.selectFrom('products').select(['id', 'is_active']).where('id', 'in', ids).execute())
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((r) => r.is_active);
const categoryIdsOf = async (id: string) =>
  (await h.db.selectFrom('product_categories').select('category_id').where('product_id', '=', id).execute())
    .map((r) => r.category_id)
    .sort();

describe('POST /products/bulk', () => {
  it('deactivates products, which then leave the storefront, and activates them again', async () => {
    const a = await addProduct(h.db, { name: 'Bulk Kettle' });
    const b = await addProduct(h.db, { name: 'Bulk Toaster' });
    const c = await addProduct(h.db, { name: 'Bulk Fridge' });
    const off = await bulk({ ids: [a.id, b.id, a.id], action: 'deactivate' });
    assert.equal(off.status, 200);
    assert.deepEqual(off.body, { updated: 2 });
    assert.deepEqual(await activeOf([a.id, b.id, c.id]), [false, false, true]);
    assert.equal((await h.api('GET', `/products/${a.id}`)).status, 404);
    const listed = (await h.api('GET', '/products?q=bulk')).body.items.map((p: { id: string }) => p.id);
    assert.deepEqual(listed, [c.id]);

    assert.deepEqual((await bulk({ ids: [a.id, c.id], action: 'activate' })).body, { updated: 1 }, 'c was active already');
    assert.deepEqual(await activeOf([a.id, b.id, c.id]), [true, false, true]);
    assert.deepEqual((await bulk({ ids: [a.id], action: 'activate' })).body, { updated: 0 });
  });

  it('sets one category in place of all of the products’ categories', async () => {
    const old1 = await addCategory(h.db, 'Bulk Old One');
    const old2 = await addCategory(h.db, 'Bulk Old Two');
    const target = await addCategory(h.db, 'Bulk Target');
    const a = await addProduct(h.db, { categoryIds: [old1.id, old2.id] });
    const b = await addProduct(h.db, { categoryIds: [target.id] });
    const c = await addProduct(h.db);
    const untouched = await addProduct(h.db, { categoryIds: [old1.id] });
    const res = await bulk({ ids: [a.id, b.id, c.id], action: 'set_category', category_id: target.id });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { updated: 2 }, 'b was in just that category already');
    for (const p of [a, b, c]) assert.deepEqual(await categoryIdsOf(p.id), [target.id]);
    assert.deepEqual(await categoryIdsOf(untouched.id), [old1.id]);
  });

  it('refuses an unknown product or category, a missing category, a bad action and too many ids, changing nothing', async () => {
    const a = await addProduct(h.db);
    const cases: [unknown, string][] = [
      [{ ids: [a.id, randomUUID()], action: 'deactivate' }, 'ids'],
      [{ ids: [a.id], action: 'set_category', category_id: randomUUID() }, 'category_id'],
      [{ ids: [a.id], action: 'set_category' }, 'category_id'],
      [{ ids: [a.id], action: 'delete' }, 'action'],
      [{ ids: [], action: 'activate' }, 'ids'],
      [{ ids: ['nope'], action: 'activate' }, 'ids.0'],
      [{ ids: Array.from({ length: 501 }, () => randomUUID()), action: 'activate' }, 'ids'],
    ];
    for (const [body, field] of cases) {
      const res = await bulk(body);
      assert.equal(res.status, 422, JSON.stringify(body).slice(0, 120));
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        [field],
        JSON.stringify(body).slice(0, 120),
      );
    }
    assert.deepEqual(await activeOf([a.id]), [true]);
    // 500 ids pass the shape check; then each must exist.
    const fiveHundred: string[] = [...Array.from({ length: 499 }, () => randomUUID()), a.id];
    const res = await bulk({ ids: fiveHundred, action: 'deactivate' });
    assert.equal(res.status, 422);
    assert.match(res.body.errors[0].message, /^no such product: /);
    assert.deepEqual(await activeOf([a.id]), [true]);
  });
});

describe('GET /products/:idOrSlug/related', () => {
  it('lists other active products sharing a category: in stock first, then newest', async () => {
    const lamps = await addCategory(h.db, 'Rel Lamps');
    const desks = await addCategory(h.db, 'Rel Desks');
    const other = await addCategory(h.db, 'Rel Other');
    const self = await addProduct(h.db, { name: 'Rel Lamp', categoryIds: [lamps.id, desks.id] });
    const olderInStock = await addProduct(h.db, { name: 'Rel Old', stock: 3, created_at: daysAgo(9), categoryIds: [lamps.id] });
    const newestSoldOut = await addProduct(h.db, { name: 'Rel Sold Out', stock: 0, created_at: daysAgo(1), categoryIds: [lamps.id] });
    const newerInStock = await addProduct(h.db, { name: 'Rel New', stock: 1, created_at: daysAgo(2), categoryIds: [desks.id, lamps.id] });
    await addProduct(h.db, { name: 'Rel Hidden', is_active: false, categoryIds: [lamps.id] });
    await addProduct(h.db, { name: 'Rel Elsewhere', categoryIds: [other.id] });

    const res = await h.api('GET', `/products/${self.slug}/related`);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((p: { name: string }) => p.name),
      ['Rel New', 'Rel Old', 'Rel Sold Out'],
    );
    assert.deepEqual(Object.keys(res.body.items[0]).sort(), [
      'categories',
      'created_at',
      'description',
      'id',
      'image_url',
      'is_active',
      'is_featured',
      'name',
      'price',
      'rating',
      'sku',
      'slug',
      'stock',
      'tags',
      'updated_at',
      'vendor',
    ]);
    const two = await h.api('GET', `/products/${self.id}/related?limit=2`);
    assert.deepEqual(
      two.body.items.map((p: { id: string }) => p.id),
      [newerInStock.id, olderInStock.id],
    );
    const fromSoldOut = await h.api('GET', `/products/${newestSoldOut.id}/related`);
    assert.deepEqual(
      fromSoldOut.body.items.map((p: { name: string }) => p.name),
      ['Rel Lamp', 'Rel New', 'Rel Old'],
    );
  });

  it('answers an empty list for a product with no category, 404 for an unknown or inactive one, 422 for a bad limit', async () => {
    const alone = await addProduct(h.db);
    assert.deepEqual((await h.api('GET', `/products/${alone.id}/related`)).body, { items: [] });
    assert.equal((await h.api('GET', `/products/${randomUUID()}/related`)).status, 404);
    assert.equal((await h.api('GET', '/products/no-such-thing/related')).status, 404);
    const hidden = await addProduct(h.db, { is_active: false });
    assert.equal((await h.api('GET', `/products/${hidden.id}/related`)).status, 404);
    assert.equal((await h.api('GET', `/products/${hidden.id}/related`, undefined, as.admin)).status, 200);
    for (const limit of ['0', '13', 'x', '2.5']) {
      assert.equal((await h.api('GET', `/products/${alone.id}/related?limit=${limit}`)).status, 422, limit);
    }
  });
});

describe('GET /stats: low stock', () => {
  it('lists the 8 active products with the least stock under 5', async () => {
    // Set everything else well stocked, so only this test's products are low.
    await h.db.updateTable('products').set({ stock: 100 }).execute();
    const made = [];
    for (const [name, stock] of [
      ['Low E', 4],
      ['Low A', 0],
      ['Low B', 1],
      ['Low C', 1],
      ['Low D', 3],
      ['Low F', 2],
      ['Low G', 4],
      ['Low H', 0],
      ['Low I', 4],
    ] as const) {
      made.push(await addProduct(h.db, { name, stock }));
    }
    await addProduct(h.db, { name: 'Low Hidden', stock: 0, is_active: false });
    await addProduct(h.db, { name: 'Low Enough', stock: 5 });
    const res = await h.api('GET', '/stats', undefined, as.admin);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.low_stock_products.map((p: { name: string; stock: number }) => [p.name, p.stock]),
      [
        ['Low A', 0],
        ['Low H', 0],
        ['Low B', 1],
        ['Low C', 1],
        ['Low F', 2],
        ['Low D', 3],
        ['Low E', 4],
        ['Low G', 4],
      ],
    );
    const first = made[1]!;
    assert.deepEqual(res.body.low_stock_products[0], { id: first.id, name: 'Low A', sku: first.sku, stock: 0 });
  });
});

describe('every admin route', () => {
  it('answers 401 without a token and 403 for a user', async () => {
    const p = await addProduct(h.db);
    const c = await addCategory(h.db, 'Guarded Category');
    const image = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['POST', '/categories', { name: 'x' }],
      ['PATCH', `/categories/${c.id}`, { name: 'x' }],
      ['DELETE', `/categories/${c.id}`],
      ['GET', `/products/${p.id}/images`],
      ['POST', `/products/${p.id}/images`, {}],
      ['PUT', `/products/${p.id}/images/order`, { ids: [] }],
      ['POST', `/products/${p.id}/images/${image}/main`],
      ['DELETE', `/products/${p.id}/images/${image}`],
      ['POST', `/products/${p.id}/stock`, { delta: 1, reason: 'x' }],
      ['GET', `/products/${p.id}/stock-movements`],
      ['GET', '/products/export.csv'],
      ['POST', '/products/import', {}],
      ['POST', '/products/bulk', { ids: [p.id], action: 'deactivate' }],
      ['GET', '/stats'],
    ];
    for (const [method, path, body] of routes) {
      assert.equal((await h.api(method, path, body)).status, 401, `${method} ${path} without a token`);
      assert.equal((await h.api(method, path, body, as.user)).status, 403, `${method} ${path} as a user`);
    }
    assert.deepEqual(await activeOf([p.id]), [true]);
  });
});
