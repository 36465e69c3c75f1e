import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startTestServer, type TestDatabase, type TestServer } from '@dm/common/testing';
import { migrationFolder } from '@dm/migrations/folders';
import express from 'express';
import { cookieName } from './cookie-names.js';
import type { Database } from './db.js';
import { sessionMiddleware } from './session.js';

let database: TestDatabase<Database>;
let server: TestServer;
let sessions: ReturnType<typeof sessionMiddleware>;

before(async () => {
  database = await createTestDatabase<Database>('cookies', migrationFolder('gateway'));
  sessions = sessionMiddleware({ databaseUrl: database.url, secret: 'x'.repeat(32), secure: true, onError: () => {} });
  const app = express();
  // As in production behind an HTTPS ingress on loopback.
  app.set('trust proxy', 'loopback');
  app.use(sessions);
  app.get('/', (req, res) => {
    req.session.flash = { type: 'info', message: 'hello' };
    res.end();
  });
  server = await startTestServer(app);
});

after(async () => {
  await server.close();
  await sessions.stop();
  await database.drop();
});

describe('cookie names', () => {
  it('V3.3.1 carry the __Host- prefix over HTTPS, and plain names in development', () => {
    assert.equal(cookieName('session', true), '__Host-sid');
    assert.equal(cookieName('auth', true), '__Host-access_token');
    assert.equal(cookieName('session', false), 'sid');
    assert.equal(cookieName('auth', false), 'access_token');
  });

  it('V3.3.1 the production session cookie is __Host-, Secure, Path=/ and has no Domain', async () => {
    const res = await fetch(server.url, { headers: { 'x-forwarded-proto': 'https' } });
    const [cookie] = res.headers.getSetCookie();
    assert.match(cookie ?? '', /^__Host-sid=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
  });
});
