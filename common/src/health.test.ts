// Readiness (issue 11): a database blip of a second or two is forgiven; a longer outage is not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import getPort from 'get-port';
import { createDb } from './db.js';
import { healthRoutes } from './health.js';
import { startTestServer } from './testing.js';

describe('/ready', () => {
  it('stays ready through a short database failure and says unready once it outlasts the grace', async () => {
    // Nothing listens on this port: every probe fails at once.
    const db = createDb(`postgres://postgres@127.0.0.1:${await getPort()}/gone`, { max: 1 });
    const app = express();
    app.use(healthRoutes('test-service', db, { graceMs: 500 }));
    const server = await startTestServer(app);
    try {
      const started = Date.now();
      assert.equal((await fetch(`${server.url}/ready`)).status, 200, 'a fresh failure is within the grace');
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
      let res = await fetch(`${server.url}/ready`);
      while (res.status === 200 && Date.now() - started < 5_000) res = await fetch(`${server.url}/ready`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { detail: 'database unavailable', service: 'test-service' });
      assert.ok(Date.now() - started >= 500, 'not before the grace ran out');
      assert.equal((await fetch(`${server.url}/health`)).status, 200, 'liveness never depends on the database');
    } finally {
      await server.close();
      await db.destroy();
    }
  });
});
