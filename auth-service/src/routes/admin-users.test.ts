// The admin's people (OWASP ASVS 5.0 V8 authorization): a list only admins read, searched and
// filtered, and one person.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { silentLogger, type TestApi, testApi } from '@dm/common/testing';
import { seedAdmin } from '../accounts.js';
import { type AuthTestService, startAuthTestService } from '../test-support.js';

const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');
let server: AuthTestService;
let api: TestApi;
let admin = '';
let shopper = '';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const people = async (query: string, token = admin) => api('GET', `/admin/users${query}`, undefined, bearer(token));

before(async () => {
  server = await startAuthTestService('admin_people', jwt);
  api = testApi(server.url);
  await seedAdmin(server.database.db, 'chief@example.com', 'the-chief-password', silentLogger);
  admin = (await api('POST', '/auth/login', { email: 'chief@example.com', password: 'the-chief-password' })).body.access_token;
  // Registered one after the other, so "newest first" has an order to keep.
  const accounts: [string, string][] = [
    ['ada.lovelace@example.com', 'Ada Lovelace'],
    ['grace@example.org', 'Grace Hopper'],
    ['cotton@example.com', '100% Cotton'],
    ['linus@example.com', 'Linus Vendor'],
  ];
  for (const [email, name] of accounts) {
    const res = await api('POST', '/auth/register', { email, password: 'people-password-1', full_name: name });
    assert.equal(res.status, 201, res.text);
    if (email.startsWith('ada')) shopper = res.body.access_token;
  }
});

after(async () => {
  await server.close();
});

describe('V8.2 the admin’s people', () => {
  it('V8.2.1 only an admin reads the list or a person: a shopper gets 403, no token 401', async () => {
    assert.equal((await people('', shopper)).status, 403);
    assert.equal((await api('GET', '/admin/users')).status, 401);
    const ada = (await people('?q=ada')).body.items[0];
    assert.equal((await api('GET', `/admin/users/${ada.id}`, undefined, bearer(shopper))).status, 403);
  });

  it('lists the newest first, pages, and never shows a password hash', async () => {
    const first = await people('?page_size=2');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    assert.equal(first.body.total, 5);
    assert.equal(first.body.has_next, true);
    assert.deepEqual(
      first.body.items.map((u: { full_name: string }) => u.full_name),
      ['Linus Vendor', '100% Cotton'],
    );
    const last = await people('?page_size=2&page=3');
    assert.deepEqual(
      last.body.items.map((u: { email: string }) => u.email),
      ['chief@example.com'],
    );
    assert.ok(!first.text.includes('password_hash') && !first.text.includes('argon2'));
  });

  it('searches part of an email or a name, in any case, with % and _ taken literally', async () => {
    const names = async (query: string) => (await people(query)).body.items.map((u: { full_name: string }) => u.full_name);
    assert.deepEqual(await names('?q=LOVE'), ['Ada Lovelace']);
    assert.deepEqual(await names('?q=example.org'), ['Grace Hopper']);
    assert.deepEqual(await names('?q=%25'), ['100% Cotton']);
    assert.deepEqual(await names('?q=_'), []);
  });

  it('filters by role, and a role change to vendor shows there', async () => {
    const linus = (await people('?q=linus')).body.items[0];
    const changed = await api('PATCH', `/admin/users/${linus.id}`, { role: 'vendor' }, bearer(admin));
    assert.equal(changed.status, 200);
    assert.equal(changed.body.role, 'vendor');
    const vendors = await people('?role=vendor');
    assert.deepEqual(
      vendors.body.items.map((u: { id: string }) => u.id),
      [linus.id],
    );
    assert.equal((await people('?role=admin')).body.total, 1);
    assert.equal((await people('?role=owner')).status, 422);
  });

  it('one person: 200 with the user, 404 for an unknown id, 422 for a malformed one', async () => {
    const grace = (await people('?q=grace')).body.items[0];
    const one = await api('GET', `/admin/users/${grace.id}`, undefined, bearer(admin));
    assert.equal(one.status, 200);
    assert.equal(one.body.email, 'grace@example.org');
    assert.equal((await api('GET', `/admin/users/${randomUUID()}`, undefined, bearer(admin))).status, 404);
    assert.equal((await api('GET', '/admin/users/not-a-uuid', undefined, bearer(admin))).status, 422);
  });
});
