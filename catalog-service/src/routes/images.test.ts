import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addImage, addProduct, type Harness, startCatalog } from '../test-support.js';

let h: Harness;
let image: { id: string; sha256: string; data: Buffer };

before(async () => {
  h = await startCatalog('catalog_images');
  const product = await addProduct(h.db, { name: 'Pictured Product' });
  image = await addImage(h.db, product.id, { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>' });
});

after(async () => {
  await h.close();
});

describe('GET /images/:id', () => {
  it('serves the bytes with their type, long-lived cache headers and a locked-down policy', async () => {
    const res = await fetch(`${h.url}/images/${image.id}`);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(bytes, image.data);
    assert.equal(image.sha256, createHash('sha256').update(image.data).digest('hex'));
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('etag'), `"${image.sha256}"`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  });

  // As a browser revalidates: fetch() alone would add `cache-control: no-cache`, which asks for the bytes.
  const revalidate = (tag: string, cacheControl = 'max-age=0') =>
    fetch(`${h.url}/images/${image.id}`, { headers: { 'if-none-match': tag, 'cache-control': cacheControl } });

  it('answers 304 with no body when If-None-Match names the ETag', async () => {
    for (const tag of [`"${image.sha256}"`, `W/"${image.sha256}"`, `"other", "${image.sha256}"`, '*']) {
      const res = await revalidate(tag);
      assert.equal(res.status, 304, tag);
      assert.equal(await res.text(), '');
      assert.equal(res.headers.get('etag'), `"${image.sha256}"`);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    }
  });

  it('sends the bytes again when the ETag does not match, or when the client asks past its cache', async () => {
    for (const res of [await revalidate('"stale"'), await revalidate(`"${image.sha256}"`, 'no-cache')]) {
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), image.data);
    }
  });

  it('answers an unknown or malformed id with a JSON 404', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      const res = await h.api('GET', `/images/${id}`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { detail: 'image not found' });
    }
  });
});
