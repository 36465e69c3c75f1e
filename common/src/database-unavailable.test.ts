// A service whose database is gone answers 503 with Retry-After, never a 500, and recovers by itself.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { createDb } from './db.js';
import { createJwt } from './jwt.js';
import { isDatabaseUnavailable } from './pg-errors.js';
import { createBaseApp, finishApp } from './service.js';
import { createTestDatabase, freePort, silentLogger, startTestServer, type TestDatabase, type TestServer } from './testing.js';

const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');

function appOn(db: Kysely<object>) {
  const app = createBaseApp({ service: 'test-service', logger: silentLogger, jwt });
  app.get('/now', async (_req, res) => {
    res.json((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]);
  });
  app.get('/slow', async (_req, res) => {
    res.json((await sql`select pg_sleep(20)`.execute(db)).rows[0]);
  });
  return finishApp(app, silentLogger);
}

let database: TestDatabase<object>;
let server: TestServer;

before(async () => {
  database = await createTestDatabase<object>('unavailable', await mkdtemp(path.join(tmpdir(), 'dm-unavailable-')));
  server = await startTestServer(appOn(database.db));
});

after(async () => {
  await server.close();
  await database.drop();
});

async function assert503(res: Response) {
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '5');
  const body = (await res.json()) as { detail: string };
  assert.match(body.detail, /database/);
  assert.doesNotMatch(body.detail, /ECONNREFUSED|127\.0\.0\.1|at /);
}

describe('a lost database', () => {
  it('V16 answers 503 with Retry-After when the database cannot be reached at all', async () => {
    const closed = createDb<object>(`postgres://postgres:postgres@127.0.0.1:${await freePort()}/nothing`);
    const lonely = await startTestServer(appOn(closed));
    try {
      await assert503(await fetch(`${lonely.url}/now`));
    } finally {
      await lonely.close();
      await closed.destroy();
    }
  });

  it('V16 answers 503 when the server ends the connection mid-query (57P01), then serves again', async () => {
    const slow = fetch(`${server.url}/slow`);
    const admin = createDb<object>(database.url, { max: 1 });
    try {
      // Waits for the query to be running, then ends its backend as a server shutdown would.
      for (;;) {
        const { rows } = await sql<{ ended: boolean }>`
          select pg_terminate_backend(pid) as ended from pg_stat_activity
          where datname = current_database() and query like 'select pg_sleep%' and pid <> pg_backend_pid()`.execute(admin);
        if (rows.some((r) => r.ended)) break;
      }
    } finally {
      await admin.destroy();
    }
    await assert503(await slow);
    assert.equal((await fetch(`${server.url}/now`)).status, 200);
  });

  it('V16 lives on when the server ends a connection that a transaction holds between queries, then serves again', async () => {
    // pg-pool stops listening to a client's errors while it is checked out; without a listener of
    // our own, the 'error' emitted when the socket closes would end this test process.
    const held = createDb<object>(database.url, { max: 1 });
    const admin = createDb<object>(database.url, { max: 1 });
    try {
      await assert.rejects(
        held.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await sql`select pg_terminate_backend(${rows[0]?.pid})`.execute(admin);
          await sql`select 1`.execute(trx);
        }),
        (err) => isDatabaseUnavailable(err),
      );
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(held);
      assert.deepEqual(rows, [{ one: 1 }]);
    } finally {
      await held.destroy();
      await admin.destroy();
    }
  });

  it('knows the errors of a lost database from the errors of a bad request', () => {
    for (const code of ['57P01', '08006', '08001', 'ECONNREFUSED', '53300']) assert.ok(isDatabaseUnavailable({ code }), code);
    assert.ok(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')));
    assert.ok(isDatabaseUnavailable(Object.assign(new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }]), {})));
    for (const code of ['23505', '22P02', '42P01', undefined]) assert.ok(!isDatabaseUnavailable({ code }), String(code));
  });
});
