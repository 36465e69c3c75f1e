// /admin/users: people searched and filtered, and one person's orders, payments and sign-ins, with
// the role and disable forms (OWASP ASVS 5.0 V8 authorization), through the real services.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';
import { adminToken, call, newShopper, pendingOrder } from '../api/test-client.js';

let stack: GatewayStack;

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

const signedIn = (email: string, password: string) => TestBrowser.signedIn(stack.url, email, password);

describe('/admin/users', () => {
  it('lists people with search and role filter, and a person’s page shows their orders, payments and sign-ins', async () => {
    const shopper = await newShopper(stack.url);
    const admin = await adminToken(stack.url);
    const { orderId } = await pendingOrder(stack.url, admin, shopper);
    const paid = await call(stack.url, 'POST', '/api/payments', {
      token: shopper.token,
      body: { order_id: orderId, card: { number: '4242424242424242', exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123' } },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(paid.status, 201, paid.text);

    const browser = await signedIn(ADMIN.email, ADMIN.password);
    const list = await browser.get(`/admin/users?q=${encodeURIComponent(shopper.email.slice(0, 20))}`);
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('cache-control'), 'no-store');
    assert.match(list.html, new RegExp(`href="/admin/users/${shopper.id}"`));
    const admins = await browser.get('/admin/users?role=admin');
    assert.doesNotMatch(admins.html, new RegExp(shopper.id), 'the role filter leaves the shopper out');

    const person = await browser.get(`/admin/users/${shopper.id}`);
    assert.equal(person.status, 200);
    assert.match(person.html, new RegExp(`/admin/orders/${orderId}`), 'their order');
    assert.match(person.html, /\$\d+\.\d\d <span class="badge text-bg-success">succeeded/, 'their payment');
    assert.match(person.html, /sign_in\.succeeded/, 'their sign-ins');
  });

  it('V8.2.1 the role form makes a vendor, the disable form ends their sessions, and a shopper cannot open the page', async () => {
    const shopper = await newShopper(stack.url);
    const browser = await signedIn(ADMIN.email, ADMIN.password);
    await browser.get(`/admin/users/${shopper.id}`);
    const promoted = await browser.post(`/admin/users/${shopper.id}`, { role: 'vendor' });
    assert.equal(promoted.location, `/admin/users/${shopper.id}`);
    assert.match((await browser.get(`/admin/users/${shopper.id}`)).html, /is now vendor/);
    const disabled = await browser.post(`/admin/users/${shopper.id}`, { is_active: 'false' });
    assert.equal(disabled.status, 302);
    assert.match((await browser.get(`/admin/users/${shopper.id}`)).html, /is disabled and signed out everywhere/);
    const refused = await call(stack.url, 'POST', '/api/auth/login', { body: { email: shopper.email, password: 'shopper-password-1' } });
    assert.equal(refused.status, 403, 'a disabled account cannot sign in');

    const other = await newShopper(stack.url);
    const shopperBrowser = await signedIn(other.email, 'shopper-password-1');
    assert.equal((await shopperBrowser.get('/admin/users')).status, 403);
    const nosy = await newShopper(stack.url);
    const theirs = { token: nosy.token };
    assert.equal((await call(stack.url, 'GET', `/api/payments?user_id=${other.id}`, theirs)).status, 403, 'nobody else’s payments');
    assert.equal((await call(stack.url, 'GET', `/api/orders?scope=all&user_id=${other.id}`, theirs)).status, 403, 'nor orders');
    assert.equal((await call(stack.url, 'GET', '/api/admin/users', theirs)).status, 403);
  });

  it('the last admin cannot be demoted: the page says why', async () => {
    const browser = await signedIn(ADMIN.email, ADMIN.password);
    const me = (await call(stack.url, 'GET', '/api/auth/me', { token: await adminToken(stack.url) })).body.id as string;
    await browser.get(`/admin/users/${me}`);
    await browser.post(`/admin/users/${me}`, { role: 'user' });
    assert.match((await browser.get(`/admin/users/${me}`)).html, /the last admin cannot be demoted or disabled/);
  });
});
