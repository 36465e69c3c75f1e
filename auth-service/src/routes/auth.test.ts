import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { silentLogger, type TestApi, testApi } from '@dm/common/testing';
import { seedAdmin } from '../accounts.js';
import { type AuthTestService, startAuthTestService } from '../test-support.js';

const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');
let server: AuthTestService;

const api: TestApi = (method, path, body, headers) => testApi(server.url)(method, path, body, headers);

const alice = { email: 'Alice@Example.com', password: 'correct horse', full_name: 'Alice Liddell' };

before(async () => {
  server = await startAuthTestService('auth', jwt);
});

after(async () => {
  await server.close();
});

describe('POST /auth/register', () => {
  it('creates a user and never returns the hash', async () => {
    const res = await api('POST', '/auth/register', alice);
    assert.equal(res.status, 201);
    assert.equal(res.body.email, 'Alice@Example.com');
    assert.equal(res.body.full_name, 'Alice Liddell');
    assert.equal(res.body.role, 'user');
    assert.match(res.body.id, /^[0-9a-f-]{36}$/);
    assert.ok(!res.text.includes('argon2'), 'no hash in the response');
    assert.equal(res.body.password_hash, undefined);
  });

  it('stores the password as argon2id with at least OWASP parameters', async () => {
    const row = await server.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', alice.email)
      .executeTakeFirstOrThrow();
    const [, variant, , params] = row.password_hash.split('$');
    assert.equal(variant, 'argon2id');
    const p = Object.fromEntries(params!.split(',').map((kv) => kv.split('=')));
    assert.ok(Number(p.m) >= 19456 && Number(p.t) >= 2 && Number(p.p) >= 1, params);
  });

  it('refuses the same email in another case with 409', async () => {
    const res = await api('POST', '/auth/register', { ...alice, email: 'alice@EXAMPLE.com' });
    assert.equal(res.status, 409);
    assert.match(res.body.detail, /already exists/);
  });

  it('answers 422 naming each bad field', async () => {
    const res = await api('POST', '/auth/register', { email: 'not-an-email', password: 'short', full_name: '' });
    assert.equal(res.status, 422);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['email', 'full_name', 'password']);
    assert.equal(typeof res.body.detail, 'string');
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await fetch(`${server.url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { detail: 'request body is not valid JSON' });
  });
});

describe('POST /auth/login', () => {
  it('accepts JSON and returns a bearer token for the user', async () => {
    const res = await api('POST', '/auth/login', { email: 'alice@example.com', password: alice.password });
    assert.equal(res.status, 200);
    assert.equal(res.body.token_type, 'bearer');
    assert.equal(res.body.expires_in, 3600);
    const claims = jwt.verify(res.body.access_token);
    assert.equal(claims.role, 'user');
    assert.equal(claims.email, 'Alice@Example.com');
  });

  it('accepts the OAuth2 password form (username, password)', async () => {
    const res = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: alice.email, password: alice.password }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { token_type: string }).token_type, 'bearer');
  });

  it('answers 401 alike for a wrong password and an unknown email', async () => {
    const wrong = await api('POST', '/auth/login', { email: alice.email, password: 'wrong password' });
    const unknown = await api('POST', '/auth/login', { email: 'nobody@example.com', password: 'whatever1' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.detail, unknown.body.detail);
  });

  it('records the time of the last login', async () => {
    const row = await server.database.db
      .selectFrom('users')
      .select('last_login_at')
      .where('email', '=', alice.email)
      .executeTakeFirstOrThrow();
    assert.ok(row.last_login_at instanceof Date);
  });
});

describe('GET /auth/me and POST /auth/logout', () => {
  it('returns the signed-in user', async () => {
    const login = await api('POST', '/auth/login', { email: alice.email, password: alice.password });
    const me = await api('GET', '/auth/me', undefined, { authorization: `Bearer ${login.body.access_token}` });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, alice.email);
    assert.equal(me.body.password_hash, undefined);
  });

  it('answers 401 without a token, with a forged one and with an expired one', async () => {
    assert.equal((await api('GET', '/auth/me')).status, 401);
    const forged = createJwt('another-secret-that-is-at-least-32-characters').sign({ sub: 'x', role: 'admin' }, 60);
    assert.equal((await api('GET', '/auth/me', undefined, { authorization: `Bearer ${forged}` })).status, 401);
    const expired = jwt.sign({ sub: 'x', role: 'user' }, -10);
    assert.equal((await api('GET', '/auth/me', undefined, { authorization: `Bearer ${expired}` })).status, 401);
  });

  it('logout answers 204 for a user and 401 for nobody', async () => {
    const login = await api('POST', '/auth/login', { email: alice.email, password: alice.password });
    const res = await api('POST', '/auth/logout', undefined, { authorization: `Bearer ${login.body.access_token}` });
    assert.equal(res.status, 204);
    assert.equal((await api('POST', '/auth/logout')).status, 401);
  });
});

describe('admin seed', () => {
  it('creates the admin once and leaves an existing password alone', async () => {
    await seedAdmin(server.database.db, 'boss@example.com', 'first-password', silentLogger);
    await seedAdmin(server.database.db, 'BOSS@example.com', 'second-password', silentLogger);
    const rows = await server.database.db.selectFrom('users').select(['role']).where('email', 'ilike', 'boss@example.com').execute();
    assert.deepEqual(rows, [{ role: 'admin' }]);
    const first = await api('POST', '/auth/login', { email: 'boss@example.com', password: 'first-password' });
    assert.equal(first.status, 200);
    assert.equal(jwt.verify(first.body.access_token).role, 'admin');
    assert.equal((await api('POST', '/auth/login', { email: 'boss@example.com', password: 'second-password' })).status, 401);
  });

  it('V6 never promotes an existing account nor gives it the admin password', async () => {
    const taken = { email: 'early@example.com', password: 'their-own-password', full_name: 'Early Bird' };
    assert.equal((await api('POST', '/auth/register', taken)).status, 201);
    await seedAdmin(server.database.db, 'early@example.com', 'admin-password-x', silentLogger);
    const row = await server.database.db
      .selectFrom('users')
      .select(['role'])
      .where('email', '=', 'early@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(row.role, 'user');
    assert.equal((await api('POST', '/auth/login', { email: taken.email, password: 'admin-password-x' })).status, 401);
    assert.equal((await api('POST', '/auth/login', { email: taken.email, password: taken.password })).status, 200);
  });
});

describe('health', () => {
  it('answers /health and /ready', async () => {
    assert.deepEqual((await api('GET', '/health')).body, { status: 'ok', service: 'auth-service' });
    assert.equal((await api('GET', '/ready')).status, 200);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await api('GET', '/nope');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { detail: 'not found' });
  });
});

describe('unstorable input', () => {
  it('answers 400, not 500, to a NUL character in a field', async () => {
    const res = await api('POST', '/auth/register', { email: 'nul@example.com', password: 'password\u0000x', full_name: 'A\u0000B' });
    assert.equal(res.status, 400);
    assert.match(res.body.detail, /not allowed/);
  });
});
