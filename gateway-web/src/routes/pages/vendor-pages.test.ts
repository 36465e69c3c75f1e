// The marketplace through the gateway's pages and API, with every service real: a shopper applies
// at /sell, the admin approves at /admin/vendors (the shop opens and the role follows), the vendor
// adds a product with an image under /vendor/products, shoppers see "Sold by" and the shop's page,
// and a suspension takes the shop away at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pngBytes } from '@dm/catalog-service/images/test-images';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';
import { call, newShopper } from '../api/test-client.js';

let stack: GatewayStack;

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

const signedIn = (email: string, password: string) => TestBrowser.signedIn(stack.url, email, password);

describe('selling on the marketplace', () => {
  it('apply, approve, add a product with an image; shoppers see who sells it; a suspension hides the shop', async () => {
    const seller = await newShopper(stack.url);
    const applicant = await signedIn(seller.email, seller.password);
    const form = await applicant.get('/sell');
    assert.equal(form.status, 200);
    const bad = await applicant.post('/sell', { shop_name: 'x', description: '', contact_email: 'nope', payout_reference: '' });
    assert.equal(bad.status, 422);
    assert.match(bad.html, /must be a valid email address/);
    const sent = await applicant.post('/sell', {
      shop_name: 'Fern & Loom',
      description: 'Hand-woven linen for the kitchen and the table.',
      contact_email: 'hello@fernandloom.example',
      payout_reference: 'IBAN DE89 3704 0044 0532 0130 00',
    });
    assert.equal(sent.location, '/sell');
    assert.match((await applicant.get('/sell')).html, /is waiting for a decision/);
    assert.equal((await applicant.get('/vendor/products')).status, 403, 'not a vendor yet');

    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const queue = await admin.get('/admin/vendors');
    const id = /action="\/admin\/vendors\/applications\/([0-9a-f-]{36})\/approve"/.exec(queue.html)?.[1];
    assert.ok(id, 'the application is in the queue');
    await admin.post(`/admin/vendors/applications/${id}/approve`, {});
    assert.match((await admin.get('/admin/vendors')).html, /is open: its owner signs in again/);
    const role = await call(stack.url, 'POST', '/api/auth/login', { body: { email: seller.email, password: seller.password } });
    assert.equal(role.body.user.role, 'vendor', 'approval gave the role');

    const vendor = await signedIn(seller.email, seller.password);
    assert.match((await vendor.get('/vendor/products')).html, /No products yet/);
    const created = await vendor.post('/vendor/products', {
      name: 'Linen Napkins, Set of Four',
      sku: 'FERN-NAP-4',
      price: '24.00',
      stock: '8',
      description: 'Stonewashed linen.',
      is_active: 'on',
    });
    const edit = created.location ?? '';
    assert.match(edit, /^\/vendor\/products\/[0-9a-f-]{36}\/edit$/);
    const productId = edit.split('/')[3];
    const uploaded = await vendor.upload(`/vendor/products/${productId}/images`, {}, [
      { field: 'images', name: 'napkins.png', type: 'image/png', data: pngBytes(8, 8) },
    ]);
    assert.equal(uploaded.status, 302);
    const page = await vendor.get(edit);
    assert.doesNotMatch(page.html, /Featured on the home page/, 'featuring is the marketplace’s choice');
    assert.match(page.html, /Images <span class="text-body-secondary fs-6">\(1\)/);

    assert.match((await vendor.get('/vendor')).html, /Every product on sale has 5 or more in stock/);
    await vendor.get(edit);
    const counted = await vendor.post(`/vendor/products/${productId}/stock-movements`, { delta: '-6', reason: 'Stocktake' });
    assert.equal(counted.status, 302);
    const dashboard = await vendor.get('/vendor');
    assert.match(dashboard.html, /Running low/);
    assert.match(
      dashboard.html,
      new RegExp(`href="/vendor/products/${productId}/edit#stock">Linen Napkins, Set of Four</a>.*?>2</span>`, 's'),
    );

    const shopper = new TestBrowser(stack.url);
    const product = await shopper.get('/products/linen-napkins-set-of-four');
    assert.match(product.html, /Sold by <a href="\/vendors\/fern-and-loom">Fern &amp; Loom<\/a>/);
    const shop = await shopper.get('/vendors/fern-and-loom');
    assert.equal(shop.status, 200);
    assert.match(shop.html, /Linen Napkins, Set of Four/);
    assert.match(shop.html, /Sold by Fern &amp; Loom/);

    await admin.post(`/admin/vendors/${seller.id}/status`, { status: 'suspended' });
    assert.equal((await shopper.get('/products/linen-napkins-set-of-four')).status, 404);
    assert.equal((await shopper.get('/vendors/fern-and-loom')).status, 404);
    const listing = await call(stack.url, 'GET', '/api/products?q=napkins');
    assert.deepEqual(listing.body.items, [], 'gone from search at once, the gateway’s cache included');
    assert.match((await vendor.get('/vendor/products')).html, /Your shop is suspended/);
  });
});
