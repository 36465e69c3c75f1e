import cluster from 'node:cluster';
import type { SharedRedis } from '@dm/common/redis';
import { ClusterMemoryStoreWorker } from '@express-rate-limit/cluster-memory-store';
import type { ClientRateLimitInfo, IncrementResponse, Options } from 'express-rate-limit';
import { type RedisReply, RedisStore } from 'rate-limit-redis';

/** The part of a limiter's options that says where it counts. */
export type LimiterStore = Pick<Partial<Options>, 'store' | 'passOnStoreError' | 'logger'>;

/**
 * Where a rate limit counts, so that it is one limit however many processes serve the shop: in
 * Redis when REDIS_URL is set (every replica and worker), else in the cluster's primary when this
 * process is one of its workers (WEB_CONCURRENCY > 1), else in this process (express-rate-limit's
 * own memory store). `name` keeps each limiter's counts apart.
 *
 * While Redis cannot answer, the limiter lets requests through: a Redis outage must not become an
 * outage of the API and of signing in, and what the limits guard against most (password guessing)
 * is also stopped by auth-service's per-account lockout. The outage is logged once, by the Redis
 * connection, rather than once per request by the limiter.
 */
export function limiterStore(name: string, redis: SharedRedis | undefined): LimiterStore {
  if (redis) {
    const store = new SharedRedisStore(redis, `${redis.prefix}rate-limit:${name}:`);
    return {
      store,
      passOnStoreError: true,
      logger: { error: (err) => redis.failed(err, 'the rate limits let requests through'), warn() {} },
    };
  }
  if (cluster.isWorker) return { store: new ClusterMemoryStoreWorker({ prefix: name }) };
  return {};
}

/**
 * rate-limit-redis, answering at once while Redis is away (the limiter then lets requests through,
 * `passOnStoreError` above) and loading its scripts again once it is back,
 * instead of holding on to the failure of a load tried during the outage.
 */
class SharedRedisStore extends RedisStore {
  /** A command failed: the script may be unknown to the server now (a restart), or its load may have failed. */
  private reload = false;

  constructor(
    private readonly redis: SharedRedis,
    prefix: string,
  ) {
    super({ prefix, sendCommand: (command: string, ...args: string[]) => redis.client.call(command, ...args) as Promise<RedisReply> });
  }

  override async init(options: Options): Promise<void> {
    await super.init(options).catch((err: unknown) => {
      this.reload = true;
      this.redis.failed(err, 'the rate limits let requests through');
    });
  }

  override async increment(key: string): Promise<IncrementResponse> {
    this.ensureReady();
    if (this.reload) {
      this.reload = false;
      this.incrementScriptSha = this.loadIncrementScript();
    }
    try {
      return await super.increment(key);
    } catch (err) {
      this.reload = true;
      throw err;
    }
  }

  override async decrement(key: string): Promise<void> {
    this.ensureReady();
    await super.decrement(key);
  }

  override async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    this.ensureReady();
    return super.get(key);
  }

  private ensureReady(): void {
    if (!this.redis.ready()) throw new Error('redis is not connected');
  }
}
