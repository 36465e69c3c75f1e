import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { addCategory, addProduct, as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;
let kitchen: { id: string; slug: string };
let mugs: { id: string; slug: string };

before(async () => {
  h = await startCatalog('catalog_csv');
  kitchen = await addCategory(h.db, 'Kitchen');
  mugs = await addCategory(h.db, 'Mugs', { parentId: kitchen.id });
});

after(async () => {
  await h.close();
});

const HEADER = 'sku,name,description,price,stock,is_active,is_featured,tags,categories,image_url';

async function exportCsv(auth: Record<string, string> = as.admin) {
  const res = await fetch(`${h.url}/products/export.csv`, { headers: auth });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function importCsv(text: string | Buffer, auth: Record<string, string> = as.admin, type = 'text/csv') {
  const res = await fetch(`${h.url}/products/import`, { method: 'POST', headers: { 'content-type': type, ...auth }, body: text });
  const body = await res.text();
  return { status: res.status, body: body ? JSON.parse(body) : undefined };
}

const allProducts = () => h.db.selectFrom('products').selectAll().orderBy('sku').execute();
const allLinks = () => h.db.selectFrom('product_categories').selectAll().orderBy('product_id').orderBy('category_id').execute();
const bySku = (sku: string) => h.db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();
const movementsOf = (productId: string) =>
  h.db
    .selectFrom('stock_movements')
    .select(['delta', 'reason', 'actor', 'stock_after'])
    .where('product_id', '=', productId)
    .orderBy('created_at')
    .execute();

describe('GET /products/export.csv', () => {
  it('writes every product, active or not, with tricky text quoted', async () => {
    await addProduct(h.db, {
      sku: 'CSV-A',
      name: 'Mug, "Large"',
      description: 'Holds 500 ml.\nDishwasher safe, "mostly".',
      price: '12.50',
      stock: 7,
      is_featured: true,
      tags: ['ceramic', 'gift'],
      image_url: '/images/somewhere',
      categoryIds: [kitchen.id, mugs.id],
    });
    await addProduct(h.db, { sku: 'CSV-B', name: 'Retired Pot', price: '3.00', stock: 0, is_active: false });

    const res = await exportCsv();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="catalog-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.equal(
      res.text,
      `${HEADER}\n` +
        'CSV-A,"Mug, ""Large""","Holds 500 ml.\nDishwasher safe, ""mostly"".",12.50,7,true,true,ceramic|gift,kitchen|mugs,/images/somewhere\n' +
        'CSV-B,Retired Pot,,3.00,0,false,false,,,\n',
    );
    const records = parse(res.text, { columns: true }) as Record<string, string>[];
    assert.equal(records[0]!.description, 'Holds 500 ml.\nDishwasher safe, "mostly".');
  });

  it('goes round: importing the export changes nothing', async () => {
    // More than one export batch, so paging by SKU is part of the trip.
    // Added 50 at a time: a thousand round trips one after another took 20 s on a busy machine.
    const add = (i: number) => addProduct(h.db, { sku: `BULK-${String(i).padStart(4, '0')}`, name: `Bulk ${i}`, stock: i % 7 });
    for (let start = 0; start < 1005; start += 50) {
      await Promise.all(Array.from({ length: Math.min(50, 1005 - start) }, (_, j) => add(start + j)));
    }
    const products = await allProducts();
    const links = await allLinks();
    const exported = await exportCsv();
    assert.equal(
      exported.text.trimEnd().split('\n').length,
      1 + 1 + products.length,
      'header, the multi-line description, one line a product',
    );

    const res = await importCsv(exported.text);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { created: 0, updated: 0, unchanged: products.length });
    assert.deepEqual(await allProducts(), products, 'not even updated_at moved');
    assert.deepEqual(await allLinks(), links);
    assert.equal((await exportCsv()).text, exported.text);
    const moved = await h.db.selectFrom('stock_movements').select('id').execute();
    assert.deepEqual(moved, []);
  });
});

describe('POST /products/import', () => {
  it('creates new SKUs and updates existing ones in one go, recording stock changes', async () => {
    const existing = await addProduct(h.db, {
      sku: 'IMP-OLD',
      name: 'Old Name',
      price: '5.00',
      stock: 10,
      tags: ['keep'],
      is_featured: true,
    });
    const csv = [
      'sku,name,price,stock,categories,description',
      'imp-old,New Name,6.25,4,mugs,"Now with\na handle"',
      'IMP-NEW,Brand New Mug,9.99,12,kitchen|mugs,',
      'IMP-ZERO,Empty Shelf,1,0,,',
    ].join('\r\n');
    const res = await importCsv(csv);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { created: 2, updated: 1, unchanged: 0 });

    const old = (await bySku('IMP-OLD'))!;
    assert.deepEqual(
      [old.id, old.name, old.price, old.stock, old.description, old.tags, old.is_featured],
      [existing.id, 'New Name', '6.25', 4, 'Now with\na handle', ['keep'], true],
      'columns the file lacks keep their values',
    );
    const created = (await bySku('IMP-NEW'))!;
    assert.deepEqual(
      [created.name, created.slug, created.price, created.stock, created.is_active, created.is_featured],
      ['Brand New Mug', 'brand-new-mug', '9.99', 12, true, false],
    );
    const detail = await h.api('GET', `/products/${created.id}`);
    assert.deepEqual(detail.body.categories.map((c: { slug: string }) => c.slug).sort(), ['kitchen', 'mugs']);
    assert.deepEqual(
      (await h.api('GET', `/products/${old.id}`)).body.categories.map((c: { slug: string }) => c.slug),
      ['mugs'],
    );

    assert.deepEqual(await movementsOf(existing.id), [{ delta: -6, reason: 'CSV import', actor: 'admin@example.com', stock_after: 4 }]);
    assert.deepEqual(await movementsOf(created.id), [{ delta: 12, reason: 'CSV import', actor: 'admin@example.com', stock_after: 12 }]);
    assert.deepEqual(await movementsOf((await bySku('IMP-ZERO'))!.id), []);

    const again = await importCsv(csv);
    assert.deepEqual(again.body, { created: 0, updated: 0, unchanged: 3 });
  });

  it('gives a new product a free slug, numbering names already in use', async () => {
    await addProduct(h.db, { sku: 'SLUG-0', name: 'Same Name', slug: 'same-name' });
    const res = await importCsv('sku,name,price,stock\nSLUG-1,Same Name,1,1\nSLUG-2,Same Name,1,1\n');
    assert.equal(res.status, 200);
    assert.deepEqual([(await bySku('SLUG-1'))!.slug, (await bySku('SLUG-2'))!.slug], ['same-name-2', 'same-name-3']);
  });

  it('imports nothing when one row is bad, and names its line and field', async () => {
    const before = await allProducts();
    const csv = [
      'sku,name,description,price,stock',
      'GOOD-1,Good One,"a description',
      'over two lines",1.00,1',
      'IMP-OLD,Changed,,2.00,2',
      'BAD-1,Bad One,,12.345,3',
      'GOOD-2,Good Two,,4.00,4',
    ].join('\n');
    const res = await importCsv(csv);
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, {
      detail: '1 row has errors; nothing was imported',
      errors: [{ line: 5, field: 'price', message: 'must be an amount such as 19.99 (at most two decimals, not negative)' }],
    });
    assert.deepEqual(await allProducts(), before);
  });

  it('reports every bad row, an unknown category and a repeated SKU among them', async () => {
    const before = await allProducts();
    const csv = [
      'sku,name,price,stock,categories,is_active',
      'OK-1,Fine,1.00,1,kitchen,true',
      ',No Sku,1.00,1,,',
      'OK-2,Somewhere,1.00,1,kitchen|no-such-place,',
      'OK-3,Negative,1.00,-4,,maybe',
      'ok-1,Again,1.00,1,,',
    ].join('\n');
    const res = await importCsv(csv);
    assert.equal(res.status, 422);
    assert.equal(res.body.detail, '4 rows have errors; nothing was imported');
    assert.deepEqual(
      res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field]),
      [
        [3, 'sku'],
        [4, 'categories'],
        [5, 'is_active'],
        [5, 'stock'],
        [6, 'sku'],
      ],
    );
    assert.deepEqual(res.body.errors[0], { line: 3, field: 'sku', message: 'is required' });
    assert.equal(res.body.errors[1].message, 'no such category: no-such-place');
    assert.deepEqual(await allProducts(), before);
  });

  it('refuses a bad header, a file that is not CSV or not UTF-8, and one over 5 MB', async () => {
    const header = await importCsv('sku,name,price\nA,B,1\n');
    assert.equal(header.status, 422);
    assert.deepEqual(header.body, {
      detail: 'the header row has errors; nothing was imported',
      errors: [{ line: 1, field: 'stock', message: 'the header must name this column' }],
    });
    const unclosed = await importCsv('sku,name,price,stock\nA,"B,1,1\n');
    assert.equal(unclosed.status, 422);
    assert.equal(unclosed.body.errors[0].line, 2);
    const latin1 = await importCsv(Buffer.from('sku,name,price,stock\nA,Caf\xe9,1,1\n', 'latin1'));
    assert.equal(latin1.status, 422);
    assert.equal(latin1.body.detail, 'the file is not UTF-8 text');
    const huge = await importCsv(`${'sku,name,price,stock\n'}${'X,'.repeat(3_000_000)}`);
    assert.equal(huge.status, 413);
    assert.deepEqual(huge.body, { detail: 'a CSV file may be at most 5 MB' });
  });

  it('takes a header-only file as nothing to do', async () => {
    assert.deepEqual((await importCsv(`${HEADER}\n`)).body, { created: 0, updated: 0, unchanged: 0 });
  });

  it('CSV routes answer 401 without a token and 403 for a user', async () => {
    const before = await allProducts();
    for (const [auth, status] of [
      [{}, 401],
      [as.user, 403],
    ] as const) {
      assert.equal((await exportCsv(auth)).status, status);
      assert.equal((await importCsv('sku,name,price,stock\nHACK-1,Hack,1,1\n', auth)).status, status);
    }
    assert.deepEqual(await allProducts(), before);
  });
});
