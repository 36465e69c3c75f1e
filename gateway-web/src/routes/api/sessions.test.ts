// Revocation through the whole stack (OWASP ASVS 5.0 V7 sessions, V8 authorization, V9 tokens):
// every service refuses an ended session's token within seconds, and a browser's expired access
// cookie is refreshed on the way instead of signing the shopper out.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { callJson, type TestCall } from '@dm/common/testing';
import { sql } from 'kysely';
import { ADMIN, type GatewayStack, startGatewayStack } from '../../testing.js';

let stack: GatewayStack;
let counter = 0;
const api = (method: string, path: string, call: TestCall = {}) => callJson(`${stack.url}${path}`, method, call);

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

async function shopper() {
  const email = `rev${++counter}-${process.pid}@example.com`;
  const res = await api('POST', '/api/auth/register', { body: { email, password: 'first-password-1', full_name: 'Rev' } });
  assert.equal(res.status, 201, res.text);
  return { email, id: res.body.id as string, token: res.body.access_token as string, refresh: res.body.refresh_token as string };
}

async function signIn(email: string, password: string) {
  const res = await api('POST', '/api/auth/login', { body: { email, password } });
  assert.equal(res.status, 200, res.text);
  return res.body.access_token as string;
}

/** Asks until `ok` holds or the deadline passes; answers how long it took. */
async function within(ms: number, what: string, ok: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await ok()) return Date.now() - start;
    if (Date.now() - start > ms) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The token is refused by cart-service and order-service (two services, each checking on its own). */
const refusedEverywhere = async (token: string) =>
  (await api('GET', '/api/cart', { token })).status === 401 && (await api('GET', '/api/orders', { token })).status === 401;

describe('revocation on every service', () => {
  it('V7.4.1 an old access token is refused within 5 s of sign-out', async () => {
    const sam = await shopper();
    assert.equal((await api('GET', '/api/cart', { token: sam.token })).status, 200);
    assert.equal((await api('GET', '/api/orders', { token: sam.token })).status, 200);
    assert.equal((await api('POST', '/api/auth/logout', { token: sam.token })).status, 204);
    await within(5000, 'signed-out token refused', () => refusedEverywhere(sam.token));
    assert.equal((await api('GET', '/api/auth/me', { token: sam.token })).status, 401, 'at once by auth-service');
  });

  it('V7.4.3 sign-out everywhere and a password change end the other sessions on every service', async () => {
    const sam = await shopper();
    const phone = await signIn(sam.email, 'first-password-1');
    assert.equal(await api('GET', '/api/cart', { token: phone }).then((r) => r.status), 200);
    const changed = await api('POST', '/api/auth/change-password', {
      token: sam.token,
      body: { current_password: 'first-password-1', new_password: 'second-password-2' },
    });
    assert.equal(changed.status, 204);
    await within(5000, 'the other device refused', () => refusedEverywhere(phone));
    assert.equal((await api('GET', '/api/cart', { token: sam.token })).status, 200, 'the device that changed it stays');
    assert.equal((await api('POST', '/api/auth/logout-all', { token: sam.token })).status, 204);
    await within(5000, 'every device refused', () => refusedEverywhere(sam.token));
  });

  it('V8.3.1 a disabled user’s token and a demoted admin’s token are refused within 5 s', async () => {
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const sam = await shopper();
    assert.equal((await api('GET', '/api/cart', { token: sam.token })).status, 200);
    const disabled = await api('PATCH', `/api/admin/users/${sam.id}`, { token: admin, body: { is_active: false } });
    assert.equal(disabled.status, 200, disabled.text);
    await within(5000, 'disabled user refused', () => refusedEverywhere(sam.token));

    const kim = await shopper();
    assert.equal((await api('PATCH', `/api/admin/users/${kim.id}`, { token: admin, body: { role: 'admin' } })).status, 200);
    const kimAdmin = await signIn(kim.email, 'first-password-1');
    assert.equal((await api('GET', '/api/orders', { token: kimAdmin })).status, 200);
    assert.equal((await api('PATCH', `/api/admin/users/${kim.id}`, { token: admin, body: { role: 'user' } })).status, 200);
    await within(5000, 'the admin token of a demoted user refused', () => refusedEverywhere(kimAdmin));
    const shopperOnly = await api('PATCH', `/api/admin/users/${kim.id}`, { token: (await shopper()).token, body: { role: 'admin' } });
    assert.equal(shopperOnly.status, 403);
  });

  it('V8.3.1 a deleted user’s token is refused within 5 s, though every service already knew the session', async () => {
    const sam = await shopper();
    assert.equal((await api('GET', '/api/cart', { token: sam.token })).status, 200);
    assert.equal((await api('GET', '/api/orders', { token: sam.token })).status, 200);
    // No route deletes an account (disabling is the admin's way); an operator's DELETE must revoke too.
    await stack.authDb.db.deleteFrom('users').where('id', '=', sam.id).execute();
    await within(5000, 'deleted user refused', () => refusedEverywhere(sam.token));
    assert.equal((await api('GET', '/api/auth/me', { token: sam.token })).status, 401, 'at once by auth-service');
  });

  it('V9.2.2 a validly signed token for a user who never existed, or without a session, is refused', async () => {
    const ghost = stack.signer.sign({ sub: randomUUID(), role: 'admin', sid: randomUUID(), email: 'ghost@example.com' }, 600);
    assert.ok(await refusedEverywhere(ghost));
    assert.equal(
      (await api('POST', '/api/products', { token: ghost, body: { sku: 'G-1', name: 'G', price: '1.00', stock: 1 } })).status,
      401,
    );
    const sam = await shopper();
    const borrowedSid = stack.signer.sign({ sub: randomUUID(), role: 'user', sid: stack.signer.verify(sam.token).sid }, 600);
    assert.ok(await refusedEverywhere(borrowedSid), 'a real session under another sub');
    const noSession = stack.signer.sign({ sub: sam.id, role: 'user' }, 600);
    assert.ok(await refusedEverywhere(noSession));
  });
});

describe('refresh in the browser', () => {
  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0]
      ?.slice(name.length + 1);

  it('V7.3.1 an expired access cookie is refreshed on the way: same method, same page, new cookies', async () => {
    const sam = await shopper();
    const { sid } = stack.signer.verify(sam.token);
    const stale = stack.signer.sign({ sub: sam.id, role: 'user', sid }, -5);
    const page = await fetch(`${stack.url}/cart?x=1`, { headers: { cookie: `access_token=${stale}` }, redirect: 'manual' });
    assert.equal(page.status, 307);
    assert.equal(page.headers.get('location'), '/auth/refresh?next=%2Fcart%3Fx%3D1');

    const refreshed = await fetch(`${stack.url}/auth/refresh?next=%2Fcart%3Fx%3D1`, {
      method: 'POST',
      headers: { cookie: `access_token=${stale}; refresh_token=${sam.refresh}` },
      redirect: 'manual',
    });
    assert.equal(refreshed.status, 307, 'the method and body come along');
    assert.equal(refreshed.headers.get('location'), '/cart?x=1');
    const refreshCookie = refreshed.headers.getSetCookie().find((c) => c.startsWith('refresh_token='));
    assert.match(refreshCookie ?? '', /Path=\/auth\/refresh/);
    assert.match(refreshCookie ?? '', /HttpOnly/);
    const access = cookieOf(refreshed, 'access_token');
    assert.ok(access && access !== stale);
    const cart = await fetch(`${stack.url}/cart`, { headers: { cookie: `access_token=${access}` }, redirect: 'manual' });
    assert.equal(cart.status, 200, 'signed in, not sent to /login');
  });

  it('V7.3.1 an access cookie about to expire is refreshed before the page passes it on, so no service finds it expired midway', async () => {
    const sam = await shopper();
    const { sid } = stack.signer.verify(sam.token);
    const now = Math.floor(Date.now() / 1000);
    // Issued 890 s ago for 900 s: 10 s left, inside the last third (at most a minute) of its life.
    const ending = stack.signer.sign({ sub: sam.id, role: 'user', sid, iat: now - 890 } as never, 900);
    assert.equal(stack.signer.verify(ending).exp - now, 10);
    const page = await fetch(`${stack.url}/cart`, { headers: { cookie: `access_token=${ending}` }, redirect: 'manual' });
    assert.equal(page.status, 307);
    assert.equal(page.headers.get('location'), '/auth/refresh?next=%2Fcart');
    const api = await fetch(`${stack.url}/api/cart`, { headers: { authorization: `Bearer ${ending}` }, redirect: 'manual' });
    assert.equal(api.status, 200, "a Bearer token is the client's to refresh: used while it lives");
  });

  it('V7.3.1 two requests refreshing at once: the second goes back without clearing the cookies the first sets', async () => {
    const sam = await shopper();
    const { sid } = stack.signer.verify(sam.token);
    const stale = stack.signer.sign({ sub: sam.id, role: 'user', sid }, -5);
    const refreshOnce = () =>
      fetch(`${stack.url}/auth/refresh?next=%2Fcart`, {
        headers: { cookie: `access_token=${stale}; refresh_token=${sam.refresh}` },
        redirect: 'manual',
      });
    const answers = await Promise.all([refreshOnce(), refreshOnce()]);
    for (const res of answers) assert.equal(res.headers.get('location'), '/cart');
    const fresh = answers.filter((res) => cookieOf(res, 'access_token'));
    assert.equal(fresh.length, 1, 'one of them rotated the pair');
    const other = answers.find((res) => !cookieOf(res, 'access_token'));
    const tokenCookies = other?.headers.getSetCookie().filter((c) => /^(access|refresh)_token=/.test(c));
    assert.deepEqual(tokenCookies, [], 'the other left the cookies alone (no sign-out)');
  });

  it('V7.3.1 a copy of a refresh cookie that another browser just rotated is signed out after a few waits, not looped', async () => {
    const sam = await shopper();
    const { sid } = stack.signer.verify(sam.token);
    // Another browser rotates the pair; this one keeps the old cookies, inside the reuse grace.
    assert.equal((await api('POST', '/api/auth/refresh', { body: { refresh_token: sam.refresh } })).status, 200);
    const stale = stack.signer.sign({ sub: sam.id, role: 'user', sid }, -5);
    let waits = '';
    const answers: string[] = [];
    for (let round = 0; round < 5; round++) {
      const res = await fetch(`${stack.url}/auth/refresh?next=%2Fcart`, {
        headers: { cookie: `access_token=${stale}; refresh_token=${sam.refresh}${waits ? `; refresh_waits=${waits}` : ''}` },
        redirect: 'manual',
      });
      assert.equal(res.headers.get('location'), '/cart');
      waits = cookieOf(res, 'refresh_waits') ?? waits;
      const cleared = cookieOf(res, 'access_token') === '';
      answers.push(cleared ? 'signed out' : `wait ${waits}`);
      if (cleared) break;
    }
    assert.deepEqual(answers, ['wait 1', 'wait 2', 'wait 3', 'signed out']);
  });

  it('V7.3.1 a spent refresh cookie signs the browser out instead of looping', async () => {
    const sam = await shopper();
    const { sid } = stack.signer.verify(sam.token);
    assert.equal((await api('POST', '/api/auth/refresh', { body: { refresh_token: sam.refresh } })).status, 200);
    // Spent a minute ago: past the grace that two tabs refreshing at once get.
    await stack.authDb.db
      .updateTable('refresh_tokens')
      .set({ spent_at: sql<Date>`now() - interval '1 minute'` })
      .where('spent_at', 'is not', null)
      .execute();
    const stale = stack.signer.sign({ sub: sam.id, role: 'user', sid }, -5);
    const res = await fetch(`${stack.url}/auth/refresh?next=/cart`, {
      headers: { cookie: `access_token=${stale}; refresh_token=${sam.refresh}` },
      redirect: 'manual',
    });
    assert.equal(res.status, 307);
    assert.equal(cookieOf(res, 'access_token'), '', 'cookies cleared');
    const orders = await fetch(`${stack.url}/orders`, { redirect: 'manual' });
    assert.match(orders.headers.get('location') ?? '', /^\/login/);
  });
});
