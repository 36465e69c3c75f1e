import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * The one Redis connection of a process (REDIS_URL), for state that replicas share. Redis is never
 * required: every user of it has a fallback, and asks `ready()` first so that an outage answers at
 * once instead of queueing behind reconnects. An outage is logged once, and its end once.
 */
export interface SharedRedis {
  readonly client: Redis;
  /** Prepended to every key this shop writes (REDIS_KEY_PREFIX): several shops or test runs can share one Redis. */
  readonly prefix: string;
  /** Connected: worth asking. */
  ready(): boolean;
  /** Reports a failed command: logged once per outage, whatever failed. */
  failed(err: unknown, fallback: string): void;
  quit(): Promise<void>;
}

export function connectRedis(url: string, prefix: string, logger: Logger): SharedRedis {
  const client = new Redis(url, {
    // Commands sent while connecting wait for the connection (the rate limiter loads its scripts at
    // boot); a hung server costs a request at most this long.
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let down = false;
  const failed = (err: unknown, fallback: string) => {
    if (down) return;
    down = true;
    logger.warn({ err }, `redis unavailable: ${fallback} until it is back`);
    // A command that failed on a live connection (a timeout) has no 'ready' to end it: a minute, then.
    if (client.status === 'ready') setTimeout(() => (down = false), 60_000).unref();
  };
  client.on('error', (err) => failed(err, 'falling back to this process'));
  client.on('ready', () => {
    if (down) logger.info('redis is back');
    down = false;
  });
  return {
    client,
    prefix,
    ready: () => client.status === 'ready',
    failed,
    async quit() {
      // QUIT would wait for a connection that may never come.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
