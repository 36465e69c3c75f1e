// A product's rating, as review-service sends it: shown on every product, sorted on, and never
// replaced by an older one that arrives late.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addCategory, addProduct, as, type Harness, jwt, startCatalog } from '../test-support.js';

let h: Harness;
before(async () => {
  h = await startCatalog('catalog_ratings');
});
after(async () => {
  await h.close();
});

const fromReviews = { authorization: `Bearer ${jwt.signService('review-service', 300)}` };
const rate = (id: string, body: object, headers: Record<string, string> = fromReviews) =>
  h.api('PUT', `/internal/product-ratings/${id}`, body, headers);

describe('PUT /internal/product-ratings/:id', () => {
  it('stores the count and the exact average, shown on the product, without touching its updated_at', async () => {
    const product = await addProduct(h.db, { name: 'Rated Lamp' });
    const before = (await h.api('GET', `/products/${product.id}`)).body;
    assert.deepEqual(before.rating, { average: null, count: 0 });
    const res = await rate(product.id, { count: 3, sum: 13, version: 1 });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { product_id: product.id, applied: true, rating: { average: '4.3', count: 3 } });
    const after = (await h.api('GET', `/products/${product.id}`)).body;
    assert.deepEqual(after.rating, { average: '4.3', count: 3 });
    assert.equal(after.updated_at, before.updated_at);
    // Every review hidden or deleted: no average again.
    assert.deepEqual((await rate(product.id, { count: 0, sum: 0, version: 2 })).body.rating, { average: null, count: 0 });
  });

  it('ignores a version it holds or an older one: a late message changes nothing', async () => {
    const product = await addProduct(h.db, { name: 'Late Lamp' });
    await rate(product.id, { count: 2, sum: 10, version: 5 });
    for (const version of [5, 4, 1]) {
      const res = await rate(product.id, { count: 1, sum: 1, version });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { product_id: product.id, applied: false, rating: { average: '5.0', count: 2 } });
    }
    assert.equal((await rate(product.id, { count: 3, sum: 11, version: 6 })).body.rating.average, '3.7');
  });

  it('is review-service’s alone: another service, a user, an admin or nobody is refused', async () => {
    const product = await addProduct(h.db);
    const body = { count: 1, sum: 5, version: 1 };
    assert.equal((await rate(product.id, body, {})).status, 401);
    assert.equal((await rate(product.id, body, as.user)).status, 403);
    assert.equal((await rate(product.id, body, as.admin)).status, 403);
    assert.equal((await rate(product.id, body, as.service)).status, 403, 'order-service may not rate products');
    assert.deepEqual((await h.api('GET', `/products/${product.id}`)).body.rating, { average: null, count: 0 });
  });

  it('answers 404 for an unknown product and 422 for figures no reviews can add up to', async () => {
    assert.equal((await rate(randomUUID(), { count: 1, sum: 5, version: 1 })).status, 404);
    assert.equal((await rate('nope', { count: 1, sum: 5, version: 1 })).status, 404);
    const product = await addProduct(h.db);
    for (const body of [
      { count: 2, sum: 11, version: 1 },
      { count: 2, sum: 1, version: 1 },
      { count: -1, sum: 0, version: 1 },
      { count: 1, sum: 5 },
      { count: 1, sum: 5, version: 0 },
    ]) {
      assert.equal((await rate(product.id, body)).status, 422, JSON.stringify(body));
    }
  });
});

describe('GET /products?sort=rating', () => {
  it('puts the highest average first, then the most reviewed, and products without reviews last, page after page', async () => {
    const category = await addCategory(h.db, 'Rated Things');
    const make = async (name: string, rating?: { count: number; sum: number }) => {
      const p = await addProduct(h.db, { name, categoryIds: [category.id] });
      if (rating) await rate(p.id, { ...rating, version: 1 });
      return name;
    };
    // 4.5 twice (2 and 10 reviews), 5.0 once, 3.0, and two without reviews.
    await make('Few Good', { count: 2, sum: 9 });
    await make('Unrated One');
    await make('Many Good', { count: 10, sum: 45 });
    await make('Perfect', { count: 1, sum: 5 });
    await make('Unrated Two');
    await make('So So', { count: 3, sum: 9 });
    const names = async (query: string) =>
      (await h.api('GET', `/products?category=${category.slug}&sort=rating${query}`)).body.items.map((p: { name: string }) => p.name);
    const all = await names('');
    assert.deepEqual(all.slice(0, 4), ['Perfect', 'Many Good', 'Few Good', 'So So']);
    assert.deepEqual(all.slice(4).sort(), ['Unrated One', 'Unrated Two']);
    assert.deepEqual([...(await names('&page_size=4')), ...(await names('&page_size=4&page=2'))], all);
    const first = (await h.api('GET', `/products?category=${category.slug}&sort=rating&page_size=1`)).body.items[0];
    assert.deepEqual(first.rating, { average: '5.0', count: 1 });
  });
});
