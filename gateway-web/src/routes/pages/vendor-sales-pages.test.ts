// The vendor's "Sell" pages and the admin's payouts, through the real services: a vendor sees the
// order of their product, ships it with a tracking number, sees it on their dashboard; the admin
// pays them out. Shoppers and guests are turned away.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@dm/common/testing';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';
import { ADDRESS, adminToken, call, newShopper, newVendor } from '../api/test-client.js';

let stack: GatewayStack;

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

const GOOD_CARD = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' };

/** A product of `vendorId`, bought and paid by a new shopper through the API. */
async function paidOrderOf(vendorId: string, price: string) {
  const admin = await adminToken(stack.url);
  const product = await call(stack.url, 'POST', '/api/products', {
    token: admin,
    body: { sku: `V-${randomUUID().slice(0, 8)}`, name: 'Thrown Bowl', description: 'Stoneware.', price, stock: 20 },
  });
  assert.equal(product.status, 201, product.text);
  await stack.catalogDb.db.updateTable('products').set({ vendor_id: vendorId }).where('id', '=', product.body.id).execute();
  const buyer = await newShopper(stack.url);
  await call(stack.url, 'POST', '/api/cart/items', { token: buyer.token, body: { product_id: product.body.id, quantity: 1 } });
  const order = await call(stack.url, 'POST', '/api/orders', {
    token: buyer.token,
    body: { shipping_address: ADDRESS },
    headers: { 'idempotency-key': randomUUID() },
  });
  assert.equal(order.status, 201, order.text);
  assert.equal(order.body.items[0].vendor_id, vendorId);
  const paid = await call(stack.url, 'POST', '/api/payments', {
    token: buyer.token,
    body: { order_id: order.body.id, card: GOOD_CARD },
    headers: { 'idempotency-key': randomUUID() },
  });
  assert.equal(paid.body.status, 'succeeded', paid.text);
  const id = order.body.id as string;
  await eventually(
    async () => (await call(stack.url, 'GET', `/api/orders/${id}`, { token: buyer.token })).body.status === 'paid',
    'the order is paid',
  );
  return { id, buyer };
}

describe('the vendor’s pages', () => {
  it('shows the vendor their order, ships it with a tracking number, and counts it on the dashboard', async () => {
    const vendor = await newVendor(stack, 'Page Pottery');
    const { id, buyer } = await paidOrderOf(vendor.id, '20.00');
    const browser = await TestBrowser.signedIn(stack.url, vendor.email, vendor.password);

    const orders = await browser.get('/vendor/orders');
    assert.equal(orders.status, 200);
    assert.match(orders.html, /href="\/vendor"[^>]*>Your shop</, 'the header leads a vendor to their shop');
    assert.match(orders.html, new RegExp(`Order ${id.slice(0, 8).toUpperCase()}`));
    assert.match(orders.html, /Thrown Bowl/);
    assert.match(orders.html, /12 Analytical Row/);
    assert.doesNotMatch(orders.html, new RegExp(buyer.email), 'never the buyer’s email');
    assert.match(orders.html, new RegExp(`action="/vendor/orders/${id}/ship"`));

    const bad = await browser.post(`/vendor/orders/${id}/ship`, { tracking_number: 'no<good>', back: '/vendor/orders' });
    assert.equal(bad.location, '/vendor/orders');
    assert.match((await browser.get('/vendor/orders')).html, /The tracking number may hold only letters, digits, spaces and dashes/);
    const forged = await browser.post(`/vendor/orders/${id}/ship`, { tracking_number: 'PT-1', _csrf: '' });
    assert.equal(forged.status, 403, 'the form needs its CSRF token');
    const shipped = await browser.post(`/vendor/orders/${id}/ship`, { tracking_number: 'PT-1', back: 'https://evil.example/' });
    assert.equal(shipped.location, '/vendor/orders');
    const after = await browser.get('/vendor/orders');
    assert.match(after.html, /your items are shipped with tracking number PT-1\. The whole order is on its way\./);
    assert.match(after.html, /PT-1/);
    assert.equal((await call(stack.url, 'GET', `/api/orders/${id}`, { token: buyer.token })).body.status, 'shipped');
    const buyerBrowser = await TestBrowser.signedIn(stack.url, buyer.email, buyer.password);
    assert.match((await buyerBrowser.get(`/orders/${id}`)).html, /Sold by Page Pottery · Shipped [^<]*, tracking PT-1/);

    const dashboard = await browser.get('/vendor');
    assert.equal(dashboard.status, 200);
    assert.match(dashboard.html, /<svg[^>]*role="img"/);
    assert.match(dashboard.html, /Daily sales over the last 30 days, the best day \$20\.00/);
    assert.match(dashboard.html, /\$18\.00<\/span><span class="stat-label">Yours this week/);
    assert.match(dashboard.html, /<td data-label="Product">Thrown Bowl<\/td>/);
  });

  it('turns away guests and shoppers, and answers the API to vendors only', async () => {
    const guest = new TestBrowser(stack.url);
    const away = await guest.get('/vendor');
    assert.equal(away.status, 302);
    assert.equal(away.location, '/login?next=%2Fvendor');
    const shopper = await newShopper(stack.url);
    const browser = await TestBrowser.signedIn(stack.url, shopper.email, shopper.password);
    const refused = await browser.get('/vendor/orders');
    assert.equal(refused.status, 403);
    assert.match(refused.html, /This page is for vendors\. Apply to sell/);
    assert.equal((await call(stack.url, 'GET', '/api/vendor/orders', { token: shopper.token })).status, 403);
    const vendor = await newVendor(stack);
    const mine = await call(stack.url, 'GET', '/api/vendor/dashboard', { token: vendor.token });
    assert.deepEqual([mine.status, mine.body.daily.length], [200, 30]);
  });
});

describe('/admin/payouts', () => {
  it('lists what each vendor is owed and records a payout, never more than may be paid', async () => {
    const vendor = await newVendor(stack, 'Payout Prints');
    const { id } = await paidOrderOf(vendor.id, '50.00');
    const token = await adminToken(stack.url);
    for (const status of ['processing', 'shipped']) {
      assert.equal((await call(stack.url, 'PATCH', `/api/orders/${id}/status`, { token, body: { status } })).status, 200);
    }
    const browser = await TestBrowser.signedIn(stack.url, ADMIN.email, ADMIN.password);
    const page = await browser.get('/admin/payouts');
    assert.equal(page.status, 200);
    assert.match(page.html, /Payout Prints/);
    assert.match(page.html, new RegExp(`name="vendor_id" value="${vendor.id}"`));
    await browser.post('/admin/payouts', { vendor_id: vendor.id, amount: '45.01' });
    assert.match((await browser.get('/admin/payouts')).html, /The amount must be at most 45\.00/);
    const done = await browser.post('/admin/payouts', { vendor_id: vendor.id, amount: '45' });
    assert.equal(done.location, '/admin/payouts');
    assert.match(
      (await browser.get('/admin/payouts')).html,
      /Recorded a payout of \$45\.00 to Payout Prints\. They are now owed \$0\.00\./,
    );
    const ledger = await call(stack.url, 'GET', '/api/vendor/ledger', { token: vendor.token });
    assert.deepEqual([ledger.body.items[0].kind, ledger.body.balance], ['payout', '0.00']);

    const shopper = await newShopper(stack.url);
    const nosy = await TestBrowser.signedIn(stack.url, shopper.email, shopper.password);
    assert.equal((await nosy.get('/admin/payouts')).status, 403);
    assert.equal((await call(stack.url, 'GET', '/api/admin/payouts', { token: vendor.token })).status, 403);
  });
});
