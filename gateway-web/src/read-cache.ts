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

export function createReadCache(ttlMs: number, maxEntries = 1000): ReadCache {
  const entries = new Map<string, { value: unknown; expires: number }>();
  const pending = new Map<string, Promise<unknown>>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const hit = entries.get(key);
      if (hit && hit.expires > Date.now()) return Promise.resolve(hit.value as T);
      const inFlight = pending.get(key);
      if (inFlight) return inFlight as Promise<T>;
      const promise = load()
        .then((value) => {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
          entries.set(key, { value, expires: Date.now() + ttlMs });
          return value;
        })
        .finally(() => pending.delete(key));
      pending.set(key, promise);
      return promise;
    },
    clear() {
      entries.clear();
    },
  };
}
