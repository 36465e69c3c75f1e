import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@dm/common/testing';
import { DEMO_VENDORS } from '@dm/contracts/demo-vendors';
import { type Harness, startCatalog } from '../test-support.js';
import { seedDemoCatalog } from './demo-catalog.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_seed');
});

after(async () => {
  await h.close();
});

describe('seedDemoCatalog', () => {
  it('seeds once even when two processes start together', async () => {
    const counts = await Promise.all([seedDemoCatalog(h.db, silentLogger), seedDemoCatalog(h.db, silentLogger)]);
    const created = Math.max(...counts);
    assert.ok(created >= 70, `${created} products`);
    assert.deepEqual(
      [...counts].sort((a, b) => a - b),
      [0, created],
    );
    const { n } = await h.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(n, created);
  });

  it('opens three shops that sell some of the products; the rest stay the house’s own', async () => {
    const shops = await h.db
      .selectFrom('products')
      .leftJoin('vendors', 'vendors.id', 'products.vendor_id')
      .select(['vendors.name as shop', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('vendors.name')
      .execute();
    const byShop = new Map(shops.map((r) => [r.shop, r.n]));
    for (const { shop } of DEMO_VENDORS) assert.ok((byShop.get(shop) ?? 0) >= 4, `${shop} sells ${byShop.get(shop)}`);
    assert.ok((byShop.get(null) ?? 0) >= 40, 'most products are the house’s own');
  });

  it('creates nothing on a later run', async () => {
    const before = await h.db.selectFrom('products').select('id').execute();
    assert.equal(await seedDemoCatalog(h.db, silentLogger), 0);
    const afterRows = await h.db.selectFrom('products').select('id').execute();
    assert.equal(afterRows.length, before.length);
    const categories = await h.db.selectFrom('categories').select('id').execute();
    assert.ok(categories.length >= 21);
  });

  it('builds at least 7 departments of 2 or 3 categories, every product filed in one of them', async () => {
    const all = await h.db.selectFrom('categories').selectAll().execute();
    const top = all.filter((c) => c.parent_id === null);
    assert.ok(top.length >= 7, `${top.length} departments`);
    for (const department of top) {
      const children = all.filter((c) => c.parent_id === department.id);
      assert.ok(children.length >= 2 && children.length <= 3, `${department.name}: ${children.length}`);
    }
    const childIds = new Set(all.filter((c) => c.parent_id !== null).map((c) => c.id));
    const links = await h.db.selectFrom('product_categories').selectAll().execute();
    const products = await h.db.selectFrom('products').select('id').execute();
    assert.equal(links.length, products.length);
    for (const link of links) assert.ok(childIds.has(link.category_id));
  });

  it('makes a believable shop: varied prices, stock, tags, featured items and dates', async () => {
    const products = await h.db.selectFrom('products').selectAll().execute();
    const cents = products.map((p) => Math.round(Number(p.price) * 100));
    assert.equal(Math.min(...cents), 499);
    assert.equal(Math.max(...cents), 129900);
    assert.ok(products.some((p) => p.stock === 0));
    assert.ok(products.some((p) => p.stock >= 1 && p.stock <= 4));
    assert.ok(products.filter((p) => p.stock >= 5 && p.stock <= 200).length > products.length * 0.75);
    const featured = products.filter((p) => p.is_featured).length;
    assert.ok(featured >= 8 && featured <= 14, `${featured} featured`);
    for (const p of products) {
      assert.ok(p.tags.length >= 2 && p.tags.length <= 4, p.name);
      assert.match(p.sku, /^[A-Z]{4}-[A-Z]{3}-\d{3}$/);
      assert.ok(p.description.split('. ').length >= 2, p.name);
    }
    const times = products.map((p) => p.created_at.getTime());
    const spanDays = (Math.max(...times) - Math.min(...times)) / 86_400_000;
    assert.ok(spanDays > 40 && spanDays <= 61, `${spanDays} days`);
    assert.ok(Math.min(...times) >= Date.now() - 61 * 86_400_000);
  });

  it('gives every product one generated SVG image, served at its image_url', async () => {
    const products = await h.db.selectFrom('products').select(['id', 'name', 'image_url']).execute();
    const images = await h.db.selectFrom('product_images').selectAll().execute();
    assert.equal(images.length, products.length);
    const byProduct = new Map(images.map((i) => [i.product_id, i]));
    for (const product of products) {
      const image = byProduct.get(product.id);
      assert.ok(image, product.name);
      assert.equal(product.image_url, `/images/${image.id}`);
      assert.equal(image.content_type, 'image/svg+xml');
      assert.equal(image.alt, product.name);
      assert.equal(image.byte_size, image.data.byteLength);
      assert.ok(image.byte_size < 6 * 1024);
      assert.equal(image.sha256, createHash('sha256').update(image.data).digest('hex'));
      assert.doesNotMatch(image.data.toString('utf8'), /<text/);
    }
    const sample = products[0]!;
    const res = await fetch(`${h.url}${sample.image_url}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
  });

  it('is browsable through the API: a department lists the products of its categories', async () => {
    const categories = (await h.api('GET', '/categories')).body as { slug: string; parent_id: string | null; product_count: number }[];
    const electronics = categories.find((c) => c.slug === 'electronics');
    assert.ok(electronics);
    const list = await h.api('GET', '/products?category=electronics&page_size=100');
    assert.equal(list.status, 200);
    const childCount = categories.filter(
      (c) =>
        c.parent_id !== null &&
        list.body.items.some((p: { categories: { slug: string }[] }) => p.categories.some((pc) => pc.slug === c.slug)),
    );
    assert.ok(list.body.total >= 10);
    assert.equal(childCount.length, 3);
    const detail = await h.api('GET', `/products/${list.body.items[0].slug}`);
    assert.equal(detail.body.images.length, 1);
    assert.equal(detail.body.images[0].url, detail.body.image_url);
  });
});
