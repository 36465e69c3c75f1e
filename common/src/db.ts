import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from './logger.js';
import { migrateToLatest } from './migrate.js';
import { PG_ERROR, pgErrorCode } from './pg-errors.js';

// COUNT(*) and BIGINT come back as strings by default; our counts fit a JS number. NUMERIC stays a
// string so money never passes through a float.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface DbOptions {
  max?: number;
}

export function createDb<DB>(connectionString: string, options: DbOptions = {}): Kysely<DB> {
  // A database that does not answer fails a request in 5 s (a 503) instead of holding it forever.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
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
