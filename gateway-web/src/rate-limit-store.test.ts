import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { connectRedis, type SharedRedis } from '@dm/common/redis';
import { silentLogger, startTestServer, type TestServer, testRedisUrl } from '@dm/common/testing';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { limiterStore } from './rate-limit-store.js';

describe('rate limits counted in Redis', () => {
  const url = testRedisUrl();
  const prefix = `dm-test:${randomUUID()}:`;
  const connections: SharedRedis[] = [];
  const servers: TestServer[] = [];
  const connect = async (to = url!) => {
    const redis = connectRedis(to, prefix, silentLogger);
    connections.push(redis);
    if (to === url && !redis.ready()) await once(redis.client, 'ready');
    return redis;
  };
  /** A "replica": its own app and its own connection, limiting to `limit` a minute in the count named `name`. */
  const replica = async (limit: number, redis: SharedRedis, name: string) => {
    const app = express();
    app.use(rateLimit({ windowMs: 60_000, limit, ...limiterStore(name, redis) }));
    app.get('/', (_req, res) => {
      res.json({ ok: true });
    });
    const server = await startTestServer(app);
    servers.push(server);
    return (n: number) => Promise.all(Array.from({ length: n }, () => fetch(server.url).then((r) => r.status)));
  };
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    if (url) {
      const redis = await connect();
      const keys = await redis.client.keys(`${prefix}*`);
      if (keys.length > 0) await redis.client.del(...keys);
    }
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('two replicas share one count', async (t) => {
    if (!url) return t.skip('REDIS_URL is not set: no Redis to count in');
    const [a, b] = [await replica(3, await connect(), 'shared'), await replica(3, await connect(), 'shared')];
    assert.deepEqual([...(await a(1)), ...(await b(1)), ...(await a(1)), ...(await b(1))], [200, 200, 200, 429]);
  });

  it('lets requests through while Redis cannot be reached, rather than failing them', async () => {
    const down = await replica(1, await connect('redis://127.0.0.1:1'), 'unreachable');
    assert.deepEqual(await down(3), [200, 200, 200]);
  });

  it('lets requests through while Redis is away after counting, and counts again once it is back', async (t) => {
    if (!url) return t.skip('REDIS_URL is not set: no Redis to lose');
    const redis = await connect();
    const limited = await replica(1, redis, 'outage');
    assert.deepEqual([...(await limited(1)), ...(await limited(1))], [200, 429]);
    redis.client.disconnect();
    assert.deepEqual(await limited(2), [200, 200]);
    // Back: the count goes on where it was.
    await redis.client.connect();
    assert.deepEqual(await limited(1), [429]);
  });
});
