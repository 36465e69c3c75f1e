import type { SharedRedis } from '@dm/common/redis';
import { LRUCache } from 'lru-cache';

/**
 * A short-lived copy of public catalog answers. Pages of a busy shop ask the same few questions
 * many times a second; answering them from memory for a second or two takes the catalog and the
 * database out of the hot path. Concurrent misses for one key share one fetch. Admin writes made
 * through the gateway clear it; stock changed by orders may show up to `ttlMs` late on a listing,
 * which is harmless: the stock reservation at checkout is what counts.
 */
export interface ReadCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Forgets every entry; with Redis, in every replica at once (the returned promise: once Redis has it). */
  clear(): Promise<void>;
}

type Load = () => Promise<NonNullable<unknown>>;

/** Where a cache shared by the replicas lives: the process's Redis, under its own name. */
export interface SharedCache {
  redis: SharedRedis;
  name: string;
}

export function createReadCache(ttlMs: number, maxEntries = 1000, shared?: SharedCache): ReadCache {
  if (ttlMs <= 0) return { get: (_key, load) => load(), clear: async () => {} };
  if (shared) return redisReadCache(ttlMs, shared);
  // lru-cache's fetch keeps one load in flight per key; the load itself comes with each call.
  const cache = new LRUCache<string, NonNullable<unknown>, Load>({
    max: maxEntries,
    ttl: ttlMs,
    fetchMethod: (_key, _stale, { context }) => context(),
    // A clear() while a load is in flight lets that load answer its callers without keeping
    // its answer, which may predate the admin write that cleared the cache.
    ignoreFetchAbort: true,
  });
  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      return (await cache.fetch(key, { context: load as Load })) as T;
    },
    async clear() {
      cache.clear();
    },
  };
}

/**
 * The cache in Redis, as JSON, shared by every replica. Every key carries a generation number that
 * clear() increments, so a clear on one replica is seen by the next read of every other: there is
 * no copy in a process to drop, and no message to miss. A load that started before a clear stores
 * its answer under the old generation, where nobody looks any more. Entries of old generations
 * expire with their TTL. While Redis cannot answer, reads go to the source (Redis logs the outage
 * once) and clear() has nothing to clear.
 */
// KEYS[1]: the generation; ARGV: what comes before and after it in an entry's key. A missing entry
// is Lua's false, which ioredis hands back as null. The script builds a key it was not given: right
// for one Redis server, not for a Redis Cluster.
const READ = `local generation = redis.call('GET', KEYS[1]) or '0'
return {generation, redis.call('GET', ARGV[1] .. generation .. ARGV[2])}`;

function redisReadCache(ttlMs: number, { redis, name }: SharedCache): ReadCache {
  const { client } = redis;
  const generationKey = `${redis.prefix}cache:${name}:generation`;
  // One load per key and generation in this process, as lru-cache's fetch does for the local cache.
  const inFlight = new Map<string, Promise<unknown>>();
  const once = <T>(flight: string, run: () => Promise<T>): Promise<T> => {
    const running = inFlight.get(flight);
    if (running !== undefined) return running as Promise<T>;
    const started = run().finally(() => inFlight.delete(flight));
    inFlight.set(flight, started);
    return started;
  };

  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    let generation: string;
    let stored: string | null;
    try {
      // The generation and the entry under it in one round trip.
      [generation, stored] = (await client.eval(READ, 1, generationKey, `${redis.prefix}cache:${name}:`, `:${key}`)) as [
        string,
        string | null,
      ];
    } catch (err) {
      redis.failed(err, 'the gateway reads the catalog uncached');
      return once(`uncached:${key}`, load);
    }
    if (stored !== null) return JSON.parse(stored) as T;
    const entry = `${redis.prefix}cache:${name}:${generation}:${key}`;
    return once(entry, async () => {
      const value = await load();
      await client.set(entry, JSON.stringify(value), 'PX', ttlMs).catch((err: unknown) => redis.failed(err, 'nothing is cached'));
      return value;
    });
  }

  return {
    get: (key, load) => (redis.ready() ? cached(key, load) : once(`uncached:${key}`, load)),
    async clear() {
      if (!redis.ready()) return;
      await client.incr(generationKey).then(
        () => undefined,
        (err: unknown) => redis.failed(err, 'a clear could not reach the other replicas'),
      );
    },
  };
}
