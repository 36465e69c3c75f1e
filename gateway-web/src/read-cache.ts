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
  clear(): void;
}

type Load = () => Promise<NonNullable<unknown>>;

export function createReadCache(ttlMs: number, maxEntries = 1000): ReadCache {
  if (ttlMs <= 0) return { get: (_key, load) => load(), clear() {} };
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
    clear() {
      cache.clear();
    },
  };
}
