import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { jpegBytes, pngBytes, webpBytes } from '../images/test-images.js';
import { addImage, addProduct, as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_product_images');
});

after(async () => {
  await h.close();
});

/** Sends raw bytes, as the gateway forwards an uploaded file. */
async function upload(productId: string, bytes: Buffer, options: { type?: string; alt?: string; auth?: Record<string, string> } = {}) {
  const query = options.alt === undefined ? '' : `?alt=${encodeURIComponent(options.alt)}`;
  const res = await fetch(`${h.url}/products/${productId}/images${query}`, {
    method: 'POST',
    headers: { 'content-type': options.type ?? 'application/octet-stream', ...(options.auth ?? as.admin) },
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const productRow = (id: string) =>
  h.db.selectFrom('products').select(['image_url', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
const listIds = async (productId: string) =>
  (await h.api('GET', `/products/${productId}/images`, undefined, as.admin)).body.items.map((i: { id: string }) => i.id);
const imageCount = async (productId: string) =>
  (
    await h.db
      .selectFrom('product_images')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow()
  ).n;

describe('POST /products/:id/images', () => {
  it('stores a PNG, JPEG and WebP by their content, whatever type the client names; the first becomes the main image', async () => {
    const product = await addProduct(h.db, { name: 'Uploaded Lamp' });
    const png = pngBytes(30, 20);
    const first = await upload(product.id, png, { type: 'image/jpeg' });
    assert.equal(first.status, 201);
    assert.deepEqual(first.body, {
      id: first.body.id,
      url: `/images/${first.body.id}`,
      alt: 'Uploaded Lamp',
      width: 30,
      height: 20,
      position: 0,
      is_main: true,
      content_type: 'image/png',
      byte_size: png.length,
    });
    assert.equal((await productRow(product.id)).image_url, `/images/${first.body.id}`);

    const jpeg = await upload(product.id, await jpegBytes(64, 48), { type: 'text/plain' });
    assert.equal(jpeg.status, 201);
    assert.equal(jpeg.body.content_type, 'image/jpeg');
    assert.deepEqual([jpeg.body.width, jpeg.body.height, jpeg.body.position, jpeg.body.is_main], [64, 48, 1, false]);

    const webpData = await webpBytes(40, 50);
    const webp = await upload(product.id, webpData, { alt: '  Side view ' });
    assert.equal(webp.status, 201);
    assert.equal(webp.body.content_type, 'image/webp');
    assert.equal(webp.body.alt, 'Side view');
    assert.deepEqual([webp.body.width, webp.body.height, webp.body.position], [40, 50, 2]);

    const served = await fetch(`${h.url}${webp.body.url}`);
    assert.equal(served.headers.get('content-type'), 'image/webp');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), webpData);
    const stored = await h.db
      .selectFrom('product_images')
      .select(['sha256', 'byte_size'])
      .where('id', '=', webp.body.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { sha256: createHash('sha256').update(webpData).digest('hex'), byte_size: webpData.length });

    const detail = await h.api('GET', `/products/${product.id}`);
    assert.equal(detail.body.image_url, `/images/${first.body.id}`);
    assert.deepEqual(detail.body.images, [
      { id: first.body.id, url: `/images/${first.body.id}`, alt: 'Uploaded Lamp', width: 30, height: 20 },
      { id: jpeg.body.id, url: `/images/${jpeg.body.id}`, alt: 'Uploaded Lamp', width: 64, height: 48 },
      { id: webp.body.id, url: `/images/${webp.body.id}`, alt: 'Side view', width: 40, height: 50 },
    ]);
  });

  it('leaves a product image_url set by hand in place', async () => {
    const product = await addProduct(h.db, { image_url: 'https://cdn.example.com/a.png' });
    const res = await upload(product.id, pngBytes(2, 2));
    assert.equal(res.body.is_main, false);
    assert.equal((await productRow(product.id)).image_url, 'https://cdn.example.com/a.png');
  });

  it('gives the size a browser shows for a photo stored sideways (EXIF orientation 6)', async () => {
    const product = await addProduct(h.db);
    const res = await upload(product.id, await jpegBytes(60, 20, { orientation: 6 }));
    assert.equal(res.status, 201);
    assert.deepEqual([res.body.width, res.body.height], [20, 60]);
  });

  it('refuses a text file renamed .png, an SVG, and a damaged image with 422, storing nothing', async () => {
    const product = await addProduct(h.db);
    const text = await upload(product.id, Buffer.from('name,price\nlamp,19.99\n'), { type: 'image/png' });
    assert.equal(text.status, 422);
    assert.deepEqual(text.body, {
      detail: 'not a JPEG, PNG or WebP image',
      errors: [{ field: 'image', message: 'not a JPEG, PNG or WebP image' }],
    });
    const svg = await upload(product.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="5" height="5"/>'), {
      type: 'image/svg+xml',
    });
    assert.equal(svg.status, 422);
    assert.equal(svg.body.detail, 'not a JPEG, PNG or WebP image');
    const cut = await upload(product.id, pngBytes(10, 10).subarray(0, 20));
    assert.equal(cut.status, 422);
    assert.equal(cut.body.detail, 'the image is damaged: its size cannot be read');
    const garbled = pngBytes(10, 10);
    garbled.fill(0x41, 33);
    const bad = await upload(product.id, garbled);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.detail, 'the image is damaged and cannot be decoded');
    const empty = await upload(product.id, Buffer.alloc(0));
    assert.equal(empty.status, 422);
    assert.equal(await imageCount(product.id), 0);
    assert.equal((await productRow(product.id)).image_url, null);
  });

  it('refuses more than 5 MB with 413', async () => {
    const product = await addProduct(h.db);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0);
    pngBytes(1, 1).copy(big);
    const res = await upload(product.id, big);
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, { detail: 'an image may be at most 5 MB' });
    assert.equal(await imageCount(product.id), 0);
  });

  it('refuses an image wider than 10000 pixels', async () => {
    const product = await addProduct(h.db);
    const header = pngBytes(1, 1);
    header.writeUInt32BE(10_001, 16); // the header alone is read before any decoding
    const res = await upload(product.id, header);
    assert.equal(res.status, 422);
    assert.equal(res.body.detail, 'the image is 10001 × 1 pixels; at most 10000 on a side');
  });

  it('answers 415 when the body came as a form, which the service reads before any route', async () => {
    const product = await addProduct(h.db);
    const res = await upload(product.id, Buffer.from('a=1'), { type: 'application/x-www-form-urlencoded' });
    assert.equal(res.status, 415);
    assert.match(res.body.detail, /^send the file as the request body/);
    assert.equal(await imageCount(product.id), 0);
  });

  it('answers 404 for an unknown product, and 422 for a bad alt', async () => {
    assert.equal((await upload(randomUUID(), pngBytes(1, 1))).status, 404);
    assert.equal((await upload('nope', pngBytes(1, 1))).status, 404);
    const product = await addProduct(h.db);
    assert.equal((await upload(product.id, pngBytes(1, 1), { alt: 'x'.repeat(301) })).status, 422);
  });
});

describe('managing a product gallery', () => {
  let product: { id: string };
  let a: string;
  let b: string;
  let c: string;

  before(async () => {
    product = await addProduct(h.db, { name: 'Gallery Chair' });
    a = (await upload(product.id, pngBytes(3, 3))).body.id;
    b = (await upload(product.id, pngBytes(4, 4))).body.id;
    c = (await upload(product.id, pngBytes(5, 5))).body.id;
  });

  it('lists the images in order with their position and which is main', async () => {
    const res = await h.api('GET', `/products/${product.id}/images`, undefined, as.admin);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((i: { id: string; position: number; is_main: boolean; width: number }) => [i.id, i.position, i.is_main, i.width]),
      [
        [a, 0, true, 3],
        [b, 1, false, 4],
        [c, 2, false, 5],
      ],
    );
    assert.equal((await h.api('GET', `/products/${randomUUID()}/images`, undefined, as.admin)).status, 404);
  });

  it('reorders, and the first image is then the main one', async () => {
    const res = await h.api('PUT', `/products/${product.id}/images/order`, { ids: [c, a, b] }, as.admin);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((i: { id: string }) => i.id),
      [c, a, b],
    );
    assert.deepEqual(
      res.body.items.map((i: { position: number }) => i.position),
      [0, 1, 2],
    );
    assert.equal(res.body.items[0].is_main, true);
    assert.equal((await productRow(product.id)).image_url, `/images/${c}`);
    assert.deepEqual(
      (await h.api('GET', `/products/${product.id}`)).body.images.map((i: { id: string }) => i.id),
      [c, a, b],
    );
  });

  it('refuses an order that is not exactly the product’s images', async () => {
    const other = await addProduct(h.db);
    const foreign = (await upload(other.id, pngBytes(1, 1))).body.id;
    for (const ids of [
      [a, b],
      [a, b, c, c],
      [a, b, foreign],
      [a, b, c, foreign],
      [a, b, 'x'],
    ]) {
      const res = await h.api('PUT', `/products/${product.id}/images/order`, { ids }, as.admin);
      assert.equal(res.status, 422, JSON.stringify(ids));
      assert.equal(res.body.errors[0].field, 'ids');
    }
    assert.equal((await h.api('PUT', `/products/${product.id}/images/order`, {}, as.admin)).status, 422);
    assert.deepEqual(await listIds(product.id), [c, a, b], 'unchanged');
  });

  it('makes an image the main one: first in the gallery and the product’s image_url', async () => {
    const res = await h.api('POST', `/products/${product.id}/images/${b}/main`, undefined, as.admin);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((i: { id: string; is_main: boolean }) => [i.id, i.is_main]),
      [
        [b, true],
        [c, false],
        [a, false],
      ],
    );
    assert.equal((await productRow(product.id)).image_url, `/images/${b}`);
    assert.equal((await h.api('GET', `/products/${product.id}`)).body.image_url, `/images/${b}`);
    assert.equal((await h.api('POST', `/products/${product.id}/images/${randomUUID()}/main`, undefined, as.admin)).status, 404);
  });

  it('deletes the main image, and the next one takes its place; the last one leaves no image', async () => {
    const res = await h.api('DELETE', `/products/${product.id}/images/${b}`, undefined, as.admin);
    assert.equal(res.status, 204);
    assert.equal((await productRow(product.id)).image_url, `/images/${c}`);
    assert.deepEqual(await listIds(product.id), [c, a]);
    assert.equal((await h.api('GET', `/images/${b}`)).status, 404);

    assert.equal((await h.api('DELETE', `/products/${product.id}/images/${a}`, undefined, as.admin)).status, 204);
    assert.equal((await productRow(product.id)).image_url, `/images/${c}`, 'deleting another image keeps the main');
    assert.equal((await h.api('DELETE', `/products/${product.id}/images/${c}`, undefined, as.admin)).status, 204);
    assert.equal((await productRow(product.id)).image_url, null);
    assert.deepEqual(await listIds(product.id), []);
    assert.equal((await h.api('DELETE', `/products/${product.id}/images/${c}`, undefined, as.admin)).status, 404);
  });
});

describe('GET /images/:id?size=thumb', () => {
  it('serves a 400px-wide WebP with an ETag of its own, and 304 for it', async () => {
    const product = await addProduct(h.db);
    const original = await upload(product.id, pngBytes(900, 300));
    const full = await fetch(`${h.url}/images/${original.body.id}`);
    const thumb = await fetch(`${h.url}/images/${original.body.id}?size=thumb`);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get('content-type'), 'image/webp');
    assert.equal(thumb.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const bytes = Buffer.from(await thumb.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 400, 133]);
    const thumbTag = thumb.headers.get('etag')!;
    assert.equal(thumbTag, `"${createHash('sha256').update(bytes).digest('hex')}"`);
    assert.notEqual(thumbTag, full.headers.get('etag'));

    // As a browser revalidates: fetch() alone would add `cache-control: no-cache`, which asks for the bytes.
    const cached = await fetch(`${h.url}/images/${original.body.id}?size=thumb`, {
      headers: { 'if-none-match': thumbTag, 'cache-control': 'max-age=0' },
    });
    assert.equal(cached.status, 304);
    const otherTag = await fetch(`${h.url}/images/${original.body.id}?size=thumb`, {
      headers: { 'if-none-match': full.headers.get('etag')!, 'cache-control': 'max-age=0' },
    });
    assert.equal(otherTag.status, 200);
    assert.equal((await fetch(`${h.url}/images/${original.body.id}?size=original`)).headers.get('etag'), full.headers.get('etag'));
  });

  it('makes the thumbnail of an image stored before thumbnails on first request, keeps it, and never enlarges', async () => {
    const product = await addProduct(h.db);
    const svg = await addImage(h.db, product.id, {
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="red"/></svg>',
    });
    const kept = () =>
      h.db.selectFrom('product_image_variants').select(['size', 'width', 'height']).where('image_id', '=', svg.id).execute();
    assert.deepEqual(await kept(), []);
    const first = await fetch(`${h.url}/images/${svg.id}?size=thumb`);
    assert.equal(first.headers.get('content-type'), 'image/webp');
    assert.deepEqual(await kept(), [{ size: 'thumb', width: 120, height: 80 }]);
    const second = await fetch(`${h.url}/images/${svg.id}?size=thumb`);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.deepEqual(Buffer.from(await second.arrayBuffer()), Buffer.from(await first.arrayBuffer()));
  });

  it('refuses an unknown size with 422', async () => {
    const product = await addProduct(h.db);
    const image = await upload(product.id, pngBytes(2, 2));
    const res = await h.api('GET', `/images/${image.body.id}?size=huge`);
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'size');
  });
});

describe('image admin routes', () => {
  it('answer 401 without a token and 403 for a user', async () => {
    const product = await addProduct(h.db);
    const image = (await upload(product.id, pngBytes(2, 2))).body.id;
    for (const auth of [{}, as.user]) {
      const expected = auth === as.user ? 403 : 401;
      assert.equal((await upload(product.id, pngBytes(2, 2), { auth })).status, expected);
      assert.equal((await h.api('GET', `/products/${product.id}/images`, undefined, auth)).status, expected);
      assert.equal((await h.api('PUT', `/products/${product.id}/images/order`, { ids: [image] }, auth)).status, expected);
      assert.equal((await h.api('POST', `/products/${product.id}/images/${image}/main`, undefined, auth)).status, expected);
      assert.equal((await h.api('DELETE', `/products/${product.id}/images/${image}`, undefined, auth)).status, expected);
    }
    assert.equal(await imageCount(product.id), 1);
  });
});
