// auth-service as its tests run it: the real app on a loopback port, with a fresh database and a
// development mailbox of its own (or the mailer given).
import type { Jwt } from '@dm/common/jwt';
import type { Mailer } from '@dm/common/mailer';
import {
  createTestDatabase,
  createTestMailbox,
  silentLogger,
  startTestServer,
  type TestDatabase,
  type TestMailbox,
  type TestServer,
} from '@dm/common/testing';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import type { Database } from './db.js';
import type { TokenPolicy } from './sessions.js';

/** Where the tests' reset links point. */
export const TEST_PUBLIC_URL = 'http://shop.test';

export interface AuthTestService extends TestServer {
  database: TestDatabase<Database>;
  mailbox: TestMailbox;
}

export async function startAuthTestService(
  name: string,
  jwt: Jwt,
  options: { policy?: Partial<TokenPolicy>; lockoutThreshold?: number; mailer?: Mailer } = {},
): Promise<AuthTestService> {
  const [database, mailbox] = await Promise.all([createTestDatabase<Database>(name, migrationFolder('auth')), createTestMailbox()]);
  const server = await startTestServer(
    createApp({
      db: database.db,
      jwt,
      logger: silentLogger,
      policy: { accessTtlSeconds: 3600, refreshTtlSeconds: 86_400, reuseGraceSeconds: 0, ...options.policy },
      lockoutThreshold: options.lockoutThreshold,
      resetMailer: { mailer: options.mailer ?? mailbox.mailer, publicUrl: TEST_PUBLIC_URL, logger: silentLogger },
    }),
  );
  return {
    url: server.url,
    database,
    mailbox,
    async close() {
      await server.close();
      await Promise.all([database.drop(), mailbox.remove()]);
    },
  };
}
