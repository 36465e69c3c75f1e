// The public gateway's /metrics: Prometheus on the private network, or the holder of METRICS_TOKEN;
// for anyone else it does not exist.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { createTestDatabase, metricValue, silentLogger, startTestServer, type TestDatabase, type TestServer } from '@dm/common/testing';
import { migrationFolder } from '@dm/migrations/folders';
import type { Request } from 'express';
import { createApp } from './app.js';
import { createClients } from './clients.js';
import { loadGatewayConfig } from './config.js';
import type { Database } from './db.js';
import { isPrivateAddress, metricsAccess } from './metrics-access.js';
import { sessionMiddleware } from './session.js';
import { unsentActivity } from './testing.js';

const TOKEN = 'scraper-token-0123456789abcdef';
const NOWHERE = 'http://127.0.0.1:9';

describe('isPrivateAddress', () => {
  const cases: [string | undefined, boolean][] = [
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.254', true],
    ['192.168.1.20', true],
    ['::1', true],
    ['fd12:3456::7', true],
    ['fc00::1', true],
    ['::ffff:10.0.0.5', true],
    ['::ffff:127.0.0.1', true],
    ['172.32.0.1', false],
    ['172.15.255.255', false],
    ['192.169.0.1', false],
    ['8.8.8.8', false],
    ['::ffff:8.8.8.8', false],
    ['2001:db8::1', false],
    ['fe80::1', false],
    ['', false],
    ['not an address', false],
    [undefined, false],
  ];
  for (const [address, expected] of cases) {
    it(`${address === undefined ? 'no address' : `"${address}"`} is ${expected ? 'private' : 'public'}`, () => {
      assert.equal(isPrivateAddress(address), expected);
    });
  }
});

describe('metricsAccess', () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, headers, get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;
  const allow = metricsAccess(TOKEN);

  it('lets in a private peer that came through no proxy', () => {
    assert.equal(allow(request('10.0.3.7')), true);
    assert.equal(allow(request('::1')), true);
  });

  it('refuses a public peer, and one that says it is private in X-Forwarded-For (judged by the socket, not req.ip)', () => {
    assert.equal(allow(request('203.0.113.9')), false);
    assert.equal(allow(request('203.0.113.9', { 'x-forwarded-for': '10.0.0.1' })), false);
  });

  it('refuses what came through a proxy (an ingress has a private address too)', () => {
    assert.equal(allow(request('10.0.0.2', { 'x-forwarded-for': '203.0.113.9' })), false);
    assert.equal(allow(request('10.0.0.2', { forwarded: 'for=203.0.113.9' })), false);
    assert.equal(allow(request('10.0.0.2', { 'x-real-ip': '203.0.113.9' })), false);
  });

  it('lets in anyone with the token, and no one with another', () => {
    assert.equal(allow(request('203.0.113.9', { authorization: `Bearer ${TOKEN}` })), true);
    assert.equal(allow(request('203.0.113.9', { authorization: `Bearer ${TOKEN}x` })), false);
    assert.equal(allow(request('203.0.113.9', { authorization: `Bearer ${TOKEN.slice(0, -1)}` })), false);
    assert.equal(allow(request('203.0.113.9', { authorization: TOKEN })), false);
    assert.equal(metricsAccess(undefined)(request('203.0.113.9', { authorization: 'Bearer ' })), false, 'no token set: no token opens it');
  });
});

describe('METRICS_TOKEN', () => {
  it('is optional, and refused when shorter than 16 characters, naming the variable', () => {
    assert.equal(loadGatewayConfig({}).METRICS_TOKEN, undefined);
    assert.equal(loadGatewayConfig({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN, TOKEN);
    assert.throws(() => loadGatewayConfig({ METRICS_TOKEN: 'too-short' }), /METRICS_TOKEN: must be at least 16 characters/);
  });
});

describe('GET /metrics on the gateway', () => {
  let database: TestDatabase<Database>;
  let sessions: ReturnType<typeof sessionMiddleware>;
  let gateway: TestServer;

  before(async () => {
    database = await createTestDatabase<Database>('gw_metrics', migrationFolder('gateway'));
    sessions = sessionMiddleware({
      databaseUrl: database.url,
      poolMax: 3,
      secret: 'gateway-metrics-test-secret-0123456789',
      secure: false,
      onError: () => {},
    });
    const app = createApp({
      config: {
        NODE_ENV: 'test',
        TRUST_PROXY: 'loopback',
        METRICS_TOKEN: TOKEN,
        RATE_LIMIT_PER_MINUTE: 10_000,
        AUTH_RATE_LIMIT_PER_MINUTE: 10_000,
        CATEGORY_CACHE_SECONDS: 0,
        CATALOG_CACHE_SECONDS: 0,
        CORS_ORIGINS: [],
        DATA_DIR: '/nonexistent',
      },
      logger: silentLogger,
      jwt: createJwt('gateway-metrics-test-secret-0123456789'),
      // No service answers: only the gateway's own metrics are read here.
      clients: createClients({
        AUTH_URL: NOWHERE,
        CATALOG_URL: NOWHERE,
        CART_URL: NOWHERE,
        ORDER_URL: NOWHERE,
        PAYMENT_URL: NOWHERE,
        REVIEW_URL: NOWHERE,
        NOTIFICATION_URL: NOWHERE,
        ANALYTICS_URL: NOWHERE,
      }),
      sessions,
      db: database.db,
      serviceToken: () => 'no-service-is-called',
      activity: unsentActivity(),
    });
    gateway = await startTestServer(app);
  });

  after(async () => {
    await gateway.close();
    await sessions.stop();
    await database.drop();
  });

  const scrape = (headers: Record<string, string> = {}) => fetch(`${gateway.url}/metrics`, { headers });

  it('answers loopback: the gateway’s series, both of its pools, API requests by route pattern', async () => {
    assert.equal((await fetch(`${gateway.url}/api/products/some-product-id`)).status, 503, 'catalog is down');
    const res = await scrape();
    assert.equal(res.status, 200);
    const text = await res.text();
    const gw = { service: 'gateway-web' };
    assert.equal(metricValue(text, 'http_requests_total', { ...gw, route: '/api/products/:id', status: '503' }), 1);
    assert.ok(!text.includes('some-product-id'));
    assert.equal(metricValue(text, 'db_pool_max', { ...gw, pool: 'main' }), 5);
    assert.equal(metricValue(text, 'db_pool_max', { ...gw, pool: 'sessions' }), 3);
    assert.match(text, /^db_pool_connections_in_use\{pool="sessions",service="gateway-web"\} \d+$/m);
  });

  it('is the shop’s ordinary 404 for a request that came through a proxy, unless it brings the token', async () => {
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    const refused = await scrape(proxied);
    const missing = await fetch(`${gateway.url}/no-such-page`, { headers: proxied });
    assert.equal(refused.status, 404);
    assert.equal(refused.headers.get('content-type'), missing.headers.get('content-type'));
    assert.doesNotMatch(await refused.text(), /http_requests_total/);
    assert.equal((await scrape({ ...proxied, authorization: 'Bearer not-the-token-at-all' })).status, 404);

    const granted = await scrape({ ...proxied, authorization: `Bearer ${TOKEN}` });
    assert.equal(granted.status, 200);
    assert.match(await granted.text(), /^http_requests_total\{.*service="gateway-web"/m);
  });
});
