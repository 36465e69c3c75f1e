import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startTestServer, type TestDatabase, type TestServer } from '@dm/common/testing';
import { migrationFolder } from '@dm/migrations/folders';
import cookieParser from 'cookie-parser';
import express from 'express';
import { setAuthCookies } from './auth-cookie.js';
import { cookieName, prefixedCookies } from './cookie-names.js';
import type { Database } from './db.js';
import { sessionMiddleware } from './session.js';

const PAIR = { access_token: 'a.b.c', refresh_token: 'r', token_type: 'bearer', expires_in: 60, refresh_expires_in: 600 } as const;

let database: TestDatabase<Database>;
let server: TestServer;
let sessions: ReturnType<typeof sessionMiddleware>;

before(async () => {
  database = await createTestDatabase<Database>('cookies', migrationFolder('gateway'));
  sessions = sessionMiddleware({ databaseUrl: database.url, poolMax: 2, secret: 'x'.repeat(32), secure: true, onError: () => {} });
  const app = express();
  // As in production behind an HTTPS ingress on loopback.
  app.set('trust proxy', 'loopback');
  app.use(sessions);
  app.get('/', (req, res) => {
    req.session.flash = { type: 'info', message: 'hello' };
    res.end();
  });
  app.get('/tokens', (_req, res) => {
    setAuthCookies(res, { ...PAIR }, true);
    res.end();
  });
  app.get('/read', cookieParser(), prefixedCookies(true), (req, res) => {
    res.json({ auth: req.cookies.access_token ?? null, refresh: req.cookies.refresh_token ?? null });
  });
  server = await startTestServer(app);
});

after(async () => {
  await server.close();
  await sessions.stop();
  await database.drop();
});

describe('cookie names', () => {
  it('V3.3.1 carry the __Host- prefix over HTTPS (__Secure- for the path-limited refresh token), and plain names in development', () => {
    assert.equal(cookieName('session', true), '__Host-sid');
    assert.equal(cookieName('auth', true), '__Host-access_token');
    assert.equal(cookieName('refresh', true), '__Secure-refresh_token');
    assert.equal(cookieName('refresh', false), 'refresh_token');
    assert.equal(cookieName('session', false), 'sid');
    assert.equal(cookieName('auth', false), 'access_token');
  });

  it('V3.3.1 the production token cookies are __Host-access_token (Path=/) and __Secure-refresh_token (its own path), both Secure and HttpOnly', async () => {
    const res = await fetch(`${server.url}/tokens`);
    const [access, refresh] = res.headers.getSetCookie();
    assert.match(access ?? '', /^__Host-access_token=a\.b\.c; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
    assert.match(
      refresh ?? '',
      /^__Secure-refresh_token=r; Max-Age=600; Path=\/auth\/refresh; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('V3.3.1 in production only the prefixed cookies count: one planted under the plain name is ignored', async () => {
    const read = async (cookie: string) => (await fetch(`${server.url}/read`, { headers: { cookie } })).json();
    assert.deepEqual(await read('access_token=planted; refresh_token=planted'), { auth: null, refresh: null });
    assert.deepEqual(await read('access_token=planted; __Host-access_token=real; __Secure-refresh_token=r2'), {
      auth: 'real',
      refresh: 'r2',
    });
  });

  it('V3.3.1 the production session cookie is __Host-, Secure, Path=/ and has no Domain', async () => {
    const res = await fetch(server.url, { headers: { 'x-forwarded-proto': 'https' } });
    const [cookie] = res.headers.getSetCookie();
    assert.match(cookie ?? '', /^__Host-sid=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
  });
});
