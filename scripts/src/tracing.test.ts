// Traces across every hop, against the whole shop: each service a real process exporting over
// OTLP/HTTP to a receiver this test runs, which keeps the spans in memory.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '@dm/common/otlp-receiver';
import { callJson, type TestCall, type TestReply, testServerUrl } from '@dm/common/testing';
import pg from 'pg';
import { freePortBlock } from './free-port.js';
import { ROOT } from './paths.js';
import { PORT_BLOCK } from './services.js';
import { type Stack, startStack } from './stack.js';

let receiver: OtlpReceiver;
let stack: Stack;
const prefix = `trace${randomUUID().slice(0, 6)}_`;
const logDir = path.join(ROOT, 'test-results', 'tracing-logs', prefix);

// The shopper's client starts the trace (as a browser's instrumentation would): every call of
// the checkout carries one trace id, each under a client span of its own.
const traceId = randomBytes(16).toString('hex');
const clientSpans = new Set<string>();
function api(method: string, url: string, call: TestCall = {}): Promise<TestReply> {
  const spanId = randomBytes(8).toString('hex');
  clientSpans.add(spanId);
  return callJson(`${stack.gatewayUrl}${url}`, method, {
    ...call,
    headers: { ...call.headers, traceparent: `00-${traceId}-${spanId}-01` },
  });
}

async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, seconds = 10): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

before(async () => {
  receiver = await startOtlpReceiver();
  stack = await startStack({
    root: ROOT,
    serverUrl: testServerUrl(),
    basePort: await freePortBlock(PORT_BLOCK),
    databasePrefix: prefix,
    logDir,
    dataDir: path.join(ROOT, 'test-results', 'tracing-data'),
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SEED_DEMO_CATALOG: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    },
  });
});

after(async () => {
  await stack?.stop();
  await receiver?.close();
  // The databases are the stack's own: dropped with it.
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
});

describe('traces', () => {
  it('one checkout is one trace through gateway, cart, catalog, order, payment and back to order by the outbox', async () => {
    const admin = await api('POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'admin123' } });
    const product = await api('POST', '/api/products', {
      token: admin.body.access_token,
      body: { sku: `TR-${randomUUID().slice(0, 8)}`, name: 'Traced Widget', price: '12.50', stock: 5 },
    });
    assert.equal(product.status, 201);
    const email = `trace-${randomUUID()}@example.com`;
    assert.equal((await api('POST', '/api/auth/register', { body: { email, password: 'shopper-password', full_name: 'T' } })).status, 201);
    const token = (await api('POST', '/api/auth/login', { body: { email, password: 'shopper-password' } })).body.access_token as string;
    assert.equal((await api('POST', '/api/cart/items', { token, body: { product_id: product.body.id, quantity: 1 } })).status, 200);
    const address = {
      full_name: 'T',
      line1: '1 Trace Street',
      city: 'Spanville',
      postal_code: '12345',
      country: 'Testland',
      phone: '+1 555 000 0000',
    };
    const order = await api('POST', '/api/orders', { token, key: randomUUID(), body: { shipping_address: address } });
    assert.equal(order.status, 201);
    const card = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: '123' };
    const payment = await api('POST', '/api/payments', { token, key: randomUUID(), body: { order_id: order.body.id, card } });
    assert.equal(payment.status, 201);
    assert.equal(payment.body.status, 'succeeded');

    const ours = () => receiver.spans.filter((s) => s.traceId === traceId);
    // payment-service hands `order-paid` to its outbox, whose delivery calls order-service: a
    // span of the same trace, under which order-service serves the call.
    const paidServed = await eventually('order-service serves the outbox delivery of order-paid', () => {
      const spans = ours();
      const delivery = spans.find((s) => s.service === 'payment-service' && s.name === 'deliver order-paid');
      if (!delivery) return undefined;
      return spans.find((s) => s.service === 'order-service' && s.kind === SERVER && isBelow(spans, s, delivery.spanId));
    });
    assert.match(paidServed.name, /^POST \/internal\//);

    // Every span of the trace hangs from another span of it or from one of the client's calls;
    // the batches of each process arrive on their own, so wait until none is missing.
    const spans = await eventually('every parent of the trace has arrived', () => {
      const all = ours();
      const ids = new Set(all.map((s) => s.spanId));
      return all.every((s) => s.parentSpanId && (ids.has(s.parentSpanId) || clientSpans.has(s.parentSpanId))) ? all : undefined;
    });
    const services = new Set(spans.map((s) => s.service));
    for (const service of ['gateway-web', 'auth-service', 'cart-service', 'catalog-service', 'order-service', 'payment-service'])
      assert.ok(services.has(service), `${service} is in the trace (${[...services].join(', ')})`);
    assert.equal(receiver.spans.filter((s) => clientSpans.has(s.parentSpanId ?? '') && s.traceId !== traceId).length, 0);

    // Each hop is an HTTP client span in the caller under which the callee's server span hangs.
    const checkout = spans.find(
      (s) => s.service === 'gateway-web' && s.parentSpanId && clientSpans.has(s.parentSpanId) && s.name === 'POST /api/orders',
    );
    assert.ok(checkout, 'the gateway serves POST /api/orders as a span of the trace');
    for (const service of ['cart-service', 'catalog-service', 'order-service'])
      assert.ok(
        spans.some((s) => s.service === service && isBelow(spans, s, checkout.spanId)),
        `${service} works for the checkout, under the gateway's span`,
      );
    assert.ok(
      spans.some((s) => s.service === 'order-service' && s.name.startsWith('pg.query') && isBelow(spans, s, checkout.spanId)),
      'order-service’s queries are spans of the checkout',
    );

    // The log lines of the trace carry its id.
    const gatewayLog = readFileSync(path.join(logDir, 'gateway.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { method: string; url: string }; trace_id?: string; span_id?: string });
    const logged = gatewayLog.find((l) => l.req?.method === 'POST' && l.req.url === '/api/orders');
    assert.equal(logged?.trace_id, traceId);
    assert.match(logged?.span_id ?? '', /^[0-9a-f]{16}$/);
  });
});

const SERVER = 2;

/** Whether `span` hangs, directly or not, under the span `ancestorId`. */
function isBelow(spans: ReceivedSpan[], span: ReceivedSpan, ancestorId: string): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (let parent = span.parentSpanId; parent; parent = byId.get(parent)?.parentSpanId) if (parent === ancestorId) return true;
  return false;
}
