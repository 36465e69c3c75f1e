// The admin's catalog tools against the real services: categories, images, stock movements, CSV
// export and import, bulk actions, the dashboard's low-stock list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pngBytes } from '@dm/catalog-service/images/test-images';
import { ADMIN, flashAfter, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';

let stack: GatewayStack;
let admin: TestBrowser;
let shopper: TestBrowser;
const ids: Record<string, string> = {};

async function product(sku: string, name: string, stock = 10, categoryId?: string) {
  const db = stack.catalogDb.db;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const row = await db
    .insertInto('products')
    .values({ sku, slug, name, description: 'For testing.', price: '20.00', stock })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (categoryId) await db.insertInto('product_categories').values({ product_id: row.id, category_id: categoryId }).execute();
  ids[sku] = row.id;
  return row.id;
}

const categoryRow = (name: string) => stack.catalogDb.db.selectFrom('categories').selectAll().where('name', '=', name).executeTakeFirst();

before(async () => {
  stack = await startGatewayStack();
  admin = new TestBrowser(stack.url);
  await admin.login(ADMIN.email, ADMIN.password);
  shopper = new TestBrowser(stack.url);
  await shopper.get('/register');
  await shopper.post('/register', {
    full_name: 'Sam Shopper',
    email: 'sam@example.com',
    password: 'sam-password',
    password_confirm: 'sam-password',
  });
});

after(async () => {
  await stack.stop();
});

describe('admin pages are the admin’s', () => {
  it('shows a shopper a 403 on every new admin page, and never takes their upload', async () => {
    const id = await product('GUARD-1', 'Guarded Thing');
    for (const path of ['/admin/categories', '/admin/products/import', '/admin/products/export.csv', `/admin/products/${id}/edit`]) {
      assert.equal((await shopper.get(path)).status, 403, path);
    }
    await shopper.get('/');
    const upload = await shopper.upload(`/admin/products/${id}/images`, {}, [{ field: 'images', name: 'a.png', data: pngBytes(8, 8) }]);
    assert.equal(upload.status, 403);
    const count = await stack.catalogDb.db
      .selectFrom('product_images')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    assert.equal((await new TestBrowser(stack.url).get('/admin/categories')).location, '/login?next=%2Fadmin%2Fcategories');
  });

  it('refuses a form without its CSRF token, multipart ones included', async () => {
    await admin.get('/admin/categories');
    assert.equal((await admin.post('/admin/categories', { _csrf: '', name: 'Sneaky' })).status, 403);
    const id = ids['GUARD-1']!;
    const upload = await admin.upload(`/admin/products/${id}/images`, { _csrf: 'wrong' }, [
      { field: 'images', name: 'a.png', data: pngBytes(8, 8) },
    ]);
    assert.equal(upload.status, 403);
    assert.equal(await categoryRow('Sneaky'), undefined);
  });
});

describe('admin categories', () => {
  it('creates, renames, moves and reorders categories', async () => {
    let page = await admin.get('/admin/categories');
    assert.equal(page.status, 200);
    assert.match(page.html, /<a class="nav-link active" href="\/admin\/categories" aria-current="page">Categories<\/a>/);
    assert.match(
      await flashAfter(admin, await admin.post('/admin/categories', { name: 'Outdoor', parent_id: '' })),
      /Category “Outdoor” was created/,
    );
    const outdoor = (await categoryRow('Outdoor'))!;
    await admin.get('/admin/categories');
    await admin.post('/admin/categories', { name: 'Garden', parent_id: '' });
    await admin.get('/admin/categories');
    await admin.post('/admin/categories', { name: 'Tents', parent_id: outdoor.id });
    await admin.get('/admin/categories');
    await admin.post('/admin/categories', { name: 'Stoves', parent_id: outdoor.id });
    const tents = (await categoryRow('Tents'))!;
    assert.equal(tents.parent_id, outdoor.id);

    // The tree: children indented under their parent, in order.
    page = await admin.get('/admin/categories');
    const rows = [
      ...page.html.matchAll(
        /<li class="category-row depth-(\d)" id="category-[^"]+">[\s\S]*?<a class="fw-semibold" href="[^"]+">([^<]+)<\/a>/g,
      ),
    ].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(rows, ['0:Outdoor', '1:Tents', '1:Stoves', '0:Garden']);

    // Rename and move under Garden through the edit form.
    const edit = await admin.get(`/admin/categories/${tents.id}/edit`);
    assert.match(edit.html, /value="Tents"/);
    assert.doesNotMatch(edit.html, new RegExp(`<option value="${tents.id}"`), 'a category is not offered as its own parent');
    const garden = (await categoryRow('Garden'))!;
    const saved = await admin.post(`/admin/categories/${tents.id}`, {
      name: 'Tents & Shelters',
      slug: 'tents',
      parent_id: garden.id,
      sort_order: '0',
    });
    assert.match(await flashAfter(admin, saved), /“Tents &amp; Shelters” was saved/);
    const moved = (await categoryRow('Tents & Shelters'))!;
    assert.equal(moved.parent_id, garden.id);
    assert.equal(moved.slug, 'tents');

    // Garden goes up above Outdoor.
    await admin.get('/admin/categories');
    assert.equal((await admin.post(`/admin/categories/${garden.id}/move`, { direction: 'up' })).status, 302);
    page = await admin.get('/admin/categories');
    const order = [
      ...page.html.matchAll(
        /<li class="category-row depth-(\d)" id="category-[^"]+">[\s\S]*?<a class="fw-semibold" href="[^"]+">([^<]+)<\/a>/g,
      ),
    ].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(order, ['0:Garden', '1:Tents &amp; Shelters', '0:Outdoor', '1:Stoves']);
    // The shop's navbar follows at once.
    const shop = await new TestBrowser(stack.url).get('/');
    assert.ok(shop.html.indexOf('>Garden</a>') < shop.html.indexOf('>Outdoor</a>'));
  });

  it('shows the catalog’s reasons when a category cannot be saved or moved under itself', async () => {
    const outdoor = (await categoryRow('Outdoor'))!;
    const stoves = (await categoryRow('Stoves'))!;
    await admin.get('/admin/categories');
    const blank = await admin.post('/admin/categories', { name: '', parent_id: '' });
    assert.equal(blank.status, 422);
    assert.match(blank.html, /is-invalid/);
    await admin.get(`/admin/categories/${outdoor.id}/edit`);
    const loop = await admin.post(`/admin/categories/${outdoor.id}`, {
      name: 'Outdoor',
      slug: 'outdoor',
      parent_id: stoves.id,
      sort_order: String(outdoor.sort_order),
    });
    assert.equal(loop.status, 422);
    assert.match(loop.html, /cannot move under itself or one of its own subcategories/);
  });

  it('deletes an empty category and explains a refusal for one holding products', async () => {
    const stoves = (await categoryRow('Stoves'))!;
    await product('STOVE-1', 'Camp Stove', 5, stoves.id);
    await admin.get('/admin/categories');
    const refused = await flashAfter(admin, await admin.post(`/admin/categories/${stoves.id}/delete`, { name: 'Stoves' }));
    assert.match(refused, /Not deleted: “Stoves” still holds 1 product: move them to another category first/);
    assert.ok(await categoryRow('Stoves'));

    await admin.get('/admin/categories');
    await admin.post('/admin/categories', { name: 'Empty Shelf', parent_id: '' });
    const empty = (await categoryRow('Empty Shelf'))!;
    await admin.get('/admin/categories');
    assert.match(
      await flashAfter(admin, await admin.post(`/admin/categories/${empty.id}/delete`, { name: 'Empty Shelf' })),
      /“Empty Shelf” was deleted/,
    );
    assert.equal(await categoryRow('Empty Shelf'), undefined);
  });
});

describe('product images', () => {
  it('uploads a real PNG and refuses a text file named like one, saying which', async () => {
    const id = await product('IMG-1', 'Picture Frame');
    await admin.get(`/admin/products/${id}/edit`);
    const res = await admin.upload(`/admin/products/${id}/images`, {}, [
      { field: 'images', name: 'frame.png', data: pngBytes(64, 48), type: 'image/png' },
      { field: 'images', name: 'notes.png', data: 'just some text, not a picture\n', type: 'image/png' },
    ]);
    assert.equal(res.location, `/admin/products/${id}/edit#images`);
    const message = await flashAfter(admin, res);
    assert.match(message, /1 image was added\. Not added: “notes\.png” not a JPEG, PNG or WebP image/);
    const rows = await stack.catalogDb.db
      .selectFrom('product_images')
      .select(['id', 'width', 'height'])
      .where('product_id', '=', id)
      .execute();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.width, rows[0]!.height], [64, 48]);
    const row = await stack.catalogDb.db.selectFrom('products').select('image_url').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.image_url, `/images/${rows[0]!.id}`, 'the first image becomes the main one');

    const page = await admin.get(`/admin/products/${id}/edit`);
    assert.match(page.html, /64 × 48 px · PNG/);
    assert.match(page.html, /<span class="badge text-bg-primary">Main<\/span>/);
    // The image is served, the thumbnail too.
    const image = await fetch(`${stack.url}/images/${rows[0]!.id}?size=thumb`);
    assert.equal(image.status, 200);
    assert.match(image.headers.get('content-type') ?? '', /^image\//);
  });

  it('makes another image the main one, moves and deletes images', async () => {
    const id = ids['IMG-1']!;
    await admin.get(`/admin/products/${id}/edit`);
    await admin.upload(`/admin/products/${id}/images`, {}, [
      { field: 'images', name: 'second.png', data: pngBytes(20, 20, [10, 200, 10]) },
      { field: 'images', name: 'third.png', data: pngBytes(30, 30, [10, 10, 200]) },
    ]);
    const list = async () =>
      stack.catalogDb.db.selectFrom('product_images').select(['id', 'width']).where('product_id', '=', id).orderBy('position').execute();
    const [first, second, third] = await list();
    assert.deepEqual([first!.width, second!.width, third!.width], [64, 20, 30]);

    await admin.get(`/admin/products/${id}/edit`);
    assert.match(await flashAfter(admin, await admin.post(`/admin/products/${id}/images/${third!.id}/main`, {})), /main image was changed/);
    assert.deepEqual(
      (await list()).map((r) => r.width),
      [30, 64, 20],
    );
    const main = await stack.catalogDb.db.selectFrom('products').select('image_url').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(main.image_url, `/images/${third!.id}`);

    await admin.get(`/admin/products/${id}/edit`);
    await admin.post(`/admin/products/${id}/images/${second!.id}/move`, { direction: 'up' });
    assert.deepEqual(
      (await list()).map((r) => r.width),
      [30, 20, 64],
    );

    await admin.get(`/admin/products/${id}/edit`);
    assert.match(await flashAfter(admin, await admin.post(`/admin/products/${id}/images/${first!.id}/delete`, {})), /image was deleted/);
    assert.deepEqual(
      (await list()).map((r) => r.width),
      [30, 20],
    );
  });

  it('says so when no file is chosen or one is too large', async () => {
    const id = ids['IMG-1']!;
    await admin.get(`/admin/products/${id}/edit`);
    assert.match(await flashAfter(admin, await admin.upload(`/admin/products/${id}/images`, {}, [])), /Choose one or more images/);
    await admin.get(`/admin/products/${id}/edit`);
    const huge = Buffer.concat([pngBytes(8, 8), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await admin.upload(`/admin/products/${id}/images`, {}, [{ field: 'images', name: 'huge.png', data: huge }]);
    assert.match(await flashAfter(admin, res), /No images were added: “huge\.png” is too large: an image may be at most 5 MB\./);
  });
});

describe('stock movements', () => {
  it('adjusts stock with a reason and shows the history: when, who, change, reason, stock after', async () => {
    const id = await product('STK-1', 'Stock Pot', 3);
    const edit = await admin.get(`/admin/products/${id}/edit`);
    assert.match(edit.html, /id="stock"/);
    assert.match(
      await flashAfter(
        admin,
        await admin.post(`/admin/products/${id}/stock-movements`, { delta: '+10', reason: 'Delivery from supplier' }),
      ),
      /Stock \+10 \(Delivery from supplier\): 13 in stock now/,
    );
    await admin.get(`/admin/products/${id}/edit`);
    assert.match(
      await flashAfter(admin, await admin.post(`/admin/products/${id}/stock-movements`, { delta: '-2', reason: 'Damaged or lost' })),
      /Stock −2 \(Damaged or lost\): 11 in stock now/,
    );

    const page = await admin.get(`/admin/products/${id}/edit`);
    const history = /<h3 class="h6 mt-4">History<\/h3>([\s\S]*?)<\/table>/.exec(page.html)![1]!;
    const rows = [
      ...history.matchAll(
        /<tr>\s*<td data-label="When"[^>]*>([^<]+)<\/td>\s*<td data-label="Who">([^<]+)<\/td>\s*<td data-label="Change"><span class="delta [^"]+">([^<]+)<\/span><\/td>\s*<td data-label="Reason">([^<]+)<\/td>\s*<td data-label="Stock after">(\d+)<\/td>/g,
      ),
    ].map((m) => [m[2], m[3], m[4], m[5]]);
    assert.deepEqual(rows, [
      [ADMIN.email, '−2', 'Damaged or lost', '11'],
      [ADMIN.email, '+10', 'Delivery from supplier', '13'],
    ]);
    const stock = await stack.catalogDb.db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stock.stock, 11);
  });

  it('refuses a change of nothing, a missing reason and taking more than there is', async () => {
    const id = ids['STK-1']!;
    await admin.get(`/admin/products/${id}/edit`);
    assert.match(
      await flashAfter(admin, await admin.post(`/admin/products/${id}/stock-movements`, { delta: '0', reason: 'Nothing' })),
      /Stock not changed: change must not be 0/,
    );
    await admin.get(`/admin/products/${id}/edit`);
    assert.match(
      await flashAfter(admin, await admin.post(`/admin/products/${id}/stock-movements`, { delta: '5', reason: '' })),
      /Stock not changed: reason is required/,
    );
    await admin.get(`/admin/products/${id}/edit`);
    assert.match(
      await flashAfter(admin, await admin.post(`/admin/products/${id}/stock-movements`, { delta: '-50', reason: 'Oops' })),
      /Stock not changed: only 11 in stock: cannot take away 50/,
    );
  });
});

describe('CSV export and import', () => {
  it('exports the catalog as a CSV download', async () => {
    await product('CSV-OLD', 'Old Lantern', 4);
    const res = await admin.get('/admin/products/export.csv');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="catalog-\d{4}-\d\d-\d\d\.csv"$/);
    const [header, ...lines] = res.html.trim().split('\n');
    assert.equal(header, 'sku,name,description,price,stock,is_active,is_featured,tags,categories,image_url');
    assert.ok(lines.some((l) => l.startsWith('CSV-OLD,Old Lantern,')));
  });

  it('imports nothing from a file with one bad row and names the line, then imports a good file', async () => {
    const exported = (await admin.get('/admin/products/export.csv')).html;
    const oldLine = exported.split('\n').find((l) => l.startsWith('CSV-OLD,'))!;
    const bad = [
      'sku,name,price,stock',
      'CSV-NEW-1,Brass Compass,24.50,7',
      'CSV-NEW-2,Canvas Map Case,abc,3',
      'CSV-OLD,Old Lantern (restored),31.00,4',
    ].join('\n');
    await admin.get('/admin/products');
    const refused = await admin.upload('/admin/products/import', {}, [{ field: 'file', name: 'bad.csv', data: bad, type: 'text/csv' }]);
    assert.equal(refused.status, 422);
    assert.match(refused.html, /<strong>bad\.csv<\/strong>: 1 row has errors; nothing was imported/);
    assert.match(refused.html, /<td data-label="Line">3<\/td><td data-label="Column">price<\/td><td data-label="Problem">[^<]+<\/td>/);
    const none = await stack.catalogDb.db.selectFrom('products').select('sku').where('sku', 'like', 'CSV-NEW-%').execute();
    assert.deepEqual(none, []);
    const old = await stack.catalogDb.db.selectFrom('products').select('name').where('sku', '=', 'CSV-OLD').executeTakeFirstOrThrow();
    assert.equal(old.name, 'Old Lantern');

    // The exported line comes back unchanged; one product is changed, one created.
    const goodFile = [
      exported.split('\n')[0],
      'CSV-NEW-1,Brass Compass,A compass.,24.50,7,true,false,outdoor|brass,,',
      oldLine.replace('CSV-OLD,Old Lantern,', 'CSV-OLD,Old Lantern (restored),'),
    ].join('\n');
    await admin.get('/admin/products');
    const imported = await admin.upload('/admin/products/import', {}, [
      { field: 'file', name: 'good.csv', data: goodFile, type: 'text/csv' },
    ]);
    assert.equal(imported.location, '/admin/products');
    assert.match(await flashAfter(admin, imported), /Imported “good\.csv”: 1 created, 1 updated, 0 unchanged\./);
    const created = await stack.catalogDb.db.selectFrom('products').selectAll().where('sku', '=', 'CSV-NEW-1').executeTakeFirstOrThrow();
    assert.equal(created.price, '24.50');
    assert.deepEqual(created.tags, ['outdoor', 'brass']);
    const renamed = await stack.catalogDb.db.selectFrom('products').select('name').where('sku', '=', 'CSV-OLD').executeTakeFirstOrThrow();
    assert.equal(renamed.name, 'Old Lantern (restored)');
    // The shop shows the new product at once.
    assert.match((await new TestBrowser(stack.url).get('/products?q=compass')).html, /Brass Compass/);
  });

  it('asks for a file when none is chosen', async () => {
    await admin.get('/admin/products/import');
    const res = await admin.upload('/admin/products/import', {}, []);
    assert.equal(res.status, 422);
    assert.match(res.html, /Choose a CSV file to import/);
  });
});

describe('product list tools', () => {
  it('filters by category and stock, sorts, and offers the CSV tools', async () => {
    const stoves = (await categoryRow('Stoves'))!;
    const page = await admin.get(`/admin/products?category=${stoves.slug}&stock=in&sort=name`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Camp Stove/);
    assert.doesNotMatch(page.html, /Picture Frame/);
    assert.match(page.html, /href="\/admin\/products\/export\.csv"/);
    assert.match(page.html, /action="\/admin\/products\/import" enctype="multipart\/form-data"/);
    assert.match(page.html, /<option value="name" selected>Name<\/option>/);
    const out = await admin.get('/admin/products?stock=out');
    assert.doesNotMatch(out.html, /Camp Stove/);
  });

  it('bulk-deactivates two products, which then vanish from the shop', async () => {
    const a = await product('BULK-A', 'Bulk Alpha Kettle');
    const b = await product('BULK-B', 'Bulk Beta Kettle');
    await product('BULK-C', 'Bulk Gamma Kettle');
    assert.equal((await new TestBrowser(stack.url).get('/products?q=bulk%20kettle')).html.match(/class="product-card"/g)?.length, 3);

    await admin.get('/admin/products?q=bulk');
    const res = await admin.post('/admin/products/bulk', { ids: [a, b], action: 'deactivate', back: '/admin/products?q=bulk' });
    assert.equal(res.location, '/admin/products?q=bulk');
    assert.match(await flashAfter(admin, res), /2 products are hidden from the shop\./);
    const rows = await stack.catalogDb.db
      .selectFrom('products')
      .select(['sku', 'is_active'])
      .where('sku', 'like', 'BULK-%')
      .orderBy('sku')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.is_active),
      [false, false, true],
    );
    const shop = await new TestBrowser(stack.url).get('/products?q=bulk%20kettle');
    assert.doesNotMatch(shop.html, /Bulk Alpha Kettle|Bulk Beta Kettle/);
    assert.match(shop.html, /Bulk Gamma Kettle/);
  });

  it('sets a category in bulk, and asks for a choice when one is missing', async () => {
    const outdoor = (await categoryRow('Outdoor'))!;
    await admin.get('/admin/products');
    const moved = await admin.post('/admin/products/bulk', { ids: [ids['BULK-C']!], action: 'set_category', category_id: outdoor.id });
    assert.match(await flashAfter(admin, moved), /1 product was moved to the category/);
    const link = await stack.catalogDb.db
      .selectFrom('product_categories')
      .select('category_id')
      .where('product_id', '=', ids['BULK-C']!)
      .execute();
    assert.deepEqual(
      link.map((l) => l.category_id),
      [outdoor.id],
    );
    await admin.get('/admin/products');
    assert.match(
      await flashAfter(admin, await admin.post('/admin/products/bulk', { action: 'deactivate' })),
      /Tick at least one product first/,
    );
    await admin.get('/admin/products');
    assert.match(
      await flashAfter(admin, await admin.post('/admin/products/bulk', { ids: [ids['BULK-C']!], action: 'set_category' })),
      /Choose the category/,
    );
  });
});

describe('dashboard', () => {
  it('lists the products running low, each linking to its edit page', async () => {
    const id = await product('LOW-1', 'Nearly Gone Candle', 1);
    const page = await admin.get('/admin');
    assert.equal(page.status, 200);
    assert.match(page.html, new RegExp(`<a class="fw-semibold" href="/admin/products/${id}/edit#stock">Nearly Gone Candle</a>`));
    assert.match(page.html, /1 left/);
  });
});
