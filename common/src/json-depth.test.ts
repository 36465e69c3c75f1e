// Every service (they all start from createBaseApp) refuses a body nested absurdly deep with a 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from './jwt.js';
import { createBaseApp, finishApp } from './service.js';
import { silentLogger, startTestServer, type TestServer } from './testing.js';

let server: TestServer;

before(async () => {
  const app = createBaseApp({
    service: 'test-service',
    logger: silentLogger,
    jwt: createJwt('test-secret-that-is-at-least-32-characters-long'),
  });
  app.post('/echo', (req, res) => {
    res.json(req.body);
  });
  server = await startTestServer(finishApp(app, silentLogger));
});

after(async () => {
  await server.close();
});

const post = (body: string) => fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('a JSON body nested deep', () => {
  it('V1 answers 400 {"detail"} to 100,000 levels of arrays and of objects, not 500', async () => {
    const depth = 100_000;
    for (const body of ['['.repeat(depth) + ']'.repeat(depth), `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`]) {
      const res = await post(body);
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as { detail: string }).detail, /nested more than 32 levels/);
    }
  });

  it('takes 32 levels, far more than any request needs', async () => {
    const body = `${'{"a":'.repeat(31)}[1]${'}'.repeat(31)}`;
    const res = await post(body);
    assert.equal(res.status, 200);
  });
});
