// Tokens and sessions as OWASP ASVS 5.0 asks (V7 session management, V9 self-contained tokens).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { silentLogger, type TestApi, testApi } from '@dm/common/testing';
import { seedAdmin } from '../accounts.js';
import { type AuthTestService, startAuthTestService } from '../test-support.js';

const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');
let server: AuthTestService;
let api: TestApi;
let counter = 0;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

before(async () => {
  server = await startAuthTestService('auth_sessions', jwt, { policy: { accessTtlSeconds: 900 } });
  await seedAdmin(server.database.db, 'root@example.com', 'root-password-1', silentLogger);
  api = testApi(server.url);
});

after(async () => {
  await server.close();
});

async function newAccount() {
  const email = `s${++counter}-${process.pid}@example.com`;
  const res = await api('POST', '/auth/register', { email, password: 'first-password-1', full_name: 'Sam' });
  assert.equal(res.status, 201, res.text);
  return { email, id: res.body.id as string, access: res.body.access_token as string, refresh: res.body.refresh_token as string };
}

async function signIn(email: string, password = 'first-password-1') {
  const res = await api('POST', '/auth/login', { email, password });
  assert.equal(res.status, 200, res.text);
  return { access: res.body.access_token as string, refresh: res.body.refresh_token as string };
}

const me = async (token: string) => (await api('GET', '/auth/me', undefined, bearer(token))).status;

describe('tokens', () => {
  it('V9.2.1 register and login answer the user and a pair; the access token carries exp, iat, sub, sid and role', async () => {
    const account = await newAccount();
    const login = await api('POST', '/auth/login', { email: account.email, password: 'first-password-1' });
    assert.equal(login.body.user.email, account.email);
    assert.equal(login.body.token_type, 'bearer');
    assert.equal(login.body.expires_in, 900);
    assert.match(login.body.refresh_token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
    const claims = jwt.verify(login.body.access_token);
    assert.equal(claims.sub, account.id);
    assert.equal(claims.role, 'user');
    assert.ok(claims.sid && claims.iat && claims.exp - claims.iat === 900);
    const stored = await server.database.db.selectFrom('refresh_tokens').select('hash').execute();
    assert.ok(
      stored.every((r) => r.hash.length === 32),
      'only SHA-256 hashes are stored',
    );
    assert.ok(!stored.some((r) => r.hash.toString('base64url') === login.body.refresh_token));
  });

  it('V7.2.4 a refresh token is rotated: it gives a new pair once, and is refused after', async () => {
    const account = await newAccount();
    const first = await api('POST', '/auth/refresh', { refresh_token: account.refresh });
    assert.equal(first.status, 200);
    assert.notEqual(first.body.refresh_token, account.refresh);
    assert.equal(jwt.verify(first.body.access_token).sid, jwt.verify(account.access).sid);
    assert.equal((await api('POST', '/auth/refresh', { refresh_token: 'not-a-token' })).status, 401);
  });

  it('V9.1.3 reuse of a spent refresh token revokes its whole family', async () => {
    const account = await newAccount();
    const rotated = await api('POST', '/auth/refresh', { refresh_token: account.refresh });
    assert.equal(rotated.status, 200);
    const reuse = await api('POST', '/auth/refresh', { refresh_token: account.refresh });
    assert.equal(reuse.status, 401);
    assert.equal(
      (await api('POST', '/auth/refresh', { refresh_token: rotated.body.refresh_token })).status,
      401,
      'the newer token died too',
    );
    assert.equal(await me(rotated.body.access_token), 401, 'and the session’s access tokens');
  });

  it('V7.4.1 sign-out ends the session: its access and refresh tokens are refused', async () => {
    const account = await newAccount();
    assert.equal(await me(account.access), 200);
    assert.equal((await api('POST', '/auth/logout', undefined, bearer(account.access))).status, 204);
    assert.equal(await me(account.access), 401);
    assert.equal((await api('POST', '/auth/refresh', { refresh_token: account.refresh })).status, 401);
  });

  it('V7.4.1 a token without a session, or for a user who never existed, is refused', async () => {
    assert.equal(await me(jwt.sign({ sub: (await newAccount()).id, role: 'user' }, 60)), 401);
    const ghost = jwt.sign({ sub: '00000000-0000-4000-8000-000000000000', role: 'admin', sid: '00000000-0000-4000-8000-000000000001' }, 60);
    assert.equal(await me(ghost), 401);
  });
});

describe('devices', () => {
  it('V7.5.2 lists the own devices, ends one, and signs out everywhere', async () => {
    const account = await newAccount();
    const laptop = await signIn(account.email);
    const list = await api('GET', '/auth/sessions', undefined, bearer(laptop.access));
    assert.equal(list.body.items.length, 2);
    assert.deepEqual(list.body.items.map((s: { current: boolean }) => s.current).sort(), [false, true]);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    const stranger = await newAccount();
    assert.equal((await api('DELETE', `/auth/sessions/${other.id}`, undefined, bearer(stranger.access))).status, 404);
    assert.equal((await api('DELETE', `/auth/sessions/${other.id}`, undefined, bearer(laptop.access))).status, 204);
    assert.equal(await me(account.access), 401);
    const phone = await signIn(account.email);
    assert.equal((await api('POST', '/auth/logout-all', undefined, bearer(phone.access))).status, 204);
    assert.equal(await me(laptop.access), 401);
    assert.equal(await me(phone.access), 401);
  });
});

describe('account', () => {
  it('V6.2.3 change-password needs the current password and ends the other sessions', async () => {
    const account = await newAccount();
    const other = await signIn(account.email);
    const wrong = await api(
      'POST',
      '/auth/change-password',
      { current_password: 'nope-nope-1', new_password: 'second-password-2' },
      bearer(account.access),
    );
    assert.equal(wrong.status, 403);
    const ok = await api(
      'POST',
      '/auth/change-password',
      { current_password: 'first-password-1', new_password: 'second-password-2' },
      bearer(account.access),
    );
    assert.equal(ok.status, 204);
    assert.equal(await me(account.access), 200, 'the device that changed it stays');
    assert.equal(await me(other.access), 401);
    assert.equal((await api('POST', '/auth/refresh', { refresh_token: other.refresh })).status, 401);
    assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'second-password-2' })).status, 200);
  });

  it('V6.2.3 PATCH /auth/me changes the name freely and the email only with the current password', async () => {
    const account = await newAccount();
    const renamed = await api('PATCH', '/auth/me', { full_name: 'Samantha' }, bearer(account.access));
    assert.equal(renamed.body.full_name, 'Samantha');
    const noPassword = await api('PATCH', '/auth/me', { email: `new-${account.email}` }, bearer(account.access));
    assert.equal(noPassword.status, 403);
    const moved = await api(
      'PATCH',
      '/auth/me',
      { email: `new-${account.email}`, current_password: 'first-password-1' },
      bearer(account.access),
    );
    assert.equal(moved.status, 200);
    assert.equal(moved.body.email, `new-${account.email}`);
    const taken = await api(
      'PATCH',
      '/auth/me',
      { email: 'ROOT@example.com', current_password: 'first-password-1' },
      bearer(account.access),
    );
    assert.equal(taken.status, 409);
  });
});

describe('admin', () => {
  it('V8.2.1 disabling a user or changing their role ends their sessions; the last admin stays', async () => {
    const root = await signIn('root@example.com', 'root-password-1');
    const account = await newAccount();
    const disabled = await api('PATCH', `/admin/users/${account.id}`, { is_active: false }, bearer(root.access));
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.is_active, false);
    assert.equal(await me(account.access), 401);
    assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'first-password-1' })).status, 403);

    const promoted = await newAccount();
    assert.equal((await api('PATCH', `/admin/users/${promoted.id}`, { role: 'admin' }, bearer(root.access))).status, 200);
    assert.equal(await me(promoted.access), 401, 'a token with the old role is refused');
    assert.equal((await api('PATCH', `/admin/users/${promoted.id}`, { role: 'user' }, bearer(root.access))).status, 200);

    const rootId = jwt.verify(root.access).sub;
    const last = await api('PATCH', `/admin/users/${rootId}`, { role: 'user' }, bearer(root.access));
    assert.equal(last.status, 409);
    assert.equal((await api('PATCH', `/admin/users/${rootId}`, { role: 'user' }, bearer(account.access))).status, 401);
  });
});

describe('internal', () => {
  it('V9.2.3 the revocation list and the session owner answer service tokens of their scope only', async () => {
    const account = await newAccount();
    await api('POST', '/auth/logout', undefined, bearer(account.access));
    const sid = jwt.verify(account.access).sid!;
    const asCart = bearer(jwt.signService('cart-service', 60));
    const list = await api('GET', '/internal/sessions/revoked', undefined, asCart);
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((i: { sid: string }) => i.sid === sid));
    assert.deepEqual((await api('GET', `/internal/sessions/${sid}`, undefined, asCart)).body, { user_id: account.id, revoked: true });
    assert.equal((await api('GET', '/internal/sessions/revoked', undefined, bearer(jwt.signService('auth-service', 60)))).status, 403);
    assert.equal((await api('GET', '/internal/sessions/revoked', undefined, bearer((await newAccount()).access))).status, 403);
  });
});
