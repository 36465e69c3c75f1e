// auth-service as its tests run it: the real app on a loopback port, with a fresh database and a
// development mailbox of its own (or the mailer given).
import type { Jwt } from '@dm/common/jwt';
import type { Mailer } from '@dm/common/mailer';
import {
  createTestDatabase,
  createTestMailbox,
  freePort,
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

export interface AuthTestOptions {
  policy?: Partial<TokenPolicy>;
  lockoutThreshold?: number;
  mailer?: Mailer;
  /** a port fixed in advance, for the neighbours to be told of before it starts */
  port?: number;
}

/** An auth-service that can also be stopped and started again on its port: a neighbour down and back. */
export interface RestartableAuthService extends AuthTestService {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startAuthTestService(name: string, jwt: Jwt, options: AuthTestOptions = {}): Promise<RestartableAuthService> {
  const [database, mailbox] = await Promise.all([createTestDatabase<Database>(name, migrationFolder('auth')), createTestMailbox()]);
  const app = createApp({
    db: database.db,
    jwt,
    logger: silentLogger,
    policy: { accessTtlSeconds: 3600, refreshTtlSeconds: 86_400, reuseGraceSeconds: 0, ...options.policy },
    lockoutThreshold: options.lockoutThreshold,
    resetMailer: { mailer: options.mailer ?? mailbox.mailer, publicUrl: TEST_PUBLIC_URL, logger: silentLogger },
  });
  const port = options.port ?? (await freePort());
  let server: TestServer | undefined = await startTestServer(app, port);
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    mailbox,
    stop,
    async start() {
      server ??= await startTestServer(app, port);
    },
    async close() {
      await stop();
      await Promise.all([database.drop(), mailbox.remove()]);
    },
  };
}
