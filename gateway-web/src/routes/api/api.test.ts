import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callJson, type TestCall } from '@dm/common/testing';
import { ADMIN, type GatewayStack, startGatewayStack } from '../../testing.js';

let stack: GatewayStack;
let adminToken = '';
let userToken = '';
let categoryId = '';

function api(method: string, path: string, options: TestCall & { base?: string } = {}) {
  return callJson(`${options.base ?? stack.url}${path}`, method, options);
}

before(async () => {
  stack = await startGatewayStack();
  const category = await stack.catalogDb.db
    .insertInto('categories')
    .values({ name: 'Audio', slug: 'audio', sort_order: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  categoryId = category.id;
});

after(async () => {
  await stack.stop();
});

describe('/api/auth', () => {
  it('registers a user: 201, then 409 for the same email, 422 for bad input', async () => {
    const created = await api('POST', '/api/auth/register', {
      body: { email: 'sam@example.com', password: 'sam-password', full_name: 'Sam Shopper' },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.body).sort(), [
      'access_token',
      'created_at',
      'email',
      'expires_in',
      'full_name',
      'id',
      'is_active',
      'last_login_at',
      'refresh_expires_in',
      'refresh_token',
      'role',
      'token_type',
      'user',
    ]);
    const taken = await api('POST', '/api/auth/register', {
      body: { email: 'SAM@example.com', password: 'sam-password', full_name: 'Sam' },
    });
    assert.equal(taken.status, 409);
    const bad = await api('POST', '/api/auth/register', { body: { email: 'nope', password: '1', full_name: 'x' } });
    assert.equal(bad.status, 422);
    assert.ok(Array.isArray(bad.body.errors) && bad.body.errors.length === 2);
  });

  it('logs in with JSON: a bearer token and an HttpOnly, SameSite=Lax cookie', async () => {
    const res = await api('POST', '/api/auth/login', { body: { email: 'sam@example.com', password: 'sam-password' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.token_type, 'bearer');
    assert.ok(res.body.expires_in > 0);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('access_token='));
    assert.ok(cookie, 'sets the access_token cookie');
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    userToken = res.body.access_token;
  });

  it('logs in with the OAuth2 form (username, password), and refuses a wrong password with 401', async () => {
    const form = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: ADMIN.email, password: ADMIN.password }),
    });
    assert.equal(form.status, 200);
    adminToken = ((await form.json()) as { access_token: string }).access_token;
    const wrong = await api('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'not-it' } });
    assert.equal(wrong.status, 401);
    assert.equal(typeof wrong.body.detail, 'string');
  });

  it('answers /api/auth/me by bearer token or by cookie, and 401 without either', async () => {
    assert.equal((await api('GET', '/api/auth/me', { token: userToken })).body.email, 'sam@example.com');
    const byCookie = await api('GET', '/api/auth/me', { headers: { cookie: `access_token=${userToken}` } });
    assert.equal(byCookie.status, 200);
    assert.equal((await api('GET', '/api/auth/me')).status, 401);
  });

  it('logs out: 204 and the cookie cleared; 401 for nobody', async () => {
    const res = await api('POST', '/api/auth/logout', {
      headers: { cookie: `access_token=${userToken}`, 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(res.status, 204);
    assert.match(res.headers.getSetCookie().join(), /access_token=;.*Expires=Thu, 01 Jan 1970/i);
    assert.equal((await api('POST', '/api/auth/logout')).status, 401);
  });
});

describe('/api/products and /api/categories', () => {
  let productId = '';
  const product = { sku: 'aud-100', name: 'Studio Headphones', description: 'Closed-back.', price: '129.50', stock: 7 };

  it('lets an admin create a product (201) with a category', async () => {
    const res = await api('POST', '/api/products', { token: adminToken, body: { ...product, category_ids: [categoryId] } });
    assert.equal(res.status, 201);
    assert.equal(res.body.price, '129.50');
    assert.equal(res.body.sku, 'AUD-100');
    assert.deepEqual(
      res.body.categories.map((c: { slug: string }) => c.slug),
      ['audio'],
    );
    productId = res.body.id;
  });

  it('refuses a write without a token (401), from a shopper (403), a taken sku (409), bad input (422)', async () => {
    assert.equal((await api('POST', '/api/products', { body: product })).status, 401);
    assert.equal((await api('POST', '/api/products', { token: userToken, body: { ...product, sku: 'X-1' } })).status, 403);
    assert.equal((await api('POST', '/api/products', { token: adminToken, body: product })).status, 409);
    const bad = await api('POST', '/api/products', { token: adminToken, body: { ...product, sku: 'X-2', price: '12.345' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'price');
  });

  it('lists and reads active products for anyone, in the list shape of the brief', async () => {
    const list = await api('GET', '/api/products?q=studio&page_size=5');
    assert.equal(list.status, 200);
    assert.deepEqual(Object.keys(list.body).sort(), ['has_next', 'items', 'page', 'page_size', 'total', 'total_is_lower_bound']);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.total_is_lower_bound, false);
    assert.equal(list.body.items[0].id, productId);
    assert.equal((await api('GET', `/api/products/${productId}`)).body.name, 'Studio Headphones');
    assert.equal((await api('GET', '/api/products/00000000-0000-0000-0000-000000000000')).status, 404);
  });

  it('passes the catalog’s 422 on for a bad filter', async () => {
    const res = await api('GET', '/api/products?sort=sideways');
    assert.equal(res.status, 422);
    assert.equal(typeof res.body.detail, 'string');
  });

  it('patches (200) and soft-deletes (204) as admin; the product then vanishes for shoppers', async () => {
    const patched = await api('PATCH', `/api/products/${productId}`, { token: adminToken, body: { price: 99 } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.price, '99.00');
    assert.equal((await api('DELETE', `/api/products/${productId}`, { token: adminToken })).status, 204);
    assert.equal((await api('GET', `/api/products/${productId}`)).status, 404);
    assert.equal((await api('GET', '/api/products?q=studio')).body.total, 0);
  });

  it('lists categories as [{id, name, slug, parent_id}]', async () => {
    const res = await api('GET', '/api/categories');
    assert.equal(res.status, 200);
    const audio = res.body.find((c: { slug: string }) => c.slug === 'audio');
    assert.equal(audio.id, categoryId);
    assert.equal(audio.parent_id, null);
    assert.equal(audio.name, 'Audio');
  });
});

describe('the API edge', () => {
  it('answers an unknown /api route with a JSON 404, and never proxies /internal', async () => {
    assert.deepEqual((await api('GET', '/api/nothing-here')).body, { detail: 'not found' });
    const internal = await api('POST', '/api/internal/products/batch', { token: adminToken, body: { ids: [] } });
    assert.equal(internal.status, 404);
  });

  it('refuses a cross-site write carrying the cookie', async () => {
    const res = await api('POST', '/api/auth/logout', {
      headers: { cookie: `access_token=${adminToken}`, origin: 'https://evil.example' },
    });
    assert.equal(res.status, 403);
  });

  it('rate-limits /api/* per client with a 429 {"detail"}', async () => {
    const limited = await stack.startGateway({ rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api('GET', '/api/categories', { base: limited.url })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const res = await api('GET', '/api/categories', { base: limited.url });
    assert.match(res.body.detail, /too many requests/);
  });

  it('answers 503 {"detail":"catalog unavailable"} when catalog-service is down', async () => {
    const orphan = await stack.startGateway({ catalogUrl: 'http://127.0.0.1:9' });
    const res = await api('GET', '/api/products', { base: orphan.url });
    assert.equal(res.status, 503);
    assert.deepEqual(res.body, { detail: 'catalog unavailable' });
  });
});
