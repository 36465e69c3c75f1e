// The gateway's integration tests run it against the real services (their own apps, on their own
// ports, each with its own fresh database): real HTTP, no stand-ins.
import assert from 'node:assert/strict';
import { createApp as createAnalyticsApp } from '@dm/analytics-service/app';
import type { Database as AnalyticsDb } from '@dm/analytics-service/db';
import { analyticsDependencies } from '@dm/analytics-service/services';
import { seedAdmin } from '@dm/auth-service/accounts';
import type { Database as AuthDb } from '@dm/auth-service/db';
import { startAuthTestService } from '@dm/auth-service/test-support';
import { createApp as createCartApp } from '@dm/cart-service/app';
import type { Database as CartDb } from '@dm/cart-service/db';
import { createApp as createCatalogApp } from '@dm/catalog-service/app';
import type { Database as CatalogDb } from '@dm/catalog-service/db';
import { catalogDependencies } from '@dm/catalog-service/services';
import { createServiceClient } from '@dm/common/http-client';
import { createJwt, type Jwt, serviceTokens } from '@dm/common/jwt';
import { remoteSessions } from '@dm/common/sessions';
import {
  createTestDatabase,
  freePort,
  silentLogger,
  startTestServer,
  type TestDatabase,
  type TestMailbox,
  type TestServer,
} from '@dm/common/testing';
import { CART_MAX_LINES, CART_MAX_QUANTITY } from '@dm/contracts/limits';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp as createNotificationApp } from '@dm/notification-service/app';
import type { Database as NotificationsDb } from '@dm/notification-service/db';
import { notificationDependencies } from '@dm/notification-service/services';
import { createApp as createOrderApp } from '@dm/order-service/app';
import type { Database as OrdersDb } from '@dm/order-service/db';
import { orderDependencies } from '@dm/order-service/services';
import { createApp as createPaymentApp } from '@dm/payment-service/app';
import type { Database as PaymentsDb } from '@dm/payment-service/db';
import { paymentDependencies } from '@dm/payment-service/services';
import { createApp as createReviewApp } from '@dm/review-service/app';
import type { Database as ReviewsDb } from '@dm/review-service/db';
import { reviewDependencies } from '@dm/review-service/services';
import { createApp } from './app.js';
import { createClients } from './clients.js';
import type { Database } from './db.js';
import { createProductActivity, type ProductActivity } from './product-activity.js';
import { sessionMiddleware } from './session.js';

// As in production: a refresh token sent twice within 10 s (two tabs at once) is answered 409, not revoked.
export const TEST_TOKEN_POLICY = Object.freeze({ accessTtlSeconds: 3600, refreshTtlSeconds: 86_400, reuseGraceSeconds: 10 });
export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
const SECRET = 'gateway-test-secret-at-least-32-characters';

interface GatewayOptions {
  catalogUrl?: string;
  cartUrl?: string;
  reviewUrl?: string;
  notificationUrl?: string;
  analyticsUrl?: string;
  /** Counts product views and cart adds (by default one that never sends them). */
  activity?: ProductActivity;
  rateLimitPerMinute?: number;
  authRateLimitPerMinute?: number;
  corsOrigins?: string[];
  trustProxy?: boolean | number | string;
}

export interface GatewayStack {
  url: string;
  catalogDb: TestDatabase<CatalogDb>;
  authDb: TestDatabase<AuthDb>;
  ordersDb: TestDatabase<OrdersDb>;
  reviewsDb: TestDatabase<ReviewsDb>;
  notificationsDb: TestDatabase<NotificationsDb>;
  /** notification-service, whose sender writes to `mailbox`: events are posted to it as a producer would. */
  notificationUrl: string;
  gatewayDb: TestDatabase<Database>;
  /** analytics-service, started when asked for (`startGatewayStack({ analytics: true })`). */
  analytics?: { url: string; db: TestDatabase<AnalyticsDb> };
  /** The development mailbox auth-service writes to and the gateway's /dev/mail reads. */
  mailbox: TestMailbox;
  /** Signs tokens with the stack's secret: forged ones, as only a holder of the secret could make. */
  signer: Jwt;
  /** Another gateway on the same services and databases, with other settings. */
  startGateway(options: GatewayOptions): Promise<TestServer>;
  stop(): Promise<void>;
}

/** A counter that is never flushed: for gateways whose tests do not read product activity. */
export function unsentActivity(): ProductActivity {
  const nowhere = { target: 'nowhere', publish: async () => {}, close: async () => {} };
  return createProductActivity({ transport: nowhere, logger: silentLogger, flushSeconds: 3600 });
}

export async function startGatewayStack(options: { analytics?: boolean } = {}): Promise<GatewayStack> {
  const signer = createJwt(SECRET);
  const [auth, catalogDb, cartDb, ordersDb, paymentsDb, reviewsDb, notificationsDb, gatewayDb] = await Promise.all([
    startAuthTestService('gw_auth', signer, { policy: TEST_TOKEN_POLICY }),
    createTestDatabase<CatalogDb>('gw_catalog', migrationFolder('catalog')),
    createTestDatabase<CartDb>('gw_cart', migrationFolder('cart')),
    createTestDatabase<OrdersDb>('gw_orders', migrationFolder('orders')),
    createTestDatabase<PaymentsDb>('gw_payments', migrationFolder('payments')),
    createTestDatabase<ReviewsDb>('gw_reviews', migrationFolder('reviews')),
    createTestDatabase<NotificationsDb>('gw_notifications', migrationFolder('notifications')),
    createTestDatabase<Database>('gw_gateway', migrationFolder('gateway')),
  ]);
  const { database: authDb, mailbox } = auth;
  await seedAdmin(authDb.db, ADMIN.email, ADMIN.password, silentLogger);
  const [orderPort, paymentPort] = [await freePort(), await freePort()];
  const orderUrl = `http://127.0.0.1:${orderPort}`;
  const paymentUrl = `http://127.0.0.1:${paymentPort}`;

  // Every service of the stack checks tokens against auth-service's live sessions, as in production.
  const sessions = remoteSessions({ auth: createServiceClient('auth', auth.url), serviceToken: serviceTokens(signer, 'gateway-web') });
  const jwt = createJwt(SECRET, { sessions });
  const catalogDeps = catalogDependencies(catalogDb.db, jwt, silentLogger, { AUTH_URL: auth.url });
  const catalog = await startTestServer(createCatalogApp({ db: catalogDb.db, jwt, logger: silentLogger, ...catalogDeps }));
  const cart = await startTestServer(
    createCartApp({
      db: cartDb.db,
      jwt,
      logger: silentLogger,
      catalog: createServiceClient('catalog', catalog.url),
      serviceToken: serviceTokens(jwt, 'cart-service'),
      limits: { maxLines: CART_MAX_LINES, maxQuantity: CART_MAX_QUANTITY },
    }),
  );
  const orderDeps = orderDependencies(ordersDb.db, jwt, silentLogger, {
    CATALOG_URL: catalog.url,
    CART_URL: cart.url,
    PAYMENT_URL: paymentUrl,
    AUTH_URL: auth.url,
    TAX_RATE: 50_000,
    SHIPPING_FLAT: 499,
    FREE_SHIPPING_THRESHOLD: 5000,
    PLATFORM_COMMISSION_RATE: 100_000,
  });
  const order = await startTestServer(createOrderApp({ ...orderDeps, jwt, logger: silentLogger }), orderPort);
  const paymentDeps = paymentDependencies(paymentsDb.db, jwt, silentLogger, { ORDER_URL: orderUrl, PAYMENT_FAILURE_RATE: 0 });
  const payment = await startTestServer(createPaymentApp({ ...paymentDeps, jwt }), paymentPort);
  const reviewDeps = reviewDependencies(reviewsDb.db, jwt, silentLogger, { ORDER_URL: orderUrl, CATALOG_URL: catalog.url });
  const review = await startTestServer(createReviewApp({ ...reviewDeps, jwt }));
  const notificationDeps = notificationDependencies(
    notificationsDb.db,
    silentLogger,
    mailbox.mailer,
    { PUBLIC_URL: 'http://shop.test' },
    { intervalMs: 50 },
  );
  const notification = await startTestServer(createNotificationApp({ ...notificationDeps, jwt }));
  notificationDeps.sender.start();
  let analytics: { url: string; db: TestDatabase<AnalyticsDb>; server: TestServer } | undefined;
  if (options.analytics) {
    const db = await createTestDatabase<AnalyticsDb>('an_gw', migrationFolder('analytics'));
    const server = await startTestServer(createAnalyticsApp({ ...analyticsDependencies(db.db, silentLogger), jwt }));
    analytics = { url: server.url, db, server };
  }

  const servers: TestServer[] = [];
  async function startGateway(options: GatewayOptions) {
    const app = createApp({
      config: {
        NODE_ENV: 'test',
        TRUST_PROXY: options.trustProxy ?? 'loopback',
        RATE_LIMIT_PER_MINUTE: options.rateLimitPerMinute ?? 10_000,
        AUTH_RATE_LIMIT_PER_MINUTE: options.authRateLimitPerMinute ?? 10_000,
        CATEGORY_CACHE_SECONDS: 0,
        CATALOG_CACHE_SECONDS: 0,
        CORS_ORIGINS: options.corsOrigins ?? [],
        DATA_DIR: mailbox.dataDir,
      },
      logger: silentLogger,
      jwt,
      clients: createClients({
        AUTH_URL: auth.url,
        CATALOG_URL: options.catalogUrl ?? catalog.url,
        CART_URL: options.cartUrl ?? cart.url,
        ORDER_URL: orderUrl,
        PAYMENT_URL: paymentUrl,
        REVIEW_URL: options.reviewUrl ?? review.url,
        NOTIFICATION_URL: options.notificationUrl ?? notification.url,
        // Without analytics-service, a port nothing listens on: the dashboard says it is unavailable.
        ANALYTICS_URL: options.analyticsUrl ?? analytics?.url ?? 'http://127.0.0.1:9',
      }),
      sessions: sessionMiddleware({ databaseUrl: gatewayDb.url, poolMax: 2, secret: SECRET, secure: false, onError: () => {} }),
      db: gatewayDb.db,
      serviceToken: serviceTokens(jwt, 'gateway-web'),
      activity: options.activity ?? unsentActivity(),
    });
    const server = await startTestServer(app);
    servers.push(server);
    return server;
  }
  const gateway = await startGateway({});

  return {
    url: gateway.url,
    catalogDb,
    authDb,
    ordersDb,
    reviewsDb,
    notificationsDb,
    notificationUrl: notification.url,
    gatewayDb,
    analytics: analytics && { url: analytics.url, db: analytics.db },
    mailbox,
    signer,
    startGateway,
    async stop() {
      await Promise.all([
        orderDeps.outbox.stop(),
        paymentDeps.outbox.stop(),
        catalogDeps.outbox.stop(),
        reviewDeps.outbox.stop(),
        notificationDeps.sender.stop(),
      ]);
      await Promise.all([...servers, catalog, cart, order, payment, review, notification].map((s) => s.close()));
      await auth.close();
      await Promise.all([catalogDb, cartDb, ordersDb, paymentsDb, reviewsDb, notificationsDb, gatewayDb].map((d) => d.drop()));
      await Promise.all([orderDeps.outbox.stop(), paymentDeps.outbox.stop(), catalogDeps.outbox.stop(), reviewDeps.outbox.stop()]);
      await Promise.all(
        [...servers, catalog, cart, order, payment, review, ...(analytics ? [analytics.server] : [])].map((s) => s.close()),
      );
      await auth.close();
      await Promise.all(
        [catalogDb, cartDb, ordersDb, paymentsDb, reviewsDb, gatewayDb, ...(analytics ? [analytics.db] : [])].map((d) => d.drop()),
      );
    },
  };
}

/**
 * A tiny browser for page tests: keeps cookies, does not follow redirects, and reads the CSRF
 * token out of the last form it saw.
 */
export class TestBrowser {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly base: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie, ...extra } : extra;
  }

  async get(path: string): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    const res = await fetch(`${this.base}${path}`, { headers: this.headers(), redirect: 'manual' });
    this.remember(res);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token?.[1]) this.csrf = token[1];
    return { status: res.status, html, location: res.headers.get('location'), headers: res.headers };
  }

  /**
   * Posts a multipart form with files, as a browser's upload form does; the CSRF token of the last
   * page goes first, as the forms put it.
   */
  async upload(
    path: string,
    fields: Record<string, string>,
    files: { field: string; name: string; data: Buffer | string; type?: string }[],
  ): Promise<{ status: number; html: string; location: string | null }> {
    const body = new FormData();
    if (!('_csrf' in fields)) body.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const f of files) body.append(f.field, new Blob([f.data], { type: f.type ?? 'application/octet-stream' }), f.name);
    const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: this.headers(), body, redirect: 'manual' });
    this.remember(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given (even as ''). */
  async post(path: string, fields: Record<string, string | string[]>): Promise<{ status: number; html: string; location: string | null }> {
    const body = new URLSearchParams();
    if (!('_csrf' in fields)) body.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body,
      redirect: 'manual',
    });
    this.remember(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }

  /** Signs in through the login form. */
  /** A browser of its own, signed in through the form. */
  static async signedIn(url: string, email: string, password: string): Promise<TestBrowser> {
    const browser = new TestBrowser(url);
    await browser.login(email, password);
    return browser;
  }

  async login(email: string, password: string): Promise<void> {
    await this.get('/login');
    const res = await this.post('/login', { email, password, next: '/' });
    if (res.status !== 302) throw new Error(`login failed with ${res.status}`);
  }
}

/** The flash message of the page a redirect leads to. */
export async function flashAfter(browser: TestBrowser, res: { status: number; location: string | null }): Promise<string> {
  assert.equal(res.status, 302, 'answers with a redirect');
  const page = await browser.get(res.location!);
  return /<div class="alert alert-(?:success|danger|warning|info) mt-3 mb-0" role="\w+">([^<]*)<\/div>/.exec(page.html)?.[1] ?? '';
}
