// Shared by this service's integration tests: the real payment app and the real order-service app,
// each with a migrated database of its own, on ephemeral ports, signing and checking tokens with one
// secret. Orders are fixtures written straight into order-service's database, as its checkout would.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwt } from '@dm/common/jwt';
import {
  callJson,
  createTestDatabase,
  silentLogger,
  startTestServer,
  type TestApi,
  type TestDatabase,
  type TestReply,
  type TestServer,
  testApi,
} from '@dm/common/testing';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp as createOrderApp } from '@dm/order-service/app';
import type { Database as OrderDatabase, OrderRow } from '@dm/order-service/db';

export { addOrder } from '@dm/order-service/order-fixture';

import { orderDependencies } from '@dm/order-service/services';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { ChargeDeps } from './charge.js';
import type { Database } from './db.js';
import { paymentDependencies } from './services.js';

export const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');

/** Nothing listens here: services this suite never reaches (catalog, cart). */
const UNUSED_URL = 'http://127.0.0.1:9';

export type HeaderMap = Record<string, string>;

export interface Person {
  id: string;
  headers: HeaderMap;
}

export function person(role: 'user' | 'admin' = 'user'): Person {
  const id = randomUUID();
  const token = jwt.sign({ sub: id, role, email: `${role}-${id.slice(0, 8)}@example.com`, name: role }, 3600);
  return { id, headers: { authorization: `Bearer ${token}` } };
}

export const asService: HeaderMap = { authorization: `Bearer ${jwt.signService('order-service', 300)}` };

const THIS_YEAR = new Date().getUTCFullYear();
export const CARDS = {
  good: { number: '4242 4242 4242 4242', exp_month: 12, exp_year: THIS_YEAR + 3, cvc: '123' },
  declined: { number: '4000 0000 0000 0002', exp_month: 12, exp_year: THIS_YEAR + 3, cvc: '123' },
  noFunds: { number: '4000-0000-0000-9995', exp_month: 12, exp_year: THIS_YEAR + 3, cvc: '123' },
  mastercard: { number: '5555555555554444', exp_month: 1, exp_year: THIS_YEAR + 1, cvc: '321' },
};

/**
 * The real order-service app over its own test database, on a port it keeps across restarts (the
 * payment app was told that URL), and able to die at a chosen moment.
 */
export class OrderService {
  private server: http.Server | undefined;
  private app: Express | undefined;
  private port = 0;
  /** Set once the read that precedes a stop has arrived: every later request meets a dead server. */
  private dying = false;
  private stopAfterRead: (() => void) | undefined;

  constructor(
    readonly db: Kysely<OrderDatabase>,
    private readonly paymentUrl: () => string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A fresh order-service app (its own clients and outbox) on the same database. */
  private build(): Express {
    const deps = orderDependencies(this.db, jwt, silentLogger, {
      CATALOG_URL: UNUSED_URL,
      CART_URL: UNUSED_URL,
      PAYMENT_URL: this.paymentUrl(),
      AUTH_URL: UNUSED_URL,
      TAX_RATE: 50_000,
      SHIPPING_FLAT: 499,
      FREE_SHIPPING_THRESHOLD: 5000,
      PLATFORM_COMMISSION_RATE: 100_000,
    });
    return createOrderApp({ ...deps, jwt, logger: silentLogger });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.dying) {
      req.socket.destroy();
      return;
    }
    if (this.stopAfterRead && req.method === 'GET' && req.url?.startsWith('/internal/orders/')) {
      const stop = this.stopAfterRead;
      this.stopAfterRead = undefined;
      this.dying = true;
      res.on('finish', stop);
    }
    // Built on first use, so the payment app's URL is known by then.
    this.app ??= this.build();
    this.app(req, res);
  }

  /** Listens: on an ephemeral port the first time, on the same port after a stop. */
  async start(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.dying = false;
  }

  /** Stops listening and drops every connection: calls to it are refused from now on. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.app = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** A new order-service app on the same database, on the same port: the service is back. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /**
   * Answers the next order read (payment-service's check of the order) and then dies: the payment
   * goes through but telling order-service about it cannot. Resolves once it is stopped.
   */
  stopAfterNextRead(): Promise<void> {
    return new Promise((resolve) => {
      this.stopAfterRead = () => void this.stop().then(resolve);
    });
  }

  api(method: string, path: string, body?: unknown, headers?: HeaderMap): Promise<TestReply> {
    return callJson(`${this.url}${path}`, method, { body, headers });
  }

  async order(id: string): Promise<OrderRow> {
    return this.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
}

export interface Stack {
  /** payment-service's database, dependencies (its outbox) and URL */
  db: Kysely<Database>;
  deps: ChargeDeps;
  url: string;
  orders: OrderService;
  api: TestApi;
  /** POST /payments as `who`, with a new Idempotency-Key unless one is given. */
  pay(who: Person, orderId: string, card: object, key?: string, extra?: object): Promise<TestReply>;
  close(): Promise<void>;
}

export async function startStack(prefix: string): Promise<Stack> {
  const paymentsDb: TestDatabase<Database> = await createTestDatabase<Database>(`${prefix}_pay`, migrationFolder('payments'));
  const ordersDb: TestDatabase<OrderDatabase> = await createTestDatabase<OrderDatabase>(`${prefix}_ord`, migrationFolder('orders'));
  let paymentServer: TestServer | undefined;
  const orders = new OrderService(ordersDb.db, () => paymentServer!.url);
  await orders.start();
  const deps = paymentDependencies(paymentsDb.db, jwt, silentLogger, { ORDER_URL: orders.url, PAYMENT_FAILURE_RATE: 0 });
  paymentServer = await startTestServer(createApp({ ...deps, jwt }));
  const url = paymentServer.url;
  const api = testApi(url);
  return {
    db: paymentsDb.db,
    deps,
    url,
    orders,
    api,
    pay: (who, orderId, card, key = randomUUID(), extra = {}) =>
      api('POST', '/payments', { order_id: orderId, card, ...extra }, { ...who.headers, 'idempotency-key': key }),
    async close() {
      await paymentServer?.close();
      await orders.stop();
      await paymentsDb.drop();
      await ordersDb.drop();
    },
  };
}

/** The order-paid messages of the payment outbox not delivered yet. */
export async function pendingMessages(db: Kysely<Database>): Promise<{ id: string; attempts: number; last_error: string | null }[]> {
  return db
    .selectFrom('outbox')
    .select(['id', 'attempts', 'last_error'])
    .where('topic', '=', 'order-paid')
    .where('delivered_at', 'is', null)
    .orderBy('created_at')
    .execute();
}
