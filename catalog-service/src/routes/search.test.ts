// Search, filters that compose, facets and suggestions, through the HTTP API. Each describe builds
// its own products under words or categories no other test uses, so the files' data never mix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from '@dm/common/validation';
import { sql } from 'kysely';
import { productListQuery } from '../products/product-input.js';
import { searchProducts } from '../search/product-search.js';
import { SUGGESTION_LIMIT } from '../search/search.js';
import { addCategory, addProduct, addVendor, as, daysAgo, type Harness, startCatalog } from '../test-support.js';

let h: Harness;
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((p) => p.id);
const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((p) => p.name);

before(async () => {
  h = await startCatalog('catalog_search');
});

after(async () => {
  await h.close();
});

describe('GET /products?q=: full-text search', () => {
  const p: Record<string, { id: string; name: string }> = {};

  before(async () => {
    const audio = await addCategory(h.db, 'Search Audio');
    // The case is the newest, so only relevance can put the headphones first.
    p.headphones = await addProduct(h.db, {
      name: 'Studio Headphones',
      sku: 'SRCH-AUD-001',
      description: 'Closed-back, for the studio.',
      created_at: daysAgo(9),
      categoryIds: [audio.id],
    });
    p.caseForThem = await addProduct(h.db, {
      name: 'Leather Travel Case',
      sku: 'SRCH-ACC-002',
      description: 'Fits most headphones and earbuds.',
      created_at: daysAgo(1),
      categoryIds: [audio.id],
    });
    p.tagged = await addProduct(h.db, {
      name: 'Quiet Monitor Stand',
      sku: 'SRCH-ACC-003',
      tags: ['headphones-stand', 'desk'],
      created_at: daysAgo(2),
      categoryIds: [audio.id],
    });
    p.speaker = await addProduct(h.db, {
      name: 'Bookshelf Speaker Pair',
      sku: 'SRCH-AUD-004',
      description: 'Warm sound.',
      created_at: daysAgo(3),
      categoryIds: [audio.id],
    });
    p.retired = await addProduct(h.db, { name: 'Retired Headphones', sku: 'SRCH-AUD-005', is_active: false, categoryIds: [audio.id] });
  });

  it('ranks a name match above a tag match above a description-only match', async () => {
    const res = await h.api('GET', '/products?q=headphones');
    assert.equal(res.status, 200);
    assert.deepEqual(names(res), ['Studio Headphones', 'Quiet Monitor Stand', 'Leather Travel Case']);
    assert.equal(res.body.total, 3);
    assert.equal(res.body.total_is_lower_bound, false);
  });

  it('finds words by their stem: "headphone" finds "Headphones"', async () => {
    assert.deepEqual(names(await h.api('GET', '/products?q=headphone')), [
      'Studio Headphones',
      'Quiet Monitor Stand',
      'Leather Travel Case',
    ]);
  });

  it('matches the start of a word while it is being typed', async () => {
    assert.deepEqual(ids(await h.api('GET', '/products?q=headph&category=search-audio')), [
      p.headphones!.id,
      p.tagged!.id,
      p.caseForThem!.id,
    ]);
    assert.deepEqual(ids(await h.api('GET', '/products?q=studio%20headph')), [p.headphones!.id]);
    // "he" is an English stop word; typed alone it is still the start of a word.
    const he = await h.api('GET', '/products?q=he&category=search-audio');
    assert.ok(ids(he).includes(p.headphones!.id), JSON.stringify(names(he)));
  });

  it('tolerates a typo: "hedphones" finds the headphones', async () => {
    const res = await h.api('GET', '/products?q=hedphones');
    assert.equal(res.status, 200);
    assert.equal(res.body.items[0]?.id, p.headphones!.id);
    assert.ok(!ids(res).includes(p.speaker!.id));
  });

  it('finds a product by a part of its SKU, and the exact SKU first', async () => {
    assert.deepEqual(ids(await h.api('GET', '/products?q=srch-aud&sort=newest')), [p.speaker!.id, p.headphones!.id]);
    const exact = await h.api('GET', '/products?q=srch-acc-003');
    assert.equal(exact.body.items[0].id, p.tagged!.id);
  });

  it('never shows an inactive product in the shop, but lets an admin search for it', async () => {
    assert.ok(!ids(await h.api('GET', '/products?q=retired')).includes(p.retired!.id));
    const admin = await h.api('GET', '/products?q=retired&status=all', undefined, as.admin);
    assert.deepEqual(ids(admin), [p.retired!.id]);
  });

  it('answers 200 to anything typed: tsquery syntax, quotes, backslashes, other scripts', async () => {
    const texts = [
      'a & b',
      '!headphones',
      '(studio',
      'head:*',
      '<->',
      "'",
      '"quoted"',
      '\\',
      'tab\there',
      '東京',
      '½ ²',
      'Ωmega',
      '1.2.3',
      '-',
    ];
    for (const q of texts) {
      for (const path of [`/products?q=${encodeURIComponent(q)}`, `/products/suggest?q=${encodeURIComponent(q)}`]) {
        const res = await h.api('GET', path);
        assert.equal(res.status, 200, path);
      }
    }
    assert.deepEqual(ids(await h.api('GET', `/products?q=${encodeURIComponent('!studio & (headph')}`)), [p.headphones!.id]);
  });

  it('finds nothing for text with no letters or digits, and reads % and _ literally', async () => {
    for (const q of ['%25', '_', '%25%25%25', '...']) {
      const res = await h.api('GET', `/products?q=${q}&category=search-audio`);
      assert.equal(res.status, 200, q);
      assert.deepEqual(ids(res), [], q);
    }
  });
});

describe('GET /products: sort by relevance', () => {
  let cat: { id: string; slug: string };
  const older: string[] = [];
  let newer: { id: string };
  let best: { id: string };

  before(async () => {
    cat = await addCategory(h.db, 'Relevance Shelf');
    const createdAt = daysAgo(20);
    for (let i = 0; i < 3; i++) {
      older.push(
        (await addProduct(h.db, { name: 'Walnut Zither', price: `${10 + i}.00`, created_at: createdAt, categoryIds: [cat.id] })).id,
      );
    }
    newer = await addProduct(h.db, { name: 'Walnut Zither', created_at: daysAgo(2), categoryIds: [cat.id] });
    best = await addProduct(h.db, { name: 'Zither Zither Case', description: 'zither', created_at: daysAgo(30), categoryIds: [cat.id] });
  });

  it('is the default with a search: the best match first, equal matches newest first, then by id', async () => {
    const res = await h.api('GET', '/products?q=zither');
    const tiedOlder = [...older].sort().reverse();
    assert.deepEqual(ids(res), [best.id, newer.id, ...tiedOlder]);
    assert.deepEqual(ids(await h.api('GET', '/products?q=zither&sort=relevance')), ids(res));
  });

  it('gives way to an explicit sort', async () => {
    const res = await h.api('GET', '/products?q=zither&sort=price_desc');
    assert.equal(res.body.items[0].price, '12.00');
  });

  it('means newest without a search', async () => {
    const relevance = await h.api('GET', `/products?category=${cat.slug}&sort=relevance`);
    const newest = await h.api('GET', `/products?category=${cat.slug}&sort=newest`);
    assert.equal(relevance.status, 200);
    assert.deepEqual(ids(relevance), ids(newest));
    assert.equal(ids(newest)[0], newer.id);
  });
});

describe('GET /products: pagination under relevance with ties', () => {
  it('shows every product exactly once across pages', async () => {
    const cat = await addCategory(h.db, 'Tied Lamps');
    const createdAt = daysAgo(7);
    const made = new Set<string>();
    for (let i = 0; i < 30; i++) {
      made.add((await addProduct(h.db, { name: 'Tied Quasar Lamp', created_at: createdAt, categoryIds: [cat.id] })).id);
    }
    const whole = ids(await h.api('GET', '/products?q=quasar&page_size=30'));
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const res = await h.api('GET', `/products?q=quasar&page_size=7&page=${page}`);
      assert.equal(res.body.total, 30);
      assert.equal(res.body.has_next, page < 5);
      seen.push(...ids(res));
    }
    assert.equal(seen.length, 30);
    assert.deepEqual(new Set(seen), made);
    assert.deepEqual(seen, whole);
  });
});

describe('GET /products?tags=', () => {
  let cat: { slug: string };
  const p: Record<string, { id: string }> = {};

  before(async () => {
    const c = await addCategory(h.db, 'Tag Shelf');
    cat = c;
    p.both = await addProduct(h.db, {
      name: 'Tag Both',
      tags: ['wireless', 'bluetooth', 'compact'],
      created_at: daysAgo(1),
      categoryIds: [c.id],
    });
    p.wireless = await addProduct(h.db, { name: 'Tag Wireless', tags: ['wireless'], created_at: daysAgo(2), categoryIds: [c.id] });
    p.bluetooth = await addProduct(h.db, {
      name: 'Tag Bluetooth',
      tags: ['bluetooth', 'compact'],
      created_at: daysAgo(3),
      categoryIds: [c.id],
    });
  });

  it('keeps the products that carry every tag asked for', async () => {
    const tags = async (query: string) => ids(await h.api('GET', `/products?category=${cat.slug}&${query}`));
    assert.deepEqual(await tags('tags=wireless'), [p.both!.id, p.wireless!.id]);
    assert.deepEqual(await tags('tags=wireless,bluetooth'), [p.both!.id]);
    assert.deepEqual(await tags('tags=%20Bluetooth%20,COMPACT,,'), [p.both!.id, p.bluetooth!.id]);
    assert.deepEqual(await tags('tags=bluetooth&tags=compact'), [p.both!.id, p.bluetooth!.id]);
    assert.deepEqual(await tags('tags=wireless,nosuchtag'), []);
    assert.deepEqual(await tags('tags='), [p.both!.id, p.wireless!.id, p.bluetooth!.id]);
  });

  it('answers 422 to too many tags or a tag too long', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `t${i}`).join(',');
    for (const query of [`tags=${many}`, `tags=${'x'.repeat(41)}`]) {
      const res = await h.api('GET', `/products?${query}`);
      assert.equal(res.status, 422, query);
      assert.equal(res.body.errors[0].field, 'tags');
    }
  });
});

describe('GET /products: filters combined', () => {
  it('applies search, category (with children), price range and stock together', async () => {
    const home = await addCategory(h.db, 'Combo Home');
    const lamps = await addCategory(h.db, 'Combo Lamps', { parentId: home.id });
    const away = await addCategory(h.db, 'Combo Away');
    const hit = await addProduct(h.db, {
      name: 'Brass Gizmo Lamp',
      price: '40.00',
      stock: 3,
      created_at: daysAgo(1),
      categoryIds: [lamps.id],
    });
    const hit2 = await addProduct(h.db, {
      name: 'Gizmo Reading Lamp',
      price: '25.00',
      stock: 1,
      created_at: daysAgo(2),
      categoryIds: [home.id],
    });
    await addProduct(h.db, { name: 'Gizmo Lamp Sold Out', price: '30.00', stock: 0, categoryIds: [lamps.id] });
    await addProduct(h.db, { name: 'Gizmo Lamp Too Dear', price: '90.00', stock: 5, categoryIds: [lamps.id] });
    await addProduct(h.db, { name: 'Gizmo Lamp Elsewhere', price: '30.00', stock: 5, categoryIds: [away.id] });
    await addProduct(h.db, { name: 'Brass Candle', price: '30.00', stock: 5, categoryIds: [lamps.id] });

    const res = await h.api('GET', '/products?q=gizmo&category=combo-home&min_price=20&max_price=50&in_stock=true&sort=price_asc');
    assert.equal(res.status, 200);
    assert.deepEqual(ids(res), [hit2.id, hit.id]);
    assert.equal(res.body.total, 2);
    const narrower = await h.api('GET', '/products?q=gizmo%20brass&category=combo-home&min_price=20&max_price=50&in_stock=true');
    assert.deepEqual(ids(narrower), [hit.id]);
  });
});

describe('GET /products?facets=categories', () => {
  let kitchen: { id: string; slug: string };
  let pans: { id: string; slug: string };
  let garden: { id: string; slug: string };

  before(async () => {
    kitchen = await addCategory(h.db, 'Facet Kitchen', { sortOrder: 1 });
    pans = await addCategory(h.db, 'Facet Pans', { parentId: kitchen.id });
    garden = await addCategory(h.db, 'Facet Garden', { sortOrder: 2 });
    await addProduct(h.db, { name: 'Copper Wombat Pot', price: '30.00', categoryIds: [kitchen.id] });
    await addProduct(h.db, { name: 'Wombat Spoon', price: '5.00', categoryIds: [kitchen.id] });
    await addProduct(h.db, { name: 'Wombat Skillet', price: '45.00', categoryIds: [pans.id] });
    await addProduct(h.db, { name: 'Wombat Watering Can', price: '15.00', categoryIds: [garden.id, kitchen.id] });
    await addProduct(h.db, { name: 'Hidden Wombat Rake', price: '12.00', is_active: false, categoryIds: [garden.id] });
    await addProduct(h.db, { name: 'Garden Hose', price: '20.00', categoryIds: [garden.id] });
  });

  const counts = (res: { body: { facets: { categories: { slug: string; count: number }[] } } }) =>
    Object.fromEntries(res.body.facets.categories.map((c) => [c.slug, c.count]));

  it('counts the active matches of a search in each category, each in its own category', async () => {
    const res = await h.api('GET', '/products?q=wombat&facets=categories');
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 4);
    assert.deepEqual(counts(res), { 'facet-kitchen': 3, 'facet-pans': 1, 'facet-garden': 1 });
    const pansFacet = res.body.facets.categories.find((c: { slug: string }) => c.slug === 'facet-pans');
    assert.deepEqual(pansFacet, { id: pans.id, slug: 'facet-pans', name: 'Facet Pans', parent_id: kitchen.id, count: 1 });
  });

  it('does not let the category filter shrink its own facet, while the other filters do', async () => {
    const inGarden = await h.api('GET', '/products?q=wombat&category=facet-garden&facets=categories');
    assert.equal(inGarden.body.total, 1);
    assert.deepEqual(counts(inGarden), { 'facet-kitchen': 3, 'facet-pans': 1, 'facet-garden': 1 });
    const cheap = await h.api('GET', '/products?q=wombat&category=facet-pans&max_price=20&facets=categories');
    assert.deepEqual(ids(cheap), []);
    assert.deepEqual(counts(cheap), { 'facet-kitchen': 2, 'facet-garden': 1 });
  });

  it('is left out unless asked for, and refuses an unknown facet', async () => {
    assert.equal((await h.api('GET', '/products?q=wombat')).body.facets, undefined);
    const bad = await h.api('GET', '/products?q=wombat&facets=brands');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'facets');
  });
});

describe('GET /products: a listed product', () => {
  // The listing reads shops and categories in its one statement, a product page by itself.
  it('is the product GET /products/:id shows, field for field, whatever it holds', async () => {
    const shelf = await addCategory(h.db, 'Json Shelf');
    const other = await addCategory(h.db, 'Json Other');
    const shop = await addVendor(h.db, 'Json "Quoted" Shop');
    // Microseconds (a Date keeps milliseconds), quotes, a backslash, a control character, accents,
    // emoji, no tags, a review average, a shop, two categories or none, no image.
    await addProduct(h.db, {
      name: 'Jsonlike "Kettle" \\ café ☕',
      description: 'Line one\nline\ttwo \u0001 «done»',
      price: '1234567.05',
      tags: [],
      image_url: null,
      rating_average: '4.3',
      rating_count: 7,
      vendor_id: shop.id,
      created_at: new Date('2026-01-02T03:04:05.678Z'),
      categoryIds: [shelf.id, other.id],
    });
    await h.db
      .updateTable('products')
      .set({ updated_at: sql`'2026-01-02 03:04:05.999999+00'::timestamptz` })
      .where('name', 'like', 'Jsonlike%')
      .execute();
    await addProduct(h.db, { name: 'Jsonlike Plain', tags: ['a', 'b "c"'], image_url: '/images/x.png', categoryIds: [shelf.id] });
    await addProduct(h.db, { name: 'Jsonlike Loose' });

    const list = await h.api('GET', '/products?q=jsonlike&sort=name');
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 3);
    for (const item of list.body.items) {
      const { images: _images, ...detail } = (await h.api('GET', `/products/${item.id}`)).body;
      assert.deepEqual(item, detail);
    }
    const [kettle] = list.body.items.filter((p: { name: string }) => p.name.includes('Kettle'));
    assert.equal(kettle.updated_at, '2026-01-02T03:04:05.999Z');
    assert.deepEqual(kettle.vendor, { id: shop.id, slug: shop.slug, name: shop.name });
  });
});

describe('counting at scale', () => {
  it('stops counting at the cap: the total is then a lower bound, and has_next stays exact', async () => {
    const cat = await addCategory(h.db, 'Cap Shelf');
    for (let i = 0; i < 12; i++) await addProduct(h.db, { name: `Cap Item ${i}`, created_at: daysAgo(i + 1), categoryIds: [cat.id] });
    const list = (query: string) =>
      searchProducts(h.db, parse(productListQuery, Object.fromEntries(new URLSearchParams(query))), { countCap: 5 });

    const first = await list('category=cap-shelf&page_size=4');
    assert.deepEqual([first.total, first.total_is_lower_bound, first.has_next, first.items.length], [5, true, true, 4]);
    const second = await list('category=cap-shelf&page_size=4&page=2');
    assert.deepEqual([second.total, second.total_is_lower_bound, second.has_next], [9, true, true]);
    const last = await list('category=cap-shelf&page_size=4&page=3');
    assert.deepEqual([last.total, last.total_is_lower_bound, last.has_next, last.items.length], [12, false, false, 4]);
  });
});

describe('GET /products/suggest', () => {
  before(async () => {
    const cat = await addCategory(h.db, 'Suggest Shelf');
    for (let i = 0; i < 10; i++) await addProduct(h.db, { name: `Marimba Model ${i}`, price: '99.00', categoryIds: [cat.id] });
    await addProduct(h.db, { name: 'Marimba Hidden', is_active: false, categoryIds: [cat.id] });
    await addProduct(h.db, { name: 'Xylophone Deluxe', price: '120.50', image_url: '/images/xylo', categoryIds: [cat.id] });
    await addProduct(h.db, { name: 'Practice Pad', description: 'For marimba players', categoryIds: [cat.id] });
  });

  it(`answers at most ${SUGGESTION_LIMIT} active products whose name starts a word with the text`, async () => {
    const res = await h.api('GET', '/products/suggest?q=marim');
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, SUGGESTION_LIMIT);
    for (const item of res.body.items) {
      assert.match(item.name, /^Marimba Model \d$/);
      assert.deepEqual(Object.keys(item).sort(), ['id', 'image_url', 'name', 'price', 'slug']);
    }
  });

  it('answers with the product shape, and tolerates a typo', async () => {
    const res = await h.api('GET', '/products/suggest?q=xylo');
    assert.deepEqual(
      res.body.items.map((i: { name: string; price: string; image_url: string }) => [i.name, i.price, i.image_url]),
      [['Xylophone Deluxe', '120.50', '/images/xylo']],
    );
    const typo = await h.api('GET', '/products/suggest?q=xylophonne');
    assert.deepEqual(
      typo.body.items.map((i: { name: string }) => i.name),
      ['Xylophone Deluxe'],
    );
  });

  it('leaves out inactive products', async () => {
    assert.deepEqual((await h.api('GET', '/products/suggest?q=hidden')).body.items, []);
    const all = await h.api('GET', '/products/suggest?q=marimba');
    assert.ok(all.body.items.every((i: { name: string }) => i.name !== 'Marimba Hidden'));
  });

  it('answers an empty list to a missing, empty or one-character text', async () => {
    for (const q of ['', '?q=', '?q=m', '?q=%20m%20']) {
      const res = await h.api('GET', `/products/suggest${q}`);
      assert.equal(res.status, 200, q);
      assert.deepEqual(res.body, { items: [] }, q);
    }
    assert.equal((await h.api('GET', `/products/suggest?q=${'x'.repeat(101)}`)).status, 422);
  });
});
