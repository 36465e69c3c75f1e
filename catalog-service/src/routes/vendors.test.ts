// The marketplace's rules in the catalog: applying to sell, the admin's decision, who may change
// which product (vendor A, vendor B, a shopper, an admin), and a suspension that takes a shop's
// products off sale everywhere at once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { pngBytes } from '../images/test-images.js';
import { addProduct, addVendor, as, type Harness, startCatalog, tokenFor } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_vendors');
});

after(async () => {
  await h.close();
});

const application = {
  shop_name: 'Fern & Loom',
  description: 'Hand-woven linen for the kitchen and the table.',
  contact_email: 'hello@fernandloom.example',
  payout_reference: 'IBAN DE89 3704 0044 0532 0130 00',
};

const newProduct = (sku: string) => ({ sku, name: `Linen ${sku}`, price: '12.50', stock: 5 });

async function upload(productId: string, headers: Record<string, string>) {
  const res = await fetch(`${h.url}/products/${productId}/images`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', ...headers },
    body: pngBytes(4, 4),
  });
  return res.status;
}

describe('applying to sell', () => {
  it('a shopper applies once; the admin approves and the shop exists with a slug from its name', async () => {
    const shopper = tokenFor('user');
    const sent = await h.api('POST', '/vendors/apply', application, shopper.headers);
    assert.equal(sent.status, 201);
    assert.equal(sent.body.status, 'pending');
    assert.equal((await h.api('POST', '/vendors/apply', application, shopper.headers)).status, 409, 'one open application at a time');
    assert.deepEqual((await h.api('GET', '/vendors/me/application', undefined, shopper.headers)).body.application.id, sent.body.id);

    const queue = await h.api('GET', '/admin/vendor-applications', undefined, as.admin);
    assert.ok(queue.body.items.some((a: { id: string }) => a.id === sent.body.id));
    assert.equal((await h.api('GET', '/admin/vendor-applications', undefined, shopper.headers)).status, 403);
    assert.equal((await h.api('POST', `/admin/vendor-applications/${sent.body.id}/approve`, {}, shopper.headers)).status, 403);

    const approved = await h.api('POST', `/admin/vendor-applications/${sent.body.id}/approve`, {}, as.admin);
    assert.equal(approved.body.status, 'approved');
    assert.equal(
      (await h.api('POST', `/admin/vendor-applications/${sent.body.id}/approve`, {}, as.admin)).status,
      200,
      'approving twice is safe',
    );
    assert.equal((await h.api('POST', `/admin/vendor-applications/${sent.body.id}/reject`, {}, as.admin)).status, 409);

    const shop = await h.api('GET', '/vendors/fern-and-loom');
    assert.equal(shop.status, 200);
    assert.deepEqual([shop.body.vendor.id, shop.body.vendor.name], [shopper.id, 'Fern & Loom']);
    assert.equal(shop.body.vendor.payout_reference, undefined, 'the payout reference is private');
    assert.equal((await h.api('POST', '/vendors/apply', application, shopper.headers)).status, 409, 'a vendor does not apply again');
  });

  it('a rejection carries its reason to the applicant, who may apply again', async () => {
    const shopper = tokenFor('user');
    const sent = await h.api('POST', '/vendors/apply', { ...application, shop_name: 'Rejected Wares' }, shopper.headers);
    const rejected = await h.api('POST', `/admin/vendor-applications/${sent.body.id}/reject`, { reason: 'No contact answered.' }, as.admin);
    assert.deepEqual([rejected.body.status, rejected.body.decision_reason], ['rejected', 'No contact answered.']);
    assert.equal((await h.api('GET', '/vendors/me/application', undefined, shopper.headers)).body.application.status, 'rejected');
    assert.equal((await h.api('POST', '/vendors/apply', { ...application, shop_name: 'Second Try' }, shopper.headers)).status, 201);
  });

  it('refuses a bad application with the fields that are wrong', async () => {
    const res = await h.api('POST', '/vendors/apply', { shop_name: 'x', contact_email: 'nope' }, tokenFor('user').headers);
    assert.equal(res.status, 422);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['contact_email', 'description', 'payout_reference', 'shop_name']);
    assert.equal((await h.api('POST', '/vendors/apply', application)).status, 401);
  });
});

describe('who may change a product', () => {
  it('vendor A manages their own products; vendor B and a shopper get 403; an admin may do all', async () => {
    const a = await addVendor(h.db, 'Shop A');
    const b = await addVendor(h.db, 'Shop B');
    const shopper = tokenFor('user');

    const created = await h.api('POST', '/products', newProduct('VA-1'), a.headers);
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.vendor, { id: a.id, slug: a.slug, name: 'Shop A' });
    const id = created.body.id as string;
    assert.equal((await h.api('POST', '/products', newProduct('SH-1'), shopper.headers)).status, 403);
    assert.equal((await h.api('POST', '/products', { ...newProduct('VA-2'), is_featured: true }, a.headers)).status, 403);

    assert.equal((await h.api('PATCH', `/products/${id}`, { price: '13.00' }, a.headers)).status, 200);
    assert.equal((await h.api('PATCH', `/products/${id}`, { price: '1.00' }, b.headers)).status, 403);
    assert.equal((await h.api('PATCH', `/products/${id}`, { price: '1.00' }, shopper.headers)).status, 403);
    assert.equal((await h.api('PATCH', `/products/${randomUUID()}`, { price: '1.00' }, a.headers)).status, 404);
    assert.equal((await h.api('PATCH', `/products/${id}`, { is_featured: true }, a.headers)).status, 403);

    assert.equal(await upload(id, b.headers), 403);
    assert.equal(await upload(id, shopper.headers), 403);
    assert.equal(await upload(id, a.headers), 201);
    assert.equal((await h.api('GET', `/products/${id}/images`, undefined, b.headers)).status, 403);

    const adjust = { delta: 2, reason: 'Delivery' };
    assert.equal((await h.api('POST', `/products/${id}/stock`, adjust, b.headers)).status, 403);
    assert.equal((await h.api('POST', `/products/${id}/stock`, adjust, a.headers)).status, 201);
    assert.equal((await h.api('GET', `/products/${id}/stock-movements`, undefined, b.headers)).status, 403);

    assert.equal((await h.api('DELETE', `/products/${id}`, undefined, b.headers)).status, 403);
    assert.equal((await h.api('DELETE', `/products/${id}`, undefined, a.headers)).status, 204);
    // Inactive now: its vendor still sees and lists it, vendor B and shoppers do not.
    assert.equal((await h.api('GET', `/products/${id}`, undefined, a.headers)).status, 200);
    assert.equal((await h.api('GET', `/products/${id}`, undefined, b.headers)).status, 404);
    const own = await h.api('GET', `/products?vendor=${a.id}&status=all`, undefined, a.headers);
    assert.deepEqual(
      own.body.items.map((p: { id: string }) => p.id),
      [id],
    );
    assert.equal((await h.api('GET', `/products?vendor=${a.id}&status=all`, undefined, b.headers)).status, 403);

    assert.equal((await h.api('PATCH', `/products/${id}`, { is_active: true, price: '9.00' }, as.admin)).status, 200);
    const house = await h.api('POST', '/products', newProduct('HOUSE-1'), as.admin);
    assert.equal(house.body.vendor, null, 'an admin’s new product is the house’s own');
    assert.equal((await h.api('PATCH', `/products/${house.body.id}`, { price: '1.00' }, a.headers)).status, 403);
  });

  it('a signed-in vendor without a shop cannot create products', async () => {
    const res = await h.api('POST', '/products', newProduct('NOSHOP-1'), tokenFor('vendor').headers);
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /apply to sell/);
  });
});

describe('suspending a shop', () => {
  it('takes its products off the listing, search, product page and checkout at once; lifting it puts back only those', async () => {
    const shop = await addVendor(h.db, 'Lantern Works');
    const shown = await addProduct(h.db, { name: 'Brass Lantern Zephyr', vendor_id: shop.id, stock: 5 });
    const hidden = await addProduct(h.db, { name: 'Paper Lantern Zephyr', vendor_id: shop.id, is_active: false });
    const ids = async (path: string) => (await h.api('GET', path)).body.items.map((p: { id: string }) => p.id);
    assert.deepEqual(await ids('/products?q=zephyr'), [shown.id]);

    const suspended = await h.api('PATCH', `/admin/vendors/${shop.id}`, { status: 'suspended' }, as.admin);
    assert.equal(suspended.body.status, 'suspended');
    assert.deepEqual(await ids('/products?q=zephyr'), [], 'search');
    assert.deepEqual(await ids(`/products?vendor=${shop.id}`), [], 'listing');
    assert.equal((await h.api('GET', `/products/${shown.slug}`)).status, 404, 'product page');
    assert.equal((await h.api('GET', `/vendors/${shop.slug}`)).status, 404, 'shop page');
    const order = await h.api(
      'POST',
      '/internal/reservations',
      { order_id: randomUUID(), items: [{ product_id: shown.id, quantity: 1 }] },
      as.service,
    );
    assert.equal(order.status, 409);
    assert.match(order.body.detail, /Brass Lantern Zephyr.*its seller, Lantern Works, is not selling at the moment/);
    const batch = await h.api('POST', '/internal/products/batch', { ids: [shown.id] }, as.service);
    assert.match(batch.body.items[0].unavailable_reason, /Lantern Works/);
    // The vendor cannot put it back on sale while suspended.
    assert.equal((await h.api('PATCH', `/products/${shown.id}`, { is_active: true }, shop.headers)).status, 403);

    await h.api('PATCH', `/admin/vendors/${shop.id}`, { status: 'active' }, as.admin);
    assert.deepEqual(await ids('/products?q=zephyr'), [shown.id], 'the product the vendor had hidden stays hidden');
    const status = await h.db.selectFrom('products').select(['id', 'is_active']).where('id', '=', hidden.id).executeTakeFirstOrThrow();
    assert.equal(status.is_active, false);
  });

  it('tells a vendor which of their own products on sale run low, lowest first', async () => {
    const shop = await addVendor(h.db, 'Low Stock Ltd');
    const last = await addProduct(h.db, { name: 'Last One', vendor_id: shop.id, stock: 1 });
    const few = await addProduct(h.db, { name: 'A Few Left', vendor_id: shop.id, stock: 3 });
    await addProduct(h.db, { name: 'Plenty', vendor_id: shop.id, stock: 50 });
    await addProduct(h.db, { name: 'Hidden and low', vendor_id: shop.id, stock: 0, is_active: false });
    await addProduct(h.db, { name: 'Someone else’s', stock: 0 });
    const res = await h.api('GET', '/vendors/me/low-stock', undefined, shop.headers);
    assert.deepEqual(
      res.body.items.map((p: { id: string; stock: number }) => [p.id, p.stock]),
      [
        [last.id, 1],
        [few.id, 3],
      ],
    );
  });

  it('only an admin suspends; a vendor edits their own profile but not its status', async () => {
    const shop = await addVendor(h.db, 'Quiet Ceramics');
    assert.equal((await h.api('PATCH', `/admin/vendors/${shop.id}`, { status: 'suspended' }, shop.headers)).status, 403);
    assert.equal((await h.api('PATCH', '/vendors/me', { status: 'suspended' }, shop.headers)).status, 403);
    const edited = await h.api('PATCH', '/vendors/me', { description: 'Stoneware, thrown by hand.' }, shop.headers);
    assert.deepEqual([edited.status, edited.body.description], [200, 'Stoneware, thrown by hand.']);
    assert.equal((await h.api('GET', '/vendors/me', undefined, shop.headers)).body.payout_reference, 'IBAN TEST 0000');
  });
});
