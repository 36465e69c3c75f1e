import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addCategory, addProduct, as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_internal');
});

after(async () => {
  await h.close();
});

describe('POST /internal/products/batch', () => {
  it('returns the products asked for, inactive ones included and unknown ids left out', async () => {
    const cat = await addCategory(h.db, 'Batch');
    const live = await addProduct(h.db, { name: 'Live One', price: '7.50', categoryIds: [cat.id] });
    const retired = await addProduct(h.db, { name: 'Retired One', is_active: false });
    const res = await h.api('POST', '/internal/products/batch', { ids: [retired.id, randomUUID(), live.id, live.id] }, as.service);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((p: { id: string; is_active: boolean }) => [p.id, p.is_active]),
      [
        [retired.id, false],
        [live.id, true],
      ],
    );
    const [, liveItem] = res.body.items;
    assert.equal(liveItem.price, '7.50');
    assert.equal(liveItem.name, 'Live One');
    assert.equal(liveItem.categories, undefined, 'other services get no categories: one query less');
  });

  it('refuses a user or admin token with 403 and no token with 401', async () => {
    const body = { ids: [randomUUID()] };
    assert.equal((await h.api('POST', '/internal/products/batch', body)).status, 401);
    assert.equal((await h.api('POST', '/internal/products/batch', body, as.user)).status, 403);
    assert.equal((await h.api('POST', '/internal/products/batch', body, as.admin)).status, 403);
  });

  it('answers 422 to no ids, more than 100, or one that is not a UUID', async () => {
    const many = Array.from({ length: 101 }, () => randomUUID());
    for (const body of [{}, { ids: [] }, { ids: many }, { ids: ['nope'] }, { ids: 'x' }]) {
      const res = await h.api('POST', '/internal/products/batch', body, as.service);
      assert.equal(res.status, 422, JSON.stringify(body).slice(0, 60));
      assert.equal(res.body.errors[0].field.split('.')[0], 'ids');
    }
    const hundred = await h.api('POST', '/internal/products/batch', { ids: many.slice(0, 100) }, as.service);
    assert.equal(hundred.status, 200);
    assert.deepEqual(hundred.body, { items: [] });
  });
});
