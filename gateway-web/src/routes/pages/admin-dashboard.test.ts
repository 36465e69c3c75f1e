// The admin dashboard's analytics against the real analytics-service (and the rest of the stack):
// the charts' tables and data, their CSV files, the page without analytics, and the product views
// and cart adds the gateway counts and sends.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { httpEventTransport, newEvent } from '@dm/common/events';
import { createServiceClient } from '@dm/common/http-client';
import { serviceTokens } from '@dm/common/jwt';
import { callJson, silentLogger, type TestServer } from '@dm/common/testing';
import type { EventEnvelope } from '@dm/contracts/events';
import { createProductActivity, type ProductActivity } from '../../product-activity.js';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';
import { call, newShopper } from '../api/test-client.js';

const FORMULA_NAME = "=cmd|' /C calc'!A0";
const MARKUP_NAME = '<b>Bold</b> </script><script>alert(1)</script>';

let stack: GatewayStack;
let admin: TestBrowser;
let analyticsUrl: string;
const products: Record<string, { id: string; slug: string }> = {};

async function product(sku: string, name: string) {
  const slug = `${sku.toLowerCase()}-${randomUUID().slice(0, 6)}`;
  const row = await stack.catalogDb.db
    .insertInto('products')
    .values({ sku, slug, name, description: 'For testing.', price: '20.00', stock: 10 })
    .returning('id')
    .executeTakeFirstOrThrow();
  products[sku] = { id: row.id, slug };
  return products[sku]!;
}

async function post(event: EventEnvelope) {
  const res = await callJson(`${analyticsUrl}/internal/events`, 'POST', {
    body: event,
    token: stack.signer.signService('order-service', 60),
  });
  assert.equal(res.status, 200, res.text);
}

function placedAndPaid(p: { id: string }, sku: string, name: string, total: string) {
  const order = randomUUID();
  const customer = { user_id: randomUUID(), customer_email: 'an@example.com', customer_name: 'An' };
  const now = new Date().toISOString();
  return [
    newEvent('order-service', 'order.placed', {
      order_id: order,
      ...customer,
      items: [{ product_id: p.id, sku, name, quantity: 1, unit_price: total, line_total: total, vendor_id: null, vendor_name: null }],
      subtotal: total,
      tax: '0.00',
      shipping_cost: '0.00',
      total,
      placed_at: now,
    }),
    newEvent('order-service', 'order.paid', { order_id: order, ...customer, payment_id: randomUUID(), total, paid_at: now }),
  ];
}

before(async () => {
  stack = await startGatewayStack({ analytics: true });
  analyticsUrl = stack.analytics!.url;
  admin = await TestBrowser.signedIn(stack.url, ADMIN.email, ADMIN.password);
  const formula = await product('AN-F', FORMULA_NAME);
  const markup = await product('AN-M', MARKUP_NAME);
  for (const e of [...placedAndPaid(formula, 'AN-F', FORMULA_NAME, '30.00'), ...placedAndPaid(markup, 'AN-M', MARKUP_NAME, '12.50')])
    await post(e);
  await post(
    newEvent('catalog-service', 'product.stock_low', { product_id: markup.id, sku: 'AN-M', name: MARKUP_NAME, stock: 2, vendor_id: null }),
  );
  await post(
    newEvent('gateway-web', 'product.activity', {
      window_start: new Date().toISOString(),
      window_end: new Date().toISOString(),
      items: [{ product_id: formula.id, views: 40, cart_adds: 4 }],
    }),
  );
});

after(() => stack.stop());

describe('admin dashboard analytics', () => {
  it('shows every chart as a table with a caption and a CSV link, beside the counts the page had', async () => {
    const page = await admin.get('/admin');
    assert.equal(page.status, 200);
    const { html } = page;
    // What the dashboard showed before analytics is still there.
    for (const text of ['Products', 'On sale', 'Running low', 'Add a product']) assert.ok(html.includes(text), text);
    assert.ok(!html.includes('Analytics unavailable'));
    const titles = [
      'Sales per day',
      'Orders by status',
      'Top products by revenue',
      'Top products by views',
      'Conversion of the top products',
      'Revenue by shop',
      'Low stock alerts',
    ];
    for (const title of titles) assert.ok(html.includes(`>${title}</h3>`), title);
    assert.equal(html.match(/<caption id="chart-/g)?.length, titles.length, 'a caption per table');
    for (const chart of ['daily', 'status', 'top-revenue', 'top-views', 'conversion', 'vendors', 'low-stock'])
      assert.ok(html.includes(`href="/admin/analytics/${chart}.csv?days=30"`), chart);
    assert.equal(html.match(/>Download CSV</g)?.length, titles.length);
    assert.match(html, /Revenue \(less refunds\)/);
    assert.match(html, /<td class="text-end">\$42\.50<\/td>/, "today's revenue in the daily table");
    // A name is text wherever it goes: escaped in the tables, unable to close the JSON block.
    assert.ok(html.includes('&lt;b&gt;Bold&lt;/b&gt;'));
    assert.ok(!html.includes('<script>alert(1)</script>'));
    const json = /<script type="application\/json" id="dashboard-charts">([^<]*)<\/script>/.exec(html);
    assert.ok(json, 'the charts carry their data in a JSON block (no inline script)');
    const charts = JSON.parse(json[1]!);
    assert.deepEqual(Object.keys(charts).sort(), ['daily', 'low-stock', 'status', 'top-revenue', 'top-views', 'vendors']);
    assert.deepEqual(charts['top-revenue'].labels, [FORMULA_NAME, MARKUP_NAME]);
    assert.deepEqual(charts['top-revenue'].datasets[0].data, [30, 12.5]);
    assert.equal(charts.daily.labels.length, 30);
    assert.match(html, /<script src="\/static\/chart\.js\/chart\.umd\.min\.js\?v=[\d.]+" defer><\/script>/);
    assert.match(html, /<script src="\/static\/js\/admin-dashboard\.js\?v=\w+" defer><\/script>/);
    // No inline script runs: the page's CSP stays as it was.
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'(;|$)/);
  });

  it('serves Chart.js from node_modules, that one file only', async () => {
    const script = await fetch(`${stack.url}/static/chart.js/chart.umd.min.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type')!, /javascript/);
    assert.match((await script.text()).slice(0, 200), /Chart\.js/);
    assert.equal((await fetch(`${stack.url}/static/chart.js/chart.js`)).status, 404);
  });

  it('streams each chart as CSV to the admin alone, its cells never formulas', async () => {
    const res = await admin.get('/admin/analytics/top-revenue.csv?days=30');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/csv/);
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="top-revenue-/);
    const text = res.html;
    assert.equal(text.split('\n')[0], 'product_id,sku,name,revenue,units');
    assert.ok(text.includes(`\n${products['AN-F']!.id},AN-F,'${FORMULA_NAME},30.00,1\n`), text);
    const shopper = new TestBrowser(stack.url);
    const someone = await newShopper(stack.url);
    await shopper.login(someone.email, someone.password);
    assert.equal((await shopper.get('/admin/analytics/top-revenue.csv')).status, 403);
    assert.equal((await new TestBrowser(stack.url).get('/admin/analytics/daily.csv')).status, 302, 'a visitor signs in first');
    assert.equal((await admin.get('/admin/analytics/secrets.csv')).status, 404);
  });

  it('still renders the dashboard, saying analytics is unavailable, when analytics-service is down', async () => {
    const gateway: TestServer = await stack.startGateway({ analyticsUrl: 'http://127.0.0.1:9' });
    const browser = await TestBrowser.signedIn(gateway.url, ADMIN.email, ADMIN.password);
    const page = await browser.get('/admin');
    assert.equal(page.status, 200);
    assert.match(page.html, /Analytics unavailable right now/);
    for (const text of ['Products', 'Running low', 'Add a product']) assert.ok(page.html.includes(text), text);
    assert.ok(!page.html.includes('<caption id="chart-'));
    assert.equal((await browser.get('/admin/analytics/daily.csv')).status, 503);
  });

  it("counts shoppers' product views and cart adds (page form and API) and sends them to analytics in one batch", async () => {
    const transport = httpEventTransport(
      { analytics: createServiceClient('analytics', analyticsUrl) },
      serviceTokens(stack.signer, 'gateway-web'),
    );
    const activity: ProductActivity = createProductActivity({ transport, logger: silentLogger, flushSeconds: 3600 });
    const gateway = await stack.startGateway({ activity });
    const p = await product('AN-V', 'Viewed Thing');
    const guest = new TestBrowser(gateway.url);
    assert.equal((await guest.get(`/products/${p.slug}`)).status, 200);
    assert.equal((await guest.get(`/products/${p.slug}`)).status, 200);
    const added = await guest.post('/cart/items', { product_id: p.id, quantity: '1' });
    assert.equal(added.location, '/cart');
    const shopper = await newShopper(gateway.url);
    const api = await call(gateway.url, 'POST', '/api/cart/items', { token: shopper.token, body: { product_id: p.id, quantity: 1 } });
    assert.equal(api.status, 200);
    // Not counted: an admin's preview, a refused add, a page that does not exist.
    const adminHere = await TestBrowser.signedIn(gateway.url, ADMIN.email, ADMIN.password);
    assert.equal((await adminHere.get(`/products/${p.slug}`)).status, 200);
    const refused = await call(gateway.url, 'POST', '/api/cart/items', { token: shopper.token, body: { product_id: p.id, quantity: 999 } });
    assert.ok(refused.status >= 400);
    assert.equal((await guest.get('/products/no-such-product')).status, 404);

    await activity.flush();
    const figures = await callJson(`${analyticsUrl}/internal/dashboard?days=1`, 'GET', {
      token: stack.signer.signService('gateway-web', 60),
    });
    assert.equal(figures.status, 200);
    const viewed = figures.body.top_by_views.find((x: { product_id: string }) => x.product_id === p.id);
    assert.deepEqual({ views: viewed?.views, cart_adds: viewed?.cart_adds }, { views: 2, cart_adds: 2 });
    assert.equal(viewed?.name, 'Viewed Thing', 'named by the page that was viewed, though never ordered');
    await activity.stop();
  });
});
