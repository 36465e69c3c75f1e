// The demo catalog as an admin first meets it: its export must import back as it is, and its
// pictures (SVG, stored before uploads existed) must have a size and a thumbnail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@dm/common/testing';
import { seedDemoCatalog } from '../seed/demo-catalog.js';
import { as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_csv_demo');
  await seedDemoCatalog(h.db, silentLogger);
});

after(async () => {
  await h.close();
});

describe('the demo catalog', () => {
  it('goes out as CSV and back in unchanged', async () => {
    const products = await h.db.selectFrom('products').selectAll().orderBy('sku').execute();
    const exported = await (await fetch(`${h.url}/products/export.csv`, { headers: as.admin })).text();
    const res = await fetch(`${h.url}/products/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...as.admin },
      body: exported,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { created: 0, updated: 0, unchanged: products.length });
    assert.deepEqual(await h.db.selectFrom('products').selectAll().orderBy('sku').execute(), products);
  });

  it('shows each picture with its size, and serves a thumbnail of it', async () => {
    const product = (await h.api('GET', '/products?page_size=1')).body.items[0];
    const detail = await h.api('GET', `/products/${product.id}`);
    assert.deepEqual(
      detail.body.images.map((i: { width: number; height: number }) => [i.width, i.height]),
      [[800, 800]],
    );
    const thumb = await fetch(`${h.url}${detail.body.image_url}?size=thumb`);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get('content-type'), 'image/webp');
  });
});
