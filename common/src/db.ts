import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Logger } from './logger.js';
import { migrateToLatest } from './migrate.js';
import { isDatabaseUnavailable, PG_ERROR, pgErrorCode } from './pg-errors.js';

// COUNT(*) and BIGINT come back as strings by default; our counts fit a JS number. NUMERIC stays a
// string so money never passes through a float.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface DbOptions {
  max?: number;
}

/**
 * A pg pool that survives its server: a restart, a failover or a dropped connection never ends
 * the process. `broken` collects the clients that lost their server.
 */
export function createPool(connectionString: string, options: DbOptions = {}, broken = new WeakSet<pg.PoolClient>()): pg.Pool {
  // A database that does not answer fails a request in 5 s (a 503) instead of holding it forever.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 4, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    // pg-pool listens for a client's errors only while it sits idle; one that loses its server
    // while checked out (a restart mid-transaction) would otherwise end the process with an
    // unhandled 'error' event.
    client.on('error', () => broken.add(client));
  });
  return pool;
}

// The pool under each database made here, for the pool gauges of metrics.ts (Kysely hides it).
const pools = new WeakMap<object, pg.Pool>();

/** The pg pool of a database made by `createDb`. */
export const poolOf = (db: object): pg.Pool | undefined => pools.get(db);

export function createDb<DB>(connectionString: string, options: DbOptions = {}): Kysely<DB> {
  const broken = new WeakSet<pg.PoolClient>();
  const pool = createPool(connectionString, options, broken);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: discardingBrokenClients(pool, broken) }) });
  pools.set(db, pool);
  return db;
}

/**
 * The pool as Kysely sees it, except that a client whose query failed because the server dropped
 * it is destroyed on release. The server's 57P01 arrives before its socket closes, so pg-pool
 * would otherwise put the dead client back and hand it to the next request.
 */
function discardingBrokenClients(pool: pg.Pool, broken: WeakSet<pg.PoolClient>): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const query = client.query.bind(client) as PostgresPoolClient['query'];
      return {
        query: ((...args: Parameters<typeof query>) => {
          const result = (query as (...a: unknown[]) => unknown)(...args);
          if (result instanceof Promise) {
            return result.catch((err: unknown) => {
              if (isDatabaseUnavailable(err)) broken.add(client);
              throw err;
            });
          }
          return result;
        }) as PostgresPoolClient['query'],
        release: () => client.release(broken.has(client)),
      };
    },
    end: () => pool.end(),
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates the database named in `connectionString` when the server lacks it, so a service can
 * boot against a bare server (compose, CI). Connects to the server's `postgres` database to do so.
 */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('the database URL names no database');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      } catch (err) {
        // Another process created it between our check and our CREATE.
        const code = pgErrorCode(err);
        if (code !== PG_ERROR.duplicateDatabase && code !== PG_ERROR.uniqueViolation) throw err;
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops a database (tests and the e2e reset). */
export async function dropDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * What every service does at boot: make sure its database exists, connect, and migrate it to the
 * latest schema.
 */
export async function openMigratedDb<DB>(
  connectionString: string,
  migrationFolder: string,
  logger: Logger,
  options: DbOptions = {},
): Promise<Kysely<DB>> {
  await ensureDatabase(connectionString);
  const db = createDb<DB>(connectionString, options);
  try {
    await migrateToLatest(db as Kysely<unknown>, migrationFolder, logger);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
