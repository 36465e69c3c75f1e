import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addCategory, addImage, addProduct, as, daysAgo, type Harness, startCatalog } from '../test-support.js';

let h: Harness;
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((p) => p.id);

before(async () => {
  h = await startCatalog('catalog_products');
});

after(async () => {
  await h.close();
});

describe('GET /products: filters and sorting', () => {
  // A small shop of its own, reached through its category, so other tests' products never show up.
  let shop: { id: string; slug: string };
  let audio: { id: string; slug: string };
  let headphones: { id: string; slug: string };
  const p: Record<string, { id: string; slug: string; name: string; sku: string }> = {};

  before(async () => {
    shop = await addCategory(h.db, 'Shop');
    audio = await addCategory(h.db, 'Shop Audio', { parentId: shop.id });
    headphones = await addCategory(h.db, 'Shop Headphones', { parentId: audio.id });
    const other = await addCategory(h.db, 'Elsewhere');
    p.alpha = await addProduct(h.db, {
      name: 'Alpha Headphones',
      sku: 'LST-001',
      price: '10.00',
      stock: 5,
      is_featured: true,
      created_at: daysAgo(5),
      categoryIds: [headphones.id],
    });
    p.bravo = await addProduct(h.db, {
      name: 'Bravo Speaker',
      sku: 'LST-002',
      price: '25.50',
      stock: 0,
      created_at: daysAgo(4),
      categoryIds: [audio.id],
    });
    p.charlie = await addProduct(h.db, {
      name: 'Charlie Cable',
      sku: 'LST-003',
      price: '5.00',
      stock: 12,
      created_at: daysAgo(3),
      categoryIds: [shop.id],
    });
    p.delta = await addProduct(h.db, {
      name: 'Delta Dock',
      sku: 'SPECIAL-XYZ',
      price: '99.99',
      stock: 1,
      is_featured: true,
      created_at: daysAgo(2),
      categoryIds: [shop.id, audio.id],
    });
    p.echo = await addProduct(h.db, {
      name: 'Echo Retired',
      sku: 'LST-005',
      price: '15.00',
      is_active: false,
      created_at: daysAgo(1),
      categoryIds: [shop.id],
    });
    p.foxtrot = await addProduct(h.db, { name: 'Foxtrot Headphones', sku: 'LST-006', price: '50.00', categoryIds: [other.id] });
  });

  it('lists a category with every product of its descendants, newest first', async () => {
    const res = await h.api('GET', '/products?category=shop');
    assert.equal(res.status, 200);
    assert.deepEqual(ids(res), [p.delta!.id, p.charlie!.id, p.bravo!.id, p.alpha!.id]);
    assert.equal(res.body.total, 4);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.page_size, 20);
    assert.equal(res.body.has_next, false);
  });

  it('takes a category id as well as a slug, and a child category holds only its own subtree', async () => {
    const res = await h.api('GET', `/products?category=${audio.id}`);
    assert.deepEqual(ids(res), [p.delta!.id, p.bravo!.id, p.alpha!.id]);
    const leaf = await h.api('GET', `/products?category=${headphones.slug}`);
    assert.deepEqual(ids(leaf), [p.alpha!.id]);
  });

  it('answers an unknown category with an empty list', async () => {
    for (const category of ['no-such-category', randomUUID()]) {
      const res = await h.api('GET', `/products?category=${category}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { items: [], total: 0, page: 1, page_size: 20, has_next: false, total_is_lower_bound: false });
    }
  });

  it('shows each product in the public shape, with its categories', async () => {
    const res = await h.api('GET', `/products?category=${headphones.slug}`);
    const [alpha] = res.body.items;
    assert.deepEqual(Object.keys(alpha).sort(), [
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
    assert.equal(alpha.price, '10.00');
    assert.equal(alpha.vendor, null, 'a product without a vendor is the house’s own');
    assert.deepEqual(alpha.categories, [{ id: headphones.id, name: 'Shop Headphones', slug: 'shop-headphones' }]);
    assert.equal(new Date(alpha.created_at).toISOString(), alpha.created_at);
    const delta = (await h.api('GET', '/products?category=shop&q=delta')).body.items[0];
    assert.deepEqual(delta.categories.map((c: { id: string }) => c.id).sort(), [shop.id, audio.id].sort());
  });

  it('searches name and sku, case-insensitively, with the text trimmed', async () => {
    assert.deepEqual(ids(await h.api('GET', '/products?q=HEADPH')), [p.foxtrot!.id, p.alpha!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&q=%20%20headphones%20')), [p.alpha!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?q=special-x')), [p.delta!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?q=lst-00&category=shop')), [p.charlie!.id, p.bravo!.id, p.alpha!.id]);
  });

  it('matches % and _ literally', async () => {
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&q=%25')), []);
    // "_" is no wildcard in the SKU: LST_00 finds what its words find when no product holds both
    // (any of them, as a search engine drops words), not the SKUs LST-001…
    const words = ids(await h.api('GET', '/products?category=shop&q=lst%2000'));
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&q=LST_00')), words);
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&q=ST_00')), []);
  });

  it('refuses a search over 100 characters', async () => {
    const res = await h.api('GET', `/products?q=${'x'.repeat(101)}`);
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'q');
  });

  it('filters by an inclusive price range', async () => {
    const res = await h.api('GET', '/products?category=shop&min_price=10&max_price=25.50&sort=price_asc');
    assert.deepEqual(ids(res), [p.alpha!.id, p.bravo!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&min_price=26')), [p.delta!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&max_price=5')), [p.charlie!.id]);
  });

  it('answers 422 to a malformed price or a range upside down', async () => {
    for (const query of ['min_price=abc', 'max_price=1.999', 'min_price=-1']) {
      const res = await h.api('GET', `/products?${query}`);
      assert.equal(res.status, 422, query);
    }
    const res = await h.api('GET', '/products?min_price=30&max_price=10');
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.body.errors.map((e: { field: string }) => e.field),
      ['max_price'],
    );
  });

  it('filters on stock and on featured', async () => {
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&in_stock=true')), [p.delta!.id, p.charlie!.id, p.alpha!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&in_stock=false')), [p.bravo!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&featured=true')), [p.delta!.id, p.alpha!.id]);
    assert.deepEqual(ids(await h.api('GET', '/products?category=shop&featured=false')), [p.charlie!.id, p.bravo!.id]);
    assert.equal((await h.api('GET', '/products?in_stock=yes')).status, 422);
  });

  it('treats empty form fields as no filter', async () => {
    const res = await h.api('GET', '/products?category=shop&q=&min_price=&max_price=&in_stock=&sort=&page=&page_size=');
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 4);
  });

  it('sorts by each order', async () => {
    const order = async (sort: string) => ids(await h.api('GET', `/products?category=shop&sort=${sort}`));
    assert.deepEqual(await order('newest'), [p.delta!.id, p.charlie!.id, p.bravo!.id, p.alpha!.id]);
    assert.deepEqual(await order('price_asc'), [p.charlie!.id, p.alpha!.id, p.bravo!.id, p.delta!.id]);
    assert.deepEqual(await order('price_desc'), [p.delta!.id, p.bravo!.id, p.alpha!.id, p.charlie!.id]);
    assert.deepEqual(await order('name'), [p.alpha!.id, p.bravo!.id, p.charlie!.id, p.delta!.id]);
  });

  it('answers 422 to an unknown sort and to bad paging', async () => {
    for (const query of ['sort=cheapest', 'page=0', 'page=x', 'page_size=0', 'page_size=101', 'status=deleted']) {
      const res = await h.api('GET', `/products?${query}`);
      assert.equal(res.status, 422, query);
      assert.ok(res.body.errors.length > 0);
    }
  });

  it('pages with a total and has_next, and past the end gives an empty page with the true total', async () => {
    const first = await h.api('GET', '/products?category=shop&page_size=3');
    assert.deepEqual(ids(first), [p.delta!.id, p.charlie!.id, p.bravo!.id]);
    assert.equal(first.body.total, 4);
    assert.equal(first.body.has_next, true);
    const second = await h.api('GET', '/products?category=shop&page_size=3&page=2');
    assert.deepEqual(ids(second), [p.alpha!.id]);
    assert.equal(second.body.has_next, false);
    const beyond = await h.api('GET', '/products?category=shop&page_size=3&page=9');
    assert.deepEqual(beyond.body, { items: [], total: 4, page: 9, page_size: 3, has_next: false, total_is_lower_bound: false });
  });

  it('shows inactive products only to an admin who asks for them', async () => {
    const inactive = await h.api('GET', '/products?category=shop&status=inactive', undefined, as.admin);
    assert.equal(inactive.status, 200);
    assert.deepEqual(ids(inactive), [p.echo!.id]);
    const all = await h.api('GET', '/products?category=shop&status=all', undefined, as.admin);
    assert.deepEqual(ids(all), [p.echo!.id, p.delta!.id, p.charlie!.id, p.bravo!.id, p.alpha!.id]);
    const adminDefault = await h.api('GET', '/products?category=shop', undefined, as.admin);
    assert.equal(adminDefault.body.total, 4);
  });

  it('answers status=all with 401 without a token and 403 for a user', async () => {
    assert.equal((await h.api('GET', '/products?status=all')).status, 401);
    assert.equal((await h.api('GET', '/products?status=inactive', undefined, as.user)).status, 403);
    assert.equal((await h.api('GET', '/products?status=active', undefined, as.user)).status, 200);
  });
});

describe('GET /products: pagination over ties', () => {
  it('shows every product exactly once across pages, in every order', async () => {
    // Enough equal rows that PostgreSQL's bounded (top-N) sort orders them differently per page
    // unless the id breaks the tie.
    const ties = await addCategory(h.db, 'Ties');
    const createdAt = daysAgo(10);
    const made = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const product = await addProduct(h.db, { name: 'Same Name', price: '9.99', created_at: createdAt, categoryIds: [ties.id] });
      made.add(product.id);
    }
    for (const sort of ['newest', 'price_asc', 'price_desc', 'name', 'rating']) {
      const seen: string[] = [];
      for (let page = 1; page <= 6; page++) {
        const res = await h.api('GET', `/products?category=ties&sort=${sort}&page_size=7&page=${page}`);
        assert.equal(res.body.total, 40);
        assert.equal(res.body.has_next, page < 6);
        seen.push(...ids(res));
      }
      assert.equal(seen.length, 40, sort);
      assert.deepEqual(new Set(seen), made, sort);
    }
  });
});

describe('GET /products/:idOrSlug', () => {
  it('finds a product by id and by slug, with its images in order', async () => {
    const cat = await addCategory(h.db, 'Detail Category');
    const product = await addProduct(h.db, { name: 'Detail Lamp', categoryIds: [cat.id] });
    const second = await addImage(h.db, product.id, { position: 1, alt: 'side' });
    const first = await addImage(h.db, product.id, { position: 0, alt: 'front' });
    for (const key of [product.id, product.slug, product.slug.toUpperCase()]) {
      const res = await h.api('GET', `/products/${key}`);
      assert.equal(res.status, 200, key);
      assert.equal(res.body.id, product.id);
      assert.deepEqual(res.body.categories, [{ id: cat.id, name: 'Detail Category', slug: 'detail-category' }]);
      assert.deepEqual(res.body.images, [
        { id: first.id, url: `/images/${first.id}`, alt: 'front', width: 8, height: 8 },
        { id: second.id, url: `/images/${second.id}`, alt: 'side', width: 8, height: 8 },
      ]);
    }
  });

  it('answers 404 for an unknown id or slug', async () => {
    for (const key of [randomUUID(), 'no-such-product']) {
      const res = await h.api('GET', `/products/${key}`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { detail: 'product not found' });
    }
  });

  it('answers 400, never 500, to a NUL character in a slug, a search or a filter', async () => {
    for (const path of ['/products/a%00b', '/products?q=%00', '/products?category=%00']) {
      const res = await h.api('GET', path);
      assert.equal(res.status, 400, path);
      assert.match(res.body.detail, /not allowed/);
    }
  });

  it('hides an inactive product from everyone but an admin', async () => {
    const product = await addProduct(h.db, { name: 'Hidden Kettle', is_active: false });
    assert.equal((await h.api('GET', `/products/${product.id}`)).status, 404);
    assert.equal((await h.api('GET', `/products/${product.slug}`, undefined, as.user)).status, 404);
    const admin = await h.api('GET', `/products/${product.slug}`, undefined, as.admin);
    assert.equal(admin.status, 200);
    assert.equal(admin.body.is_active, false);
  });
});

describe('POST /products', () => {
  let category: { id: string };
  const valid = () => ({ sku: 'new-001', name: 'Walnut Desk Lamp', price: '19.99', stock: 7 });

  before(async () => {
    category = await addCategory(h.db, 'Create Category');
  });

  it('creates a product and answers 201 with it', async () => {
    const res = await h.api(
      'POST',
      '/products',
      {
        sku: '  wdl-01.a_b ',
        name: '  Walnut Desk Lamp ',
        description: 'A warm light.',
        price: '49.90',
        stock: 12,
        category_ids: [category.id, category.id],
        image_url: '/images/somewhere',
        is_featured: true,
        tags: [' Lighting ', 'lighting', 'WOOD'],
      },
      as.admin,
    );
    assert.equal(res.status, 201);
    assert.equal(res.body.sku, 'WDL-01.A_B');
    assert.equal(res.body.name, 'Walnut Desk Lamp');
    assert.equal(res.body.slug, 'walnut-desk-lamp');
    assert.equal(res.body.description, 'A warm light.');
    assert.equal(res.body.price, '49.90');
    assert.equal(res.body.stock, 12);
    assert.equal(res.body.is_active, true);
    assert.equal(res.body.is_featured, true);
    assert.deepEqual(res.body.tags, ['lighting', 'wood']);
    assert.equal(res.body.image_url, '/images/somewhere');
    assert.deepEqual(res.body.categories, [{ id: category.id, name: 'Create Category', slug: 'create-category' }]);
    assert.deepEqual(res.body.images, []);
    const fetched = await h.api('GET', `/products/${res.body.id}`);
    assert.equal(fetched.body.sku, 'WDL-01.A_B');
  });

  it('fills in the defaults of the optional fields', async () => {
    const res = await h.api('POST', '/products', { sku: 'min-1', name: 'Plain Thing', price: 3, stock: 0 }, as.admin);
    assert.equal(res.status, 201);
    assert.equal(res.body.description, '');
    assert.equal(res.body.price, '3.00');
    assert.equal(res.body.is_active, true);
    assert.equal(res.body.is_featured, false);
    assert.deepEqual(res.body.tags, []);
    assert.deepEqual(res.body.categories, []);
    assert.equal(res.body.image_url, null);
  });

  it('numbers the slug when the name is taken', async () => {
    const slugs: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const res = await h.api('POST', '/products', { ...valid(), sku: `twin-${i}`, name: 'Twin Vase' }, as.admin);
      assert.equal(res.status, 201);
      slugs.push(res.body.slug);
    }
    assert.deepEqual(slugs, ['twin-vase', 'twin-vase-2', 'twin-vase-3']);
  });

  it('answers 409 to a SKU that is taken, in any case', async () => {
    assert.equal((await h.api('POST', '/products', { ...valid(), sku: 'dup-1' }, as.admin)).status, 201);
    const res = await h.api('POST', '/products', { ...valid(), sku: 'DUP-1', name: 'Another Name' }, as.admin);
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { detail: 'a product with SKU DUP-1 already exists' });
  });

  it('keeps money exact: integer cents in, two-place strings out', async () => {
    const cases: [unknown, string][] = [
      ['0.10', '0.10'],
      ['19.99', '19.99'],
      [1999.5, '1999.50'],
      [0.1, '0.10'],
      ['99999999.99', '99999999.99'],
    ];
    for (const [price, expected] of cases) {
      const res = await h.api('POST', '/products', { ...valid(), sku: `money-${randomUUID().slice(0, 8)}`, price }, as.admin);
      assert.equal(res.status, 201, String(price));
      assert.equal(res.body.price, expected);
      const row = await h.db.selectFrom('products').select('price').where('id', '=', res.body.id).executeTakeFirstOrThrow();
      assert.equal(row.price, expected);
    }
  });

  it('answers 422 to a price that is not an amount', async () => {
    for (const price of ['1.999', -1, 1e21, '100000000.00', 'abc', '', null, '1,50']) {
      const res = await h.api('POST', '/products', { ...valid(), sku: 'bad-money', price }, as.admin);
      assert.equal(res.status, 422, String(price));
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        ['price'],
      );
    }
  });

  it('answers 422 naming each bad field', async () => {
    const res = await h.api(
      'POST',
      '/products',
      {
        sku: 'has space',
        name: '',
        description: 'x'.repeat(5001),
        price: '1.00',
        stock: -1,
        image_url: '//evil.example.com/x.png',
        tags: ['x'.repeat(41)],
        is_active: 'yes',
      },
      as.admin,
    );
    assert.equal(res.status, 422);
    const fields = res.body.errors.map((e: { field: string }) => e.field.split('.')[0]).sort();
    assert.deepEqual(fields, ['description', 'image_url', 'is_active', 'name', 'sku', 'stock', 'tags']);
  });

  it('checks stock, image_url and tags one by one', async () => {
    const bad: Record<string, unknown>[] = [
      { stock: 1.5 },
      { stock: 1_000_001 },
      { stock: '5' },
      { image_url: 'javascript:alert(1)' },
      { image_url: '/\\evil.example.com' },
      { image_url: `/${'a'.repeat(2000)}` },
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { tags: ['  '] },
      { sku: 'x'.repeat(65) },
      { name: 'n'.repeat(201) },
      { category_ids: ['not-a-uuid'] },
    ];
    for (const change of bad) {
      const res = await h.api('POST', '/products', { ...valid(), sku: 'checks-1', ...change }, as.admin);
      assert.equal(res.status, 422, JSON.stringify(change).slice(0, 80));
    }
    const ok: Record<string, unknown>[] = [{ image_url: 'https://cdn.example.com/a.png' }, { image_url: null }, { stock: 1_000_000 }];
    for (const change of ok) {
      const res = await h.api('POST', '/products', { ...valid(), sku: `ok-${randomUUID().slice(0, 8)}`, ...change }, as.admin);
      assert.equal(res.status, 201, JSON.stringify(change));
    }
  });

  it('answers 422 on category_ids for a category that does not exist', async () => {
    const missing = randomUUID();
    const res = await h.api('POST', '/products', { ...valid(), sku: 'nocat-1', category_ids: [category.id, missing] }, as.admin);
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'category_ids');
    assert.match(res.body.errors[0].message, new RegExp(missing));
    const stored = await h.db.selectFrom('products').select('id').where('sku', '=', 'NOCAT-1').execute();
    assert.deepEqual(stored, []);
  });

  it('answers 401 without a token and 403 for a user', async () => {
    assert.equal((await h.api('POST', '/products', valid())).status, 401);
    assert.equal((await h.api('POST', '/products', valid(), as.user)).status, 403);
  });
});

describe('PATCH /products/:id', () => {
  let a: { id: string; slug: string };
  let catA: { id: string };
  let catB: { id: string };

  before(async () => {
    catA = await addCategory(h.db, 'Patch A');
    catB = await addCategory(h.db, 'Patch B');
    a = await addProduct(h.db, {
      name: 'Patchable Chair',
      sku: 'PATCH-1',
      price: '10.00',
      stock: 3,
      created_at: daysAgo(2),
      updated_at: daysAgo(2),
      categoryIds: [catA.id],
    });
    await addProduct(h.db, { name: 'Other Chair', sku: 'PATCH-2' });
  });

  it('changes only the given fields, sets updated_at and keeps the slug', async () => {
    const before = await h.api('GET', `/products/${a.id}`);
    const res = await h.api('PATCH', `/products/${a.id}`, { name: 'Renamed Chair', price: 12.5, stock: 9 }, as.admin);
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'Renamed Chair');
    assert.equal(res.body.price, '12.50');
    assert.equal(res.body.stock, 9);
    assert.equal(res.body.slug, a.slug);
    assert.equal(res.body.sku, 'PATCH-1');
    assert.equal(res.body.created_at, before.body.created_at);
    assert.ok(new Date(res.body.updated_at) > new Date(before.body.updated_at));
    assert.deepEqual(
      res.body.categories.map((c: { id: string }) => c.id),
      [catA.id],
    );
    assert.equal((await h.api('GET', `/products/${a.slug}`)).body.name, 'Renamed Chair');
  });

  it('replaces the set of categories', async () => {
    const res = await h.api('PATCH', `/products/${a.id}`, { category_ids: [catB.id] }, as.admin);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.categories.map((c: { id: string }) => c.id),
      [catB.id],
    );
    const cleared = await h.api('PATCH', `/products/${a.id}`, { category_ids: [] }, as.admin);
    assert.deepEqual(cleared.body.categories, []);
    const unknown = await h.api('PATCH', `/products/${a.id}`, { category_ids: [randomUUID()] }, as.admin);
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.errors[0].field, 'category_ids');
  });

  it('answers 422 to an empty body or a bad field', async () => {
    for (const body of [{}, { unknown_field: 1 }, { price: 'abc' }, { name: '' }, { is_featured: null }]) {
      const res = await h.api('PATCH', `/products/${a.id}`, body, as.admin);
      assert.equal(res.status, 422, JSON.stringify(body));
    }
  });

  it('answers 409 when the new SKU is taken', async () => {
    const res = await h.api('PATCH', `/products/${a.id}`, { sku: 'patch-2' }, as.admin);
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { detail: 'a product with SKU PATCH-2 already exists' });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', a.slug]) {
      const res = await h.api('PATCH', `/products/${id}`, { stock: 1 }, as.admin);
      assert.equal(res.status, 404, id);
      assert.deepEqual(res.body, { detail: 'product not found' });
    }
  });

  it('answers 401 without a token and 403 for a user', async () => {
    assert.equal((await h.api('PATCH', `/products/${a.id}`, { stock: 1 })).status, 401);
    assert.equal((await h.api('PATCH', `/products/${a.id}`, { stock: 1 }, as.user)).status, 403);
  });
});

describe('DELETE /products/:id', () => {
  it('deactivates: gone from the shop, still there for an admin, and idempotent', async () => {
    const cat = await addCategory(h.db, 'Delete Category');
    const product = await addProduct(h.db, { name: 'Doomed Clock', categoryIds: [cat.id] });
    assert.deepEqual(ids(await h.api('GET', '/products?category=delete-category')), [product.id]);

    const res = await h.api('DELETE', `/products/${product.id}`, undefined, as.admin);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');

    assert.deepEqual(ids(await h.api('GET', '/products?category=delete-category')), []);
    assert.equal((await h.api('GET', `/products/${product.id}`)).status, 404);
    const admin = await h.api('GET', `/products/${product.id}`, undefined, as.admin);
    assert.equal(admin.body.is_active, false);
    const all = await h.api('GET', '/products?category=delete-category&status=all', undefined, as.admin);
    assert.deepEqual(ids(all), [product.id]);

    const again = await h.api('DELETE', `/products/${product.id}`, undefined, as.admin);
    assert.equal(again.status, 204);
    const row = await h.db.selectFrom('products').select(['is_active']).where('id', '=', product.id).executeTakeFirstOrThrow();
    assert.equal(row.is_active, false);

    const restored = await h.api('PATCH', `/products/${product.id}`, { is_active: true }, as.admin);
    assert.equal(restored.body.is_active, true);
    assert.deepEqual(ids(await h.api('GET', '/products?category=delete-category')), [product.id]);
  });

  it('answers 404 for an unknown id, 401 without a token and 403 for a user', async () => {
    const product = await addProduct(h.db, { name: 'Safe Clock' });
    assert.equal((await h.api('DELETE', `/products/${randomUUID()}`, undefined, as.admin)).status, 404);
    assert.equal((await h.api('DELETE', '/products/nonsense', undefined, as.admin)).status, 404);
    assert.equal((await h.api('DELETE', `/products/${product.id}`)).status, 401);
    assert.equal((await h.api('DELETE', `/products/${product.id}`, undefined, as.user)).status, 403);
    assert.equal((await h.api('GET', `/products/${product.id}`)).status, 200);
  });
});
