// A shop started for measuring: the whole stack in production mode (view cache on, info logs off)
// on a throwaway embedded PostgreSQL (or DATABASE_URL's server), with its own secrets.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createJwt, type Jwt } from '@dm/common/jwt';
import { callJson, type TestReply } from '@dm/common/testing';
import { testSmtpServer } from '@dm/common/testing-smtp';
import { freePortBlock } from '@dm/scripts/free-port';
import { ROOT } from '@dm/scripts/paths';
import { type EmbeddedServer, startEmbeddedPostgres } from '@dm/scripts/postgres';
import { PORT_BLOCK } from '@dm/scripts/services';
import { type Stack, startStack } from '@dm/scripts/stack';
import exitHook from 'async-exit-hook';
import getPort from 'get-port';

export interface BenchShop {
  stack: Stack;
  serverUrl: string;
  adminToken: string;
  /** Signs and verifies with the stack's JWT secret: service tokens, a token's claims. */
  jwt: Jwt;
  call(method: string, url: string, options?: { token?: string; body?: unknown; key?: string }): Promise<TestReply>;
  /** How many mails the shop has sent so far (to the bench's own SMTP server). */
  mailsReceived(): number;
  /** Registers and signs in `count` shoppers; answers their tokens and credentials. */
  shoppers(count: number): Promise<{ email: string; password: string; token: string }[]>;
  stop(): Promise<void>;
}

export async function startBenchShop(env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<BenchShop> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'dm-bench-'));
  let postgres: EmbeddedServer | undefined;
  let stack: Stack | undefined;
  let stopping: Promise<void> | undefined;
  // Production mail needs a server, and every order sends mail: one that refused would have the
  // shop retrying failed sends throughout the run. This one takes every mail, as a relay would.
  let mails = 0;
  const smtp = testSmtpServer(() => {
    mails++;
  });
  const smtpPort = await getPort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  const stop = () =>
    (stopping ??= (async () => {
      await stack?.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await postgres?.stop();
      rmSync(scratch, { recursive: true, force: true });
    })());
  exitHook((done) => {
    stop().finally(done);
  });

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(scratch, 'pg'),
      port: await getPort(),
      beforeStop: async () => stack?.stop(),
    });
    serverUrl = postgres.url;
  }
  const adminPassword = randomBytes(12).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  // A stack that fails to start must not leave its PostgreSQL running behind.
  stack = await startStack({
    root: ROOT,
    serverUrl,
    basePort: await freePortBlock(PORT_BLOCK),
    databasePrefix: `bench${randomBytes(3).toString('hex')}_`,
    logDir: path.join(ROOT, 'bench', 'results', 'logs'),
    nodeArgs,
    dataDir: scratch,
    env: {
      NODE_ENV: 'production',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      LOG_LEVEL: 'warn',
      JWT_SECRET: jwtSecret,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ADMIN_PASSWORD: adminPassword,
      SEED_DEMO_CATALOG: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000000',
      ...env,
    },
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  const base = stack.gatewayUrl;

  const call: BenchShop['call'] = (method, url, options = {}) => callJson(`${base}${url}`, method, options);

  const admin = await call('POST', '/api/auth/login', { body: { email: 'admin@example.com', password: adminPassword } });
  return {
    stack,
    serverUrl,
    adminToken: admin.body.access_token,
    mailsReceived: () => mails,
    jwt: createJwt(jwtSecret),
    call,
    async shoppers(count) {
      const made = [];
      for (let i = 0; i < count; i++) {
        const email = `bench-${i}-${randomUUID()}@example.com`;
        const password = 'bench-password';
        await call('POST', '/api/auth/register', { body: { email, password, full_name: `Bench Shopper ${i}` } });
        const login = await call('POST', '/api/auth/login', { body: { email, password } });
        made.push({ email, password, token: login.body.access_token as string });
      }
      return made;
    },
    stop,
  };
}
