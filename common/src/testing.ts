import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import getPort from 'get-port';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { Dispatcher } from 'undici';
import { dropDatabase, openMigratedDb } from './db.js';
import type { Logger } from './logger.js';
import { listMail, type MailMessage, readMail } from './mailbox.js';
import { createMailer, type Mailer } from './mailer.js';

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

/**
 * REDIS_URL for the tests of the Redis paths. Unset on a developer's machine, those tests are
 * skipped with their reason; under CI, which always runs Redis (.ci/run sets the variable), its
 * absence fails the file instead, so that no Redis test is ever skipped there.
 */
export function testRedisUrl(): string | undefined {
  const url = process.env.REDIS_URL || undefined;
  if (!url && process.env.CI) throw new Error('REDIS_URL is not set under CI: .ci/run sets it so that the Redis paths are tested');
  return url;
}

/**
 * AMQP_URL for the tests of the RabbitMQ transport, on the same terms as testRedisUrl: skipped with
 * the reason where no broker is set, a failure under CI (.ci/run sets it).
 */
export function testAmqpUrl(): string | undefined {
  const url = process.env.AMQP_URL || undefined;
  if (!url && process.env.CI) throw new Error('AMQP_URL is not set under CI: .ci/run sets it so that the RabbitMQ paths are tested');
  return url;
}

/** A shipping address and a card that the shop accepts: the purchases of whole-stack tests and the bench. */
export const TEST_ADDRESS = {
  full_name: 'Test Shopper',
  line1: '1 Test Street',
  city: 'Testville',
  postal_code: '12345',
  country: 'Testland',
  phone: '+1 555 000 0000',
};
export const TEST_CARD = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: '123' };

/** What a test sends: a JSON body, headers, and the two headers most calls need. */
export interface TestCall {
  body?: unknown;
  headers?: Record<string, string>;
  /** sent as `Authorization: Bearer <token>` */
  token?: string;
  /** sent as the `Idempotency-Key` header */
  key?: string;
  /** the connection pool to send it through, when not the process's default */
  dispatcher?: Dispatcher;
}

/** An answer as a test reads it: `body` is the parsed JSON when the answer is JSON, else undefined. */
export interface TestReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the service answered
  body: any;
  text: string;
  headers: Headers;
}

/** One HTTP call from a test (or a bench) to a real server, JSON in and out: the shared test client. */
export async function callJson(url: string, method: string, call: TestCall = {}): Promise<TestReply> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.key) headers['idempotency-key'] = call.key;
  if (call.body !== undefined) headers['content-type'] ??= 'application/json';
  // A string goes as it is, so a test can send malformed JSON on purpose.
  const body = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  const res = await fetch(url, { method, headers, body, ...(call.dispatcher && { dispatcher: call.dispatcher }) } as RequestInit);
  const text = await res.text();
  return {
    status: res.status,
    body: res.headers.get('content-type')?.includes('json') ? parsedOrUndefined(text) : undefined,
    text,
    headers: res.headers,
  };
}

function parsedOrUndefined(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** `api(method, path, body?, headers?)` against one server: the shape the services' tests call. */
export type TestApi = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<TestReply>;

export function testApi(baseUrl: string): TestApi {
  return (method, path, body, headers) => callJson(`${baseUrl}${path}`, method, { body, headers });
}

/** Polls `check` until it holds, or fails after `timeoutMs`: for what happens in the background. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback port free right now: for services that must know each other's address before they
 * start. get-port also keeps it from being handed out twice in this process for a while.
 */
export function freePort(): Promise<number> {
  return getPort({ host: '127.0.0.1' });
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

/** A development mailbox in a folder of its own (removed by `remove`), and its mailer. */
export interface TestMailbox {
  dataDir: string;
  mailer: Mailer;
  /** The newest message to `to` whose subject contains `subject`, once it is there (waits up to `timeoutMs`). */
  waitFor(to: string, subject: string, timeoutMs?: number): Promise<MailMessage>;
  remove(): Promise<void>;
}

export async function createTestMailbox(): Promise<TestMailbox> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dm-mail-'));
  const mailer = createMailer({ NODE_ENV: 'test', MAIL_FROM: 'Shop <shop@example.com>', DATA_DIR: dataDir }, silentLogger);
  return {
    dataDir,
    mailer,
    async waitFor(to, subject, timeoutMs = 5000) {
      let message: MailMessage | undefined;
      await eventually(
        async () => {
          const found = (await listMail(dataDir)).find((m) => m.to.toLowerCase().includes(to.toLowerCase()) && m.subject.includes(subject));
          message = found && (await readMail(dataDir, found.id));
          return message !== undefined;
        },
        `a mail to ${to} about "${subject}" arrives`,
        timeoutMs,
      );
      return message as MailMessage;
    },
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/**
 * Scrapes `${baseUrl}/metrics` and answers the sum of the samples of `name` whose labels include
 * `labels` (0 when there is none): what a Prometheus query of that series would read.
 */
export async function scrapeMetric(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`);
  return metricValue(await res.text(), name, labels);
}

/** The sum of the samples of `name` in a Prometheus text exposition whose labels include `labels`. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) sum += Number(match[3]);
  }
  return sum;
}
