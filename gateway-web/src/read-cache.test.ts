import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import type { Logger } from '@dm/common/logger';
import { connectRedis, type SharedRedis } from '@dm/common/redis';
import { silentLogger, testRedisUrl } from '@dm/common/testing';
import { createReadCache } from './read-cache.js';

describe('read cache', () => {
  it('answers a repeated question from memory until cleared', async () => {
    const cache = createReadCache(60_000);
    let loads = 0;
    const load = async () => ++loads;
    assert.equal(await cache.get('k', load), 1);
    assert.equal(await cache.get('k', load), 1);
    assert.equal(await cache.get('other', load), 2);
    await cache.clear();
    assert.equal(await cache.get('k', load), 3);
  });

  it('shares one fetch among concurrent misses', async () => {
    const cache = createReadCache(60_000);
    let loads = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async () => {
      loads++;
      await gate;
      return 'value';
    };
    const all = Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    release();
    assert.deepEqual(await all, ['value', 'value', 'value']);
    assert.equal(loads, 1);
  });

  it('answers a load in flight across a clear, but keeps nothing it loaded from before the clear', async () => {
    const cache = createReadCache(60_000);
    let release: (value: string) => void = () => {};
    const before = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    await cache.clear();
    release('before the write');
    assert.equal(await before, 'before the write');
    assert.equal(await cache.get('k', async () => 'after the write'), 'after the write');
  });

  it('never keeps a failure, and a zero TTL keeps nothing', async () => {
    const cache = createReadCache(60_000);
    await assert.rejects(cache.get('k', async () => Promise.reject(new Error('down'))));
    assert.equal(await cache.get('k', async () => 'back'), 'back');
    const none = createReadCache(0);
    let loads = 0;
    await none.get('k', async () => ++loads);
    await none.get('k', async () => ++loads);
    assert.equal(loads, 2);
  });

  it('keeps at most its number of entries', async () => {
    const cache = createReadCache(60_000, 2);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    assert.equal(await cache.get('a', load), 4, 'the oldest entry went');
  });
});

describe('read cache in Redis, shared by replicas', () => {
  const url = testRedisUrl();
  // Each run's keys under their own prefix, removed at the end.
  const prefix = `dm-test:${randomUUID()}:`;
  const connections: SharedRedis[] = [];
  const connect = (to = url!) => {
    const redis = connectRedis(to, prefix, silentLogger);
    connections.push(redis);
    return redis;
  };
  // Reads sent before the connection is up go to the source uncached.
  const connected = async () => {
    const redis = connect();
    if (!redis.ready()) await once(redis.client, 'ready');
    return redis;
  };
  after(async () => {
    if (url) {
      const redis = connect();
      const keys = await redis.client.keys(`${prefix}*`);
      if (keys.length > 0) await redis.client.del(...keys);
    }
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('a clear on one replica is seen by the next read of the other', async (t) => {
    if (!url) return t.skip('REDIS_URL is not set: no Redis to share the cache through');
    const a = createReadCache(60_000, 1000, { redis: await connected(), name: 'catalog' });
    const b = createReadCache(60_000, 1000, { redis: await connected(), name: 'catalog' });
    let loads = 0;
    const load = async () => ({ price: '1.00', load: ++loads });
    assert.deepEqual(await a.get('one/lamp', load), { price: '1.00', load: 1 });
    assert.deepEqual(await b.get('one/lamp', load), { price: '1.00', load: 1 }, 'B answers from what A stored');
    await a.clear();
    assert.deepEqual(await b.get('one/lamp', async () => ({ price: '2.00', load: ++loads })), { price: '2.00', load: 2 });
    assert.deepEqual(await a.get('one/lamp', load), { price: '2.00', load: 2 }, 'A answers from what B stored after the clear');
  });

  it('shares one load among concurrent misses of a process, and keeps nothing a load read before a clear', async (t) => {
    if (!url) return t.skip('REDIS_URL is not set: no Redis to share the cache through');
    const cache = createReadCache(60_000, 1000, { redis: await connected(), name: 'flights' });
    let loads = 0;
    let release: (value: string) => void = () => {};
    const slow = () => {
      loads++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = cache.get('k', slow);
    const second = cache.get('k', slow);
    await waitFor(() => loads === 1);
    await cache.clear();
    release('before the write');
    assert.deepEqual(await Promise.all([first, second]), ['before the write', 'before the write']);
    assert.equal(loads, 1);
    assert.equal(await cache.get('k', async () => 'after the write'), 'after the write');
  });

  it('answers from the source while Redis cannot be reached, and says so once', async () => {
    const warnings: string[] = [];
    // The silent logger, but for its warnings.
    const logger: Logger = Object.assign(Object.create(silentLogger), { warn: (_err: unknown, message: string) => warnings.push(message) });
    // Nothing listens on port 1: the connection never becomes ready, and retries.
    const redis = connectRedis('redis://127.0.0.1:1', prefix, logger);
    connections.push(redis);
    const cache = createReadCache(60_000, 1000, { redis, name: 'catalog' });
    let loads = 0;
    assert.equal(await cache.get('k', async () => ++loads), 1);
    await once(redis.client, 'error');
    await once(redis.client, 'error');
    for (let i = 2; i <= 5; i++) assert.equal(await cache.get('k', async () => ++loads), i, 'nothing cached, nothing failed');
    await cache.clear();
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /redis unavailable/);
  });

  it('answers from the source when Redis goes away after answering', async (t) => {
    if (!url) return t.skip('REDIS_URL is not set: no Redis to lose');
    const redis = await connected();
    const cache = createReadCache(60_000, 1000, { redis, name: 'outage' });
    assert.equal(await cache.get('k', async () => 'cached'), 'cached');
    redis.client.disconnect();
    assert.equal(await cache.get('k', async () => 'from the source'), 'from the source');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
