// What the gateway tells browsers and caches, and whom it believes about the client's address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadGatewayConfig } from './config.js';
import { call, newShopper } from './routes/api/test-client.js';
import { type GatewayStack, startGatewayStack } from './testing.js';

let stack: GatewayStack;
let shopper: { email: string; token: string };

before(async () => {
  stack = await startGatewayStack();
  shopper = await newShopper(stack.url);
});

after(async () => {
  await stack.stop();
});

describe('V3 Cache-Control on personal answers', () => {
  const personal = [
    '/account',
    '/cart',
    '/checkout',
    '/orders',
    '/admin',
    '/login',
    '/forgot-password',
    '/reset-password?token=x',
    '/api/auth/me',
    '/api/cart',
    '/api/orders',
    '/api/payments',
  ];

  it('V3.3 every personal page and API answer says no-store, signed in or not', async () => {
    for (const path of personal) {
      for (const token of [undefined, shopper.token]) {
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        // Not following redirects: the redirect itself is the personal answer (a signed-in /login goes home).
        const res = await fetch(`${stack.url}${path}`, { headers, redirect: 'manual' });
        assert.equal(res.headers.get('cache-control'), 'no-store', `${path} (${token ? 'signed in' : 'guest'}): ${res.status}`);
      }
    }
  });

  it('leaves the public catalog cacheable', async () => {
    const res = await call(stack.url, 'GET', '/products');
    assert.notEqual(res.headers.get('cache-control'), 'no-store');
  });
});

describe('V3 framing', () => {
  it("V3.4.6 no page may be framed: CSP frame-ancestors 'none' and X-Frame-Options DENY", async () => {
    const res = await call(stack.url, 'GET', '/');
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  });
});

describe('V3 cross-site writes to the API', () => {
  const cookie = () => `access_token=${shopper.token}`;

  it('V3.5.1 refuses Origin: null on a write, even with a Bearer token', async () => {
    const res = await call(stack.url, 'DELETE', '/api/cart', { token: shopper.token, headers: { origin: 'null' } });
    assert.equal(res.status, 403);
    assert.equal(typeof res.body.detail, 'string');
  });

  it('V3.5.1 refuses a cookie write without Origin unless Sec-Fetch-Site is same-origin', async () => {
    assert.equal((await call(stack.url, 'DELETE', '/api/cart', { headers: { cookie: cookie() } })).status, 403);
    const crossSite = await call(stack.url, 'DELETE', '/api/cart', { headers: { cookie: cookie(), 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    const sameOrigin = await call(stack.url, 'DELETE', '/api/cart', { headers: { cookie: cookie(), 'sec-fetch-site': 'same-origin' } });
    assert.equal(sameOrigin.status, 200);
    // Reads stay open, and a Bearer write needs no Origin: neither can be forged by another site.
    assert.equal((await call(stack.url, 'GET', '/api/cart', { headers: { cookie: cookie() } })).status, 200);
    assert.equal((await call(stack.url, 'DELETE', '/api/cart', { token: shopper.token })).status, 200);
  });
});

describe('TRUST_PROXY', () => {
  it('is loopback by default, and reads true, false, a hop count or a list', () => {
    assert.equal(loadGatewayConfig({}).TRUST_PROXY, 'loopback');
    assert.equal(loadGatewayConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY, false);
    assert.equal(loadGatewayConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY, true);
    assert.equal(loadGatewayConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
    assert.equal(loadGatewayConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY, 'loopback, 10.0.0.0/8');
  });

  const burst = async (base: string, clients: string[]) => {
    const statuses: number[] = [];
    for (const ip of clients) statuses.push((await call(base, 'GET', '/api/categories', { headers: { 'x-forwarded-for': ip } })).status);
    return statuses;
  };

  it('behind a trusted proxy, the rate limit keys on the client it names', async () => {
    const gateway = await stack.startGateway({ rateLimitPerMinute: 2, trustProxy: 'loopback' });
    assert.deepEqual(await burst(gateway.url, ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']), [200, 200, 429, 200]);
  });

  it('with no proxy trusted, X-Forwarded-For is ignored and cannot dodge the limit', async () => {
    const gateway = await stack.startGateway({ rateLimitPerMinute: 2, trustProxy: false });
    assert.deepEqual(await burst(gateway.url, ['203.0.113.3', '203.0.113.4', '203.0.113.5']), [200, 200, 429]);
  });
});
