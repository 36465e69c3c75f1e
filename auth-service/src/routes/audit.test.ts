// The audit log: sign-ins recorded with who, when, IP and request id; append-only; read by admins.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt, serviceTokens } from '@dm/common/jwt';
import { silentLogger, type TestApi, testApi } from '@dm/common/testing';
import { sql } from 'kysely';
import { seedAdmin } from '../accounts.js';
import { type AuthTestService, startAuthTestService } from '../test-support.js';

const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');
let server: AuthTestService;
let adminToken = '';

const api: TestApi = (method, path, body, headers) => testApi(server.url)(method, path, body, headers);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

before(async () => {
  server = await startAuthTestService('audit', jwt);
  await seedAdmin(server.database.db, 'boss@example.com', 'the-boss-password', silentLogger);
  adminToken = (await api('POST', '/auth/login', { email: 'boss@example.com', password: 'the-boss-password' })).body.access_token;
});

after(async () => {
  await server.close();
});

describe('V16 the audit log', () => {
  it('V16.3.2 records sign-out, a password change, and an admin’s role change and disable, with before and after', async () => {
    const user = { email: 'changes@example.com', password: 'a-changing-password', full_name: 'C' };
    const registered = await api('POST', '/auth/register', user);
    const id = registered.body.id as string;
    const token = (await api('POST', '/auth/login', user)).body.access_token as string;
    assert.equal(
      (
        await api(
          'POST',
          '/auth/change-password',
          { current_password: user.password, new_password: 'another-changed-password' },
          bearer(token),
        )
      ).status,
      204,
    );
    assert.equal((await api('POST', '/auth/logout', undefined, bearer(token))).status, 204);
    assert.equal((await api('PATCH', `/admin/users/${id}`, { role: 'admin' }, bearer(adminToken))).status, 200);
    assert.equal((await api('PATCH', `/admin/users/${id}`, { role: 'user', is_active: false }, bearer(adminToken))).status, 200);

    const page = await api('GET', `/admin/audit-events?subject_id=${id}&page_size=50`, undefined, bearer(adminToken));
    assert.equal(page.status, 200);
    const byAction = (action: string) => page.body.items.filter((e: { action: string }) => e.action === action);
    assert.equal(byAction('password.changed').length, 1);
    assert.equal(byAction('sign_out').length, 1);
    assert.equal(byAction('sign_out')[0].actor_id, id);
    const roles = byAction('user.role_changed').map((e: { before: unknown; after: unknown }) => [e.before, e.after]);
    assert.deepEqual(roles.reverse(), [
      [{ role: 'user' }, { role: 'admin' }],
      [{ role: 'admin' }, { role: 'user' }],
    ]);
    const [disabled] = byAction('user.disabled');
    assert.deepEqual([disabled.before, disabled.after], [{ is_active: true }, { is_active: false }]);
    assert.notEqual(disabled.actor_id, id, 'the admin is the actor');
  });

  it('V16.3.1 records sign-in success, failure and lockout with who, when, the client IP and the request id', async () => {
    const user = { email: 'audited@example.com', password: 'an-audited-password', full_name: 'A' };
    await api('POST', '/auth/register', user);
    const from = { 'x-client-ip': '203.0.113.7', 'x-request-id': 'req-audit-1' };
    for (let i = 0; i < 5; i++) await api('POST', '/auth/login', { email: user.email, password: 'wrong' }, from);
    await server.database.db.deleteFrom('login_failures').execute();
    await api('POST', '/auth/login', user, { 'x-client-ip': '203.0.113.8', 'x-request-id': 'req-audit-2' });

    const page = await api('GET', '/admin/audit-events?actor=audited@', undefined, bearer(adminToken));
    assert.equal(page.status, 200);
    const actions = page.body.items.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['sign_in.succeeded', 'sign_in.locked_out', ...Array(5).fill('sign_in.failed')]);
    const [success, lockout] = page.body.items;
    assert.equal(success.ip, '203.0.113.8');
    assert.equal(success.request_id, 'req-audit-2');
    assert.equal(success.actor_email, user.email);
    assert.ok(Date.now() - Date.parse(success.at) < 60_000);
    assert.equal(lockout.ip, '203.0.113.7');
    assert.equal(lockout.request_id, 'req-audit-1');
  });

  it('filters by action, subject and day, newest first, a page at a time', async () => {
    const failed = await api('GET', '/admin/audit-events?action=sign_in.failed&page_size=2', undefined, bearer(adminToken));
    assert.equal(failed.body.items.length, 2);
    assert.ok(failed.body.items.every((e: { action: string }) => e.action === 'sign_in.failed'));
    assert.equal(failed.body.has_next, true);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok((await api('GET', `/admin/audit-events?from=${today}&to=${today}`, undefined, bearer(adminToken))).body.total > 0);
    assert.equal((await api('GET', '/admin/audit-events?to=2000-01-01', undefined, bearer(adminToken))).body.total, 0);
    assert.equal((await api('GET', '/admin/audit-events?action=nonsense', undefined, bearer(adminToken))).status, 422);
  });

  it('V16.4.2 is append-only: the database refuses to change or delete an event', async () => {
    await assert.rejects(server.database.db.updateTable('audit_events').set({ action: 'sign_out' }).execute(), /append-only/);
    await assert.rejects(server.database.db.deleteFrom('audit_events').execute(), /append-only/);
    await assert.rejects(sql`TRUNCATE audit_events`.execute(server.database.db), /append-only/);
  });

  it('takes events from other services with a service token, once per id, with before and after', async () => {
    const event = {
      id: '7a0c3f3e-1c1f-4a51-9a57-8d3a3c1b2d10',
      action: 'product.updated',
      actor_email: 'boss@example.com',
      subject_type: 'product',
      subject_id: 'SKU-1',
      before: { price: '10.00' },
      after: { price: '12.00' },
    };
    assert.equal((await api('POST', '/internal/audit-events', event, bearer(adminToken))).status, 403);
    const service = bearer(serviceTokens(jwt, 'catalog-service')());
    assert.equal((await api('POST', '/internal/audit-events', event, service)).status, 204);
    assert.equal((await api('POST', '/internal/audit-events', event, service)).status, 204);
    const page = await api('GET', '/admin/audit-events?subject_id=SKU-1', undefined, bearer(adminToken));
    assert.equal(page.body.total, 1);
    assert.deepEqual([page.body.items[0].before, page.body.items[0].after], [{ price: '10.00' }, { price: '12.00' }]);
  });

  it('takes the events of one change together, once per id, and refuses a batch with a bad event whole', async () => {
    const service = bearer(serviceTokens(jwt, 'catalog-service')());
    const event = (id: string, from: string, to: string) => ({
      id,
      action: 'product.updated',
      actor_email: 'boss@example.com',
      subject_type: 'product',
      subject_id: 'SKU-BULK',
      before: { is_active: from },
      after: { is_active: to },
    });
    const events = [
      event('0b6f1d5e-6a59-4c8e-9d2f-2b9a7f0c1d01', 'true', 'false'),
      event('0b6f1d5e-6a59-4c8e-9d2f-2b9a7f0c1d02', 'false', 'true'),
    ];
    assert.equal((await api('POST', '/internal/audit-events', { events }, service)).status, 204);
    assert.equal((await api('POST', '/internal/audit-events', { events }, service)).status, 204);
    const bad = await api('POST', '/internal/audit-events', { events: [{ ...events[0], id: undefined }, { action: 'nonsense' }] }, service);
    assert.equal(bad.status, 422);
    assert.equal((await api('POST', '/internal/audit-events', { events: [] }, service)).status, 422);
    const page = await api('GET', '/admin/audit-events?subject_id=SKU-BULK', undefined, bearer(adminToken));
    assert.equal(page.body.total, 2);
  });

  it('is for admins only', async () => {
    const user = { email: 'curious@example.com', password: 'a-curious-password', full_name: 'C' };
    await api('POST', '/auth/register', user);
    const token = (await api('POST', '/auth/login', user)).body.access_token;
    assert.equal((await api('GET', '/admin/audit-events', undefined, bearer(token))).status, 403);
    assert.equal((await api('GET', '/admin/audit-events')).status, 401);
  });
});
