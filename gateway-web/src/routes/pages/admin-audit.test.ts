import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';
import { adminToken, call, newShopper } from '../api/test-client.js';

let stack: GatewayStack;

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

const signedIn = (email: string, password: string) => TestBrowser.signedIn(stack.url, email, password);

describe('/admin/audit', () => {
  it('V16.3.1 shows a failed sign-in with the address the gateway saw and its request id, filtered by person and event', async () => {
    const failed = await call(stack.url, 'POST', '/api/auth/login', {
      body: { email: 'mallory@example.com', password: 'guess-1' },
      headers: { 'x-request-id': 'req-mallory-1' },
    });
    assert.equal(failed.status, 401);
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const page = await admin.get('/admin/audit?actor=mallory&action=sign_in.failed');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.html, /sign_in\.failed/);
    assert.match(page.html, /mallory@example\.com/);
    assert.match(page.html, /127\.0\.0\.1/);
    assert.match(page.html, /req-mallory-1/);
    assert.match(page.html, /unknown email/);
    const none = await admin.get('/admin/audit?actor=mallory&action=sign_in.succeeded');
    assert.match(none.html, /No events found/);
  });

  it('V16.2.1 shows an admin’s price change with the price before and after, who made it and the request id', async () => {
    const token = await adminToken(stack.url);
    const made = await call(stack.url, 'POST', '/api/products', {
      token,
      body: { sku: 'AUDIT-PAGE-1', name: 'Audited Teapot', price: '10.00', stock: 4 },
    });
    assert.equal(made.status, 201);
    const changed = await call(stack.url, 'PATCH', `/api/products/${made.body.id}`, {
      token,
      body: { price: '12.50' },
      headers: { 'x-request-id': 'req-teapot-1' },
    });
    assert.equal(changed.status, 200);

    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const page = await admin.get(`/admin/audit?subject_id=${made.body.id}&action=product.updated`);
    assert.equal(page.status, 200);
    assert.match(page.html, /<code>product\.updated<\/code>/);
    assert.ok(page.html.includes(`product ${made.body.id}`));
    assert.ok(page.html.includes(`<td data-label="Who">${ADMIN.email}</td>`));
    // The page writes each state as JSON, HTML-escaped.
    assert.match(page.html, /before<\/span> <code>\{&#34;price&#34;:&#34;10\.00&#34;\}<\/code>/);
    assert.match(page.html, /after<\/span> <code>\{&#34;price&#34;:&#34;12\.50&#34;\}<\/code>/);
    assert.match(page.html, /req-teapot-1/);
    assert.doesNotMatch(page.html, /<code>product\.created<\/code>/, 'filtered by event');
  });

  it('is for admins only', async () => {
    const shopper = await newShopper(stack.url);
    const browser = await signedIn(shopper.email, 'shopper-password-1');
    const res = await browser.get('/admin/audit');
    assert.notEqual(res.status, 200);
    assert.doesNotMatch(res.html, /Audit log/);
  });
});
