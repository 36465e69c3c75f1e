import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { newEvent } from '@dm/common/events';
import { DASHBOARD_CHARTS, Dashboard } from '@dm/contracts/analytics';
import { parse as parseCsv } from 'csv-parse/sync';
import { type AnalyticsStack, asService, jwt, startAnalytics } from '../test-support.js';

const EVIL_PRODUCT = '=HYPERLINK("http://evil.example","click")';
const EVIL_VENDOR = '@Evil Shop';

describe('GET /internal/dashboard and its CSV files', () => {
  let stack: AnalyticsStack;
  const product = randomUUID();
  const vendor = randomUUID();
  const order = randomUUID();
  const recent = randomUUID();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

  before(async () => {
    stack = await startAnalytics('dashboard');
    const customer = { user_id: randomUUID(), customer_email: 'an@example.com', customer_name: 'An' };
    const item = {
      product_id: product,
      sku: '+SKU-1',
      name: EVIL_PRODUCT,
      quantity: 2,
      unit_price: '10.00',
      line_total: '20.00',
      vendor_id: vendor,
      vendor_name: EVIL_VENDOR,
    };
    const events = [
      newEvent('order-service', 'order.placed', {
        order_id: order,
        ...customer,
        items: [item],
        subtotal: '20.00',
        tax: '1.00',
        shipping_cost: '4.99',
        total: '25.99',
        placed_at: day(40),
      }),
      newEvent('order-service', 'order.paid', { order_id: order, ...customer, payment_id: randomUUID(), total: '25.99', paid_at: day(40) }),
      // Refunded today, paid long ago: today's revenue is negative.
      newEvent('payment-service', 'payment.refunded', {
        payment_id: randomUUID(),
        order_id: order,
        user_id: customer.user_id,
        amount: '25.99',
        reason: null,
      }),
      // Placed and paid two days ago, and kept: the vendor's revenue.
      newEvent('order-service', 'order.placed', {
        order_id: recent,
        ...customer,
        items: [item],
        subtotal: '20.00',
        tax: '1.00',
        shipping_cost: '4.99',
        total: '25.99',
        placed_at: day(2),
      }),
      newEvent('order-service', 'order.paid', { order_id: recent, ...customer, payment_id: randomUUID(), total: '25.99', paid_at: day(2) }),
      newEvent('catalog-service', 'product.stock_low', {
        product_id: product,
        sku: '+SKU-1',
        name: EVIL_PRODUCT,
        stock: 2,
        vendor_id: vendor,
      }),
      newEvent('gateway-web', 'product.activity', {
        window_start: day(0),
        window_end: day(0),
        items: [{ product_id: product, views: 3, cart_adds: 1 }],
      }),
    ];
    for (const e of events) assert.equal(await stack.post(e), 'handled');
  });
  after(() => stack.close());

  it('answers the whole dashboard in the shape of its contract, 30 zero-filled days by default', async () => {
    const res = await stack.dashboard();
    assert.equal(res.status, 200, res.text);
    const body = Dashboard.parse(res.body);
    assert.equal(body.days, 30);
    assert.equal(body.daily.length, 30);
    assert.equal(body.daily[0]!.day, body.from);
    assert.equal(body.daily.at(-1)!.day, body.to);
    assert.equal(body.to, new Date().toISOString().slice(0, 10));
    assert.deepEqual(body.daily.at(-1), { day: body.to, orders: 0, revenue: '-25.99' }, 'refunded today, paid long ago');
    assert.deepEqual(body.daily.at(-3), { day: day(2).slice(0, 10), orders: 1, revenue: '25.99' });
    assert.equal(body.daily.filter((d) => d.orders === 0 && d.revenue === '0.00').length, 28, 'the other days are zero');
    assert.deepEqual(body.totals, { orders: 1, revenue: '0.00' });
    assert.deepEqual(
      body.status_counts.map((s) => s.status),
      ['pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled'],
    );
    assert.equal(body.status_counts.find((s) => s.status === 'paid')!.orders, 2);
    assert.deepEqual(body.top_by_revenue, [{ product_id: product, name: EVIL_PRODUCT, sku: '+SKU-1', revenue: '20.00', units: 2 }]);
    assert.deepEqual(body.revenue_by_vendor, [{ vendor_id: vendor, vendor_name: EVIL_VENDOR, revenue: '20.00', orders: 1 }]);
    assert.deepEqual(body.top_by_views, [{ product_id: product, name: EVIL_PRODUCT, sku: '+SKU-1', views: 3, cart_adds: 1 }]);
    assert.deepEqual(
      body.low_stock.map((p) => [p.product_id, p.stock, p.vendor_id]),
      [[product, 2, vendor]],
    );
    const wide = Dashboard.parse((await stack.dashboard(60)).body);
    assert.equal(wide.daily.length, 60);
    assert.deepEqual(wide.totals, { orders: 2, revenue: '25.99' }, 'one paid and refunded, one paid');
    assert.deepEqual(wide.revenue_by_vendor, body.revenue_by_vendor, 'a refunded order earns its vendor nothing');
  });

  it('refuses bad input with 422, and callers without the gateway token', async () => {
    for (const days of ['0', '367', 'x', '1.5']) {
      const res = await stack.api('GET', `/internal/dashboard?days=${days}`, undefined, asService('gateway-web'));
      assert.equal(res.status, 422, days);
      assert.equal(res.body.errors[0].field, 'days');
    }
    assert.equal((await stack.api('GET', '/internal/dashboard')).status, 401);
    assert.equal((await stack.api('GET', '/internal/dashboard', undefined, asService('order-service'))).status, 403);
    const admin = jwt.sign({ sub: randomUUID(), role: 'admin', email: 'a@example.com', name: 'A' }, 60);
    assert.equal((await stack.api('GET', '/internal/dashboard', undefined, { authorization: `Bearer ${admin}` })).status, 403);
    assert.equal((await stack.api('GET', '/internal/dashboard/daily.csv', undefined, asService('order-service'))).status, 403);
    const unknown = await stack.api('GET', '/internal/dashboard/secrets.csv', undefined, asService('gateway-web'));
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.detail, /no chart named secrets/);
  });

  it('gives each chart as a CSV file whose text cells can never run as a formula', async () => {
    const files = new Map<string, string[][]>();
    for (const chart of DASHBOARD_CHARTS) {
      const res = await stack.api('GET', `/internal/dashboard/${chart}.csv?days=60`, undefined, asService('gateway-web'));
      assert.equal(res.status, 200, `${chart}: ${res.text}`);
      assert.match(res.headers.get('content-type')!, /^text\/csv/);
      assert.match(
        res.headers.get('content-disposition')!,
        new RegExp(`attachment; filename="${chart}-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
      );
      const rows = parseCsv(res.text) as string[][];
      assert.ok(rows.length >= 1, chart);
      for (const row of rows)
        for (const cell of row) assert.ok(!/^[=+@\t\r]/.test(cell) && !/^-(?!\d+(\.\d+)?$)/.test(cell), `${chart}: ${cell}`);
      files.set(chart, rows);
    }
    assert.deepEqual(files.get('daily')![0], ['day', 'orders', 'revenue']);
    assert.equal(files.get('daily')!.length, 61);
    assert.deepEqual(files.get('daily')!.at(-1)!.slice(1), ['0', '-25.99'], 'a negative amount stays a number');
    assert.deepEqual(files.get('vendors')![1], [vendor, `'${EVIL_VENDOR}`, '20.00', '1']);
    assert.deepEqual(files.get('top-views')![1], [product, "'+SKU-1", `'${EVIL_PRODUCT}`, '3', '1']);
    assert.deepEqual(files.get('low-stock')![1]!.slice(0, 4), [product, "'+SKU-1", `'${EVIL_PRODUCT}`, '2']);
    assert.deepEqual(
      files
        .get('status')!
        .slice(1)
        .find((r) => r[0] === 'paid'),
      ['paid', '2'],
    );
    assert.deepEqual(files.get('conversion')![0], [
      'product_id',
      'sku',
      'name',
      'views',
      'cart_adds',
      'orders',
      'units',
      'view_to_cart',
      'cart_to_order',
    ]);
  });
});
