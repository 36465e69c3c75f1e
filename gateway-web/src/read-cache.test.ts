import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
