// The shop's catalog pages against the real services: category pages, facets, filters in the
// address, search suggestions, the product gallery and related products.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { imageRecord, imageUrl } from '@dm/catalog-service/images/images';
import { pngBytes } from '@dm/catalog-service/images/test-images';
import { type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';

let stack: GatewayStack;
const ids: Record<string, string> = {};
const images: string[] = [];

async function category(name: string, slug: string, parentSlug: string | null, sort_order = 0) {
  const row = await stack.catalogDb.db
    .insertInto('categories')
    .values({ name, slug, parent_id: parentSlug ? ids[parentSlug]! : null, sort_order })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[slug] = row.id;
}

async function product(sku: string, name: string, price: string, stock: number, categorySlugs: string[], tags: string[] = [], ageDays = 0) {
  const db = stack.catalogDb.db;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const row = await db
    .insertInto('products')
    .values({
      sku,
      slug,
      name,
      description: `${name}, for testing.`,
      price,
      stock,
      tags,
      created_at: new Date(Date.now() - ageDays * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[slug] = row.id;
  if (categorySlugs.length) {
    await db
      .insertInto('product_categories')
      .values(categorySlugs.map((c) => ({ product_id: row.id, category_id: ids[c]! })))
      .execute();
  }
}

/** The text of the element with this class, tags stripped. */
function textOf(html: string, className: string): string {
  const match = new RegExp(`class="${className}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return match ? match[1]!.replace(/<[^>]+>/g, '').trim() : '';
}

/** Product names in the order the grid shows them. */
function cardNames(html: string): string[] {
  return [...html.matchAll(/<h3 class="product-card-title">([^<]+)<\/h3>/g)].map((m) => m[1]!);
}

before(async () => {
  stack = await startGatewayStack();
  await category('Home & Kitchen', 'home-kitchen', null, 1);
  await category('Garden', 'garden', null, 2);
  await category('Kitchen', 'kitchen', 'home-kitchen', 1);
  await category('Knives', 'knives', 'kitchen', 1);
  await category('Lighting', 'lighting', 'home-kitchen', 2);
  await product('KIT-PAN', 'Steel Frying Pan', '34.90', 8, ['kitchen'], ['steel', 'cookware'], 5);
  await product('KIT-POT', 'Steel Stock Pot', '49.00', 0, ['kitchen'], ['steel', 'cookware'], 4);
  await product('KNF-CHEF', 'Steel Chef Knife', '59.00', 12, ['knives'], ['steel', 'sharp'], 3);
  await product('KNF-PAR', 'Paring Knife', '19.00', 30, ['knives'], ['sharp'], 2);
  await product('LGT-LAMP', 'Ceramic Table Lamp', '89.00', 6, ['lighting'], ['ceramic'], 1);
  await product('GRD-HOSE', 'Steel Garden Hose Reel', '45.00', 3, ['garden'], ['steel'], 0);

  // Two images of the chef's knife: the first is its main one.
  const db = stack.catalogDb.db;
  for (const [i, colour] of (
    [
      [200, 40, 40],
      [40, 120, 200],
    ] as const
  ).entries()) {
    const record = imageRecord({
      product_id: ids['steel-chef-knife']!,
      content_type: 'image/png',
      data: pngBytes(32, 32, [...colour]),
      alt: `Chef knife ${i + 1}`,
      position: i,
    });
    const row = await db.insertInto('product_images').values(record).returning('id').executeTakeFirstOrThrow();
    images.push(row.id);
  }
  await db
    .updateTable('products')
    .set({ image_url: imageUrl(images[0]!) })
    .where('id', '=', ids['steel-chef-knife']!)
    .execute();
});

after(async () => {
  await stack.stop();
});

describe('category pages', () => {
  it('shows the breadcrumbs, the subcategories as chips, and the products of the whole subtree', async () => {
    const page = await new TestBrowser(stack.url).get('/products?category=kitchen');
    assert.equal(page.status, 200);
    const crumbs = /<ol class="breadcrumb[^"]*">([\s\S]*?)<\/ol>/.exec(page.html)![1]!;
    assert.deepEqual(
      [...crumbs.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim()),
      ['Home', 'Home &amp; Kitchen', 'Kitchen'],
    );
    assert.match(crumbs, /href="\/products\?category=home-kitchen"/);
    assert.match(crumbs, /aria-current="page">Kitchen</);
    assert.match(page.html, /<h1[^>]*>Kitchen<\/h1>/);
    // Knives, below Kitchen, is a chip with its count, and its products are listed here too.
    assert.match(page.html, /class="chip" href="\/products\?category=knives">Knives <span class="chip-count">2<\/span>/);
    assert.deepEqual(cardNames(page.html).sort(), ['Paring Knife', 'Steel Chef Knife', 'Steel Frying Pan', 'Steel Stock Pot']);
    // The navbar keeps the top level, with the department of this category marked.
    assert.match(page.html, /class="active" href="\/products\?category=home-kitchen" aria-current="true">Home &amp; Kitchen</);
  });

  it('names the path of a deeper category and answers 404 for an unknown one', async () => {
    const browser = new TestBrowser(stack.url);
    const knives = await browser.get('/products?category=knives');
    assert.match(
      knives.html,
      /Home<\/a><\/li>\s*<li class="breadcrumb-item"><a href="\/products\?category=home-kitchen">Home &amp; Kitchen<\/a><\/li>\s*<li class="breadcrumb-item"><a href="\/products\?category=kitchen">Kitchen<\/a>/,
    );
    assert.equal((await browser.get('/products?category=no-such-thing')).status, 404);
  });

  it('counts the current search’s matches per category, children added into their parents', async () => {
    const page = await new TestBrowser(stack.url).get('/products?q=steel');
    assert.equal(page.status, 200);
    assert.equal(textOf(page.html, 'listing-head').includes('Results for “steel”'), true);
    const count = (name: string) =>
      new RegExp(`category-link-name">${name}</span> <span class="category-link-count">(\\d+)</span>`).exec(page.html)?.[1];
    // Pan, pot and chef knife in Home & Kitchen (2 in Kitchen, 1 in Knives below it); the reel in Garden.
    assert.equal(count('Home &amp; Kitchen'), '3');
    assert.equal(count('Garden'), '1');

    const inDepartment = await new TestBrowser(stack.url).get('/products?q=steel&category=home-kitchen');
    const inner = (name: string) =>
      new RegExp(`category-link-name">${name}</span> <span class="category-link-count">(\\d+)</span>`).exec(inDepartment.html)?.[1];
    assert.equal(inner('Home &amp; Kitchen'), '3');
    assert.equal(inner('Kitchen'), '3');
    // Lighting has no steel: left out while searching.
    assert.doesNotMatch(inDepartment.html, /category-link-name">Lighting</);
    assert.match(
      inDepartment.html,
      /class="chip" href="\/products\?q=steel&amp;category=kitchen">Kitchen <span class="chip-count">3<\/span>/,
    );
    assert.deepEqual(cardNames(inDepartment.html).sort(), ['Steel Chef Knife', 'Steel Frying Pan', 'Steel Stock Pot']);
  });
});

describe('filters in the address', () => {
  it('composes category, price, stock, tags, sort and page size, and keeps them in every link', async () => {
    const browser = new TestBrowser(stack.url);
    const url = '/products?category=home-kitchen&min_price=20&max_price=80&in_stock=1&tags=steel&sort=price_desc&page_size=48';
    const page = await browser.get(url);
    assert.equal(page.status, 200);
    assert.deepEqual(cardNames(page.html), ['Steel Chef Knife', 'Steel Frying Pan']);
    assert.match(page.html, /name="min_price"[^>]*value="20"/);
    assert.match(page.html, /name="max_price"[^>]*value="80"/);
    assert.match(page.html, /id="f-stock" name="in_stock" value="1" checked/);
    assert.match(page.html, /name="tags" value="steel"/);
    assert.match(page.html, /<option value="price_desc" selected>/);
    assert.match(page.html, /<option value="48" selected>48<\/option>/);
    assert.match(page.html, /<input type="hidden" name="category" value="home-kitchen">/);
    // Each filter can be taken off on its own, keeping the others.
    assert.match(
      page.html,
      /href="\/products\?category=home-kitchen&amp;in_stock=1&amp;tags=steel&amp;sort=price_desc&amp;page_size=48">\$20 – \$80/,
    );
    assert.match(
      page.html,
      /href="\/products\?category=home-kitchen&amp;min_price=20&amp;max_price=80&amp;tags=steel&amp;sort=price_desc&amp;page_size=48">In stock/,
    );
    // Clearing them stays in the category.
    assert.match(page.html, /href="\/products\?category=home-kitchen">Clear all</);
    // A subcategory link keeps the filters.
    assert.match(
      page.html,
      /href="\/products\?category=kitchen&amp;min_price=20&amp;max_price=80&amp;in_stock=1&amp;tags=steel&amp;sort=price_desc&amp;page_size=48"/,
    );
  });

  it('pages with the filters kept, and each product appears once', async () => {
    // 30 widgets, with prices that tie, so the order must break ties itself.
    await stack.catalogDb.db
      .insertInto('products')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          sku: `WID-${i}`,
          slug: `widget-${i}`,
          name: `Widget ${String(i).padStart(2, '0')}`,
          price: `${10 + (i % 3)}.00`,
          stock: 5,
          tags: ['widget'],
        })),
      )
      .execute();
    const browser = new TestBrowser(stack.url);
    const first = await browser.get('/products?tags=widget&sort=price_asc');
    assert.match(first.html, /<p class="text-body-secondary mb-0">30 products</);
    const next = /<a class="page-link" href="([^"]+)" >Next<\/a>/.exec(first.html)?.[1]?.replaceAll('&amp;', '&');
    assert.equal(next, '/products?tags=widget&sort=price_asc&page=2');
    const second = await browser.get(next!);
    const seen = [...cardNames(first.html), ...cardNames(second.html)];
    assert.equal(seen.length, 30);
    assert.equal(new Set(seen).size, 30);
    const prices = [...(first.html + second.html).matchAll(/<span class="price">\$(\d+\.\d\d)<\/span>/g)].map((m) => Number(m[1]));
    assert.deepEqual(
      prices,
      [...prices].sort((a, b) => a - b),
    );
    // A bigger page holds them all.
    assert.equal(cardNames((await browser.get('/products?tags=widget&page_size=48')).html).length, 30);
  });

  it('offers relevance only while searching, and says what was wrong with a bad filter', async () => {
    const browser = new TestBrowser(stack.url);
    const plain = await browser.get('/products');
    assert.doesNotMatch(plain.html, /value="relevance"/);
    assert.match(plain.html, /<option value="newest" selected>/);
    const search = await browser.get('/products?q=knife');
    assert.match(search.html, /<option value="relevance" selected>Relevance/);
    const bad = await browser.get('/products?min_price=abc');
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Please check your filters/);
  });

  it('shows listings with the thumbnail, lazily, with width and height', async () => {
    const page = await new TestBrowser(stack.url).get('/products?category=knives');
    assert.match(
      page.html,
      new RegExp(`<img src="/images/${images[0]}\\?size=thumb" alt="Steel Chef Knife" width="400" height="400" loading="lazy"`),
    );
  });
});

describe('search suggestions', () => {
  it('proxies the catalog’s suggestions, typos included, and caches them briefly', async () => {
    const res = await fetch(`${stack.url}/api/products/suggest?q=stel%20fry`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/);
    const body = (await res.json()) as { items: { name: string; slug: string; price: string; image_url: string | null }[] };
    assert.ok(body.items.length <= 8);
    assert.equal(body.items[0]?.name, 'Steel Frying Pan');
    assert.deepEqual(Object.keys(body.items[0]!).sort(), ['id', 'image_url', 'name', 'price', 'slug']);
    const prefix = (await (await fetch(`${stack.url}/api/products/suggest?q=knif`)).json()) as { items: { name: string }[] };
    assert.deepEqual(prefix.items.map((i) => i.name).sort(), ['Paring Knife', 'Steel Chef Knife']);
    const short = (await (await fetch(`${stack.url}/api/products/suggest?q=k`)).json()) as { items: unknown[] };
    assert.deepEqual(short.items, []);
  });

  it('gives every page the search box the script enhances, and serves the script', async () => {
    const page = await new TestBrowser(stack.url).get('/');
    assert.match(page.html, /<script src="\/static\/js\/search-suggest\.js\?v=\w+" defer><\/script>/);
    assert.match(page.html, /id="site-search"[^>]*data-suggest="\/api\/products\/suggest"/);
    const script = await fetch(`${stack.url}/static/js/search-suggest.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
  });
});

describe('product page', () => {
  it('shows the gallery: the main image large, the others as thumbnails that switch it without JavaScript', async () => {
    const browser = new TestBrowser(stack.url);
    const page = await browser.get('/products/steel-chef-knife');
    assert.equal(page.status, 200);
    assert.match(page.html, new RegExp(`class="product-main-image" src="/images/${images[0]}" alt="Chef knife 1" width="32" height="32"`));
    assert.match(page.html, new RegExp(`href="/products/steel-chef-knife\\?image=${images[1]}#gallery"`));
    assert.match(page.html, new RegExp(`<img src="/images/${images[1]}\\?size=thumb" alt="Image 2 of 2"`));
    const second = await browser.get(`/products/steel-chef-knife?image=${images[1]}`);
    assert.match(second.html, new RegExp(`class="product-main-image" src="/images/${images[1]}" alt="Chef knife 2"`));
    assert.match(second.html, new RegExp(`href="/products/steel-chef-knife\\?image=${images[1]}#gallery" aria-current="true"`));
    // The breadcrumbs follow the product's category up the tree.
    assert.match(
      page.html,
      /<a href="\/products\?category=home-kitchen">Home &amp; Kitchen<\/a>[\s\S]*<a href="\/products\?category=kitchen">Kitchen<\/a>[\s\S]*<a href="\/products\?category=knives">Knives<\/a>/,
    );
  });

  it('lists related products from the same category, never the product itself', async () => {
    const page = await new TestBrowser(stack.url).get('/products/steel-chef-knife');
    const related = /<section[^>]*aria-labelledby="related-title">([\s\S]*?)<\/section>/.exec(page.html)?.[1] ?? '';
    assert.match(related, /Related products/);
    assert.deepEqual(cardNames(related), ['Paring Knife']);
    // A product with no neighbours shows no empty section.
    const alone = await new TestBrowser(stack.url).get('/products/steel-garden-hose-reel');
    assert.doesNotMatch(alone.html, /Related products/);
  });
});
