// CORS_ORIGINS: other sites' pages may call the API with a Bearer token, never with the cookie.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadGatewayConfig } from '../../config.js';
import { type GatewayStack, startGatewayStack } from '../../testing.js';
import { call, newShopper } from './test-client.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';

let stack: GatewayStack;
let base = '';
let shopper: { email: string; token: string };

before(async () => {
  stack = await startGatewayStack();
  base = (await stack.startGateway({ corsOrigins: [APP, 'http://localhost:3000'] })).url;
  shopper = await newShopper(base);
});

after(async () => {
  await stack.stop();
});

const preflight = (origin: string, method: string, headers = 'authorization, content-type, idempotency-key') =>
  fetch(`${base}/api/payments/process`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('CORS_ORIGINS', () => {
  it('is a comma-separated list of origins, empty by default, and a bad one is named at boot', () => {
    assert.deepEqual(loadGatewayConfig({}).CORS_ORIGINS, []);
    assert.deepEqual(loadGatewayConfig({ CORS_ORIGINS: ' https://a.example, HTTP://B.example:8080 ,' }).CORS_ORIGINS, [
      'https://a.example',
      'http://b.example:8080',
    ]);
    assert.throws(() => loadGatewayConfig({ CORS_ORIGINS: 'https://a.example/app' }), /CORS_ORIGINS/);
    assert.throws(() => loadGatewayConfig({ CORS_ORIGINS: '*' }), /CORS_ORIGINS/);
  });
});

describe('an allowed origin', () => {
  it('gets its preflight answered with the methods and headers the API uses, and no credentials', async () => {
    const res = await preflight(APP, 'POST');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    const methods = res.headers.get('access-control-allow-methods')?.split(',') ?? [];
    assert.ok(methods.includes('GET') && methods.includes('POST'), `methods: ${methods}`);
    assert.equal(res.headers.get('access-control-allow-headers'), 'Authorization,Content-Type,Idempotency-Key');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  });

  it('calls the API with a Bearer token and may read the answer', async () => {
    const res = await call(base, 'GET', '/api/auth/me', { token: shopper.token, headers: { origin: APP } });
    assert.equal(res.status, 200);
    assert.equal(res.body.email, shopper.email);
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    // A write too: the origin check of writes lets a Bearer call through.
    const write = await call(base, 'POST', '/api/cart/items', {
      token: shopper.token,
      headers: { origin: APP },
      body: { product_id: '00000000-0000-4000-8000-000000000000', quantity: 1 },
    });
    assert.equal(write.status, 404);
    assert.equal(write.headers.get('access-control-allow-origin'), APP);
  });

  it('is never authenticated by the cookie, reading or writing', async () => {
    const cookie = { cookie: `access_token=${shopper.token}`, origin: APP };
    const read = await call(base, 'GET', '/api/auth/me', { headers: cookie });
    assert.equal(read.status, 401);
    assert.equal(read.headers.get('access-control-allow-origin'), APP);
    const write = await call(base, 'DELETE', '/api/cart', { headers: cookie });
    assert.equal(write.status, 401);
    // The shop's own pages, same origin, still are.
    assert.equal((await call(base, 'GET', '/api/auth/me', { headers: { cookie: cookie.cookie, origin: base } })).status, 200);
  });
});

describe('a refused origin', () => {
  it('gets no CORS headers: its preflight is a 403 {"detail"}', async () => {
    const res = await preflight(EVIL, 'POST');
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(typeof ((await res.json()) as { detail: unknown }).detail, 'string');
  });

  it('is answered without CORS headers, so its page cannot read the answer, and the cookie counts for nothing', async () => {
    const withToken = await call(base, 'GET', '/api/auth/me', { token: shopper.token, headers: { origin: EVIL } });
    assert.equal(withToken.headers.get('access-control-allow-origin'), null);
    const withCookie = await call(base, 'GET', '/api/auth/me', { headers: { cookie: `access_token=${shopper.token}`, origin: EVIL } });
    assert.equal(withCookie.status, 401);
    assert.equal(withCookie.headers.get('access-control-allow-origin'), null);
  });

  it('may not write without a token: a form posted from another site is refused', async () => {
    const login = await call(base, 'POST', '/api/auth/login', {
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: shopper.email, password: 'shopper-password-1' }).toString(),
    });
    assert.equal(login.status, 403);
    assert.equal(login.headers.getSetCookie().length, 0);
    const opaque = await call(base, 'POST', '/api/auth/logout', { headers: { cookie: `access_token=${shopper.token}`, origin: 'null' } });
    assert.equal(opaque.status, 403);
  });

  it('is every origin when CORS_ORIGINS is empty, as it is by default', async () => {
    const res = await fetch(`${stack.url}/api/auth/me`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });
});
