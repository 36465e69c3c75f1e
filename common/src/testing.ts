import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { dropDatabase, openMigratedDb } from './db.js';
import type { Logger } from './logger.js';

/** A logger that writes nothing, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** The PostgreSQL server tests run against: set by `npm test` (embedded) or by the caller. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

export interface TestDatabase<DB> {
  db: Kysely<DB>;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file, so files can run in parallel. */
export async function createTestDatabase<DB>(prefix: string, migrationFolder: string): Promise<TestDatabase<DB>> {
  const url = new URL(testServerUrl());
  url.pathname = `/test_${prefix}_${randomBytes(4).toString('hex')}`;
  const db = await openMigratedDb<DB>(url.toString(), migrationFolder, silentLogger, { max: 5 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.destroy();
      await dropDatabase(url.toString());
    },
  };
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** A loopback port free right now: for services that must know each other's address before they start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Serves an app on the loopback interface: on `port`, or on an ephemeral one. */
export async function startTestServer(app: Express, port = 0): Promise<TestServer> {
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
