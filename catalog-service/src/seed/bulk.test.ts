import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@dm/common/testing';
import { sql } from 'kysely';
import { type Harness, startCatalog } from '../test-support.js';
import { seedBulkProducts } from './bulk.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_bulk_seed');
});

after(async () => {
  await h.close();
});

describe('seedBulkProducts', () => {
  let firstRun: Awaited<ReturnType<typeof seedBulkProducts>>;

  before(async () => {
    firstRun = await seedBulkProducts(h.db, { products: 600, batchSize: 250, logger: silentLogger });
  });

  it('seeds the demo shop first into an empty catalog, then adds the products asked for', async () => {
    assert.equal(firstRun.created, 600);
    const { bulk, all } = await h.db
      .selectFrom('products')
      .select([sql<number>`count(*) filter (where sku ~ '-B[0-9]+$')`.as('bulk'), sql<number>`count(*)`.as('all')])
      .executeTakeFirstOrThrow();
    assert.equal(bulk, 600);
    assert.ok(all > 600, `${all} products`);
    assert.equal(firstRun.total, all);
  });

  it('files every product in one of the demo categories, spread over them', async () => {
    const rows = await h.db
      .selectFrom('products as p')
      .leftJoin('product_categories as pc', 'pc.product_id', 'p.id')
      .leftJoin('categories as c', 'c.id', 'pc.category_id')
      .select(['p.id', 'c.slug', 'c.parent_id'])
      .where('p.sku', '~', '-B[0-9]+$')
      .execute();
    assert.equal(rows.length, 600, 'one category each');
    assert.ok(
      rows.every((r) => r.slug !== null && r.parent_id !== null),
      'a category under a department',
    );
    assert.ok(new Set(rows.map((r) => r.slug)).size >= 15);
  });

  it('shares the demo pictures instead of making image rows', async () => {
    const images = await h.db.selectFrom('product_images').select('id').execute();
    const known = new Set(images.map((i) => `/images/${i.id}`));
    const urls = await h.db.selectFrom('products').select('image_url').where('sku', '~', '-B[0-9]+$').execute();
    assert.ok(images.length < 100, `${images.length} image rows`);
    assert.ok(urls.every((u) => u.image_url !== null && known.has(u.image_url)));
  });

  it('varies prices, stock, tags, dates, and keeps a few inactive or featured', async () => {
    const stats = await h.db
      .selectFrom('products')
      .select([
        sql<number>`count(distinct price)`.as('prices'),
        sql<number>`count(*) filter (where stock = 0)`.as('sold_out'),
        sql<number>`count(*) filter (where not is_active)`.as('inactive'),
        sql<number>`count(*) filter (where is_featured)`.as('featured'),
        sql<number>`count(distinct tags)`.as('tag_sets'),
        sql<number>`extract(day from max(created_at) - min(created_at))`.as('days'),
        sql<number>`count(distinct name)`.as('names'),
      ])
      .where('sku', '~', '-B[0-9]+$')
      .executeTakeFirstOrThrow();
    assert.ok(stats.prices > 200, `${stats.prices} prices`);
    assert.ok(stats.sold_out > 10 && stats.sold_out < 120, `${stats.sold_out} sold out`);
    assert.ok(stats.inactive > 0 && stats.inactive < 60, `${stats.inactive} inactive`);
    assert.ok(stats.featured > 0 && stats.featured < 30, `${stats.featured} featured`);
    assert.ok(stats.tag_sets > 50, `${stats.tag_sets} tag sets`);
    assert.ok(Number(stats.days) > 300, `${stats.days} days`);
    assert.ok(stats.names > 400, `${stats.names} names`);
  });

  it('makes products the search finds', async () => {
    const res = await h.api('GET', '/products?q=headphones&page_size=5');
    assert.equal(res.status, 200);
    assert.ok(res.body.total > 5);
    assert.ok(res.body.items.every((p: { name: string; tags: string[] }) => /headphone/i.test(`${p.name} ${p.tags.join(' ')}`)));
  });

  it('numbers a later run after the earlier one', async () => {
    const second = await seedBulkProducts(h.db, { products: 10, logger: silentLogger });
    assert.equal(second.created, 10);
    assert.equal(second.total, firstRun.total + 10);
    const { last } = await h.db
      .selectFrom('products')
      .select(sql<number>`max(substring(sku from '-B([0-9]+)$')::int)`.as('last'))
      .executeTakeFirstOrThrow();
    assert.equal(last, 610);
  });
});
