// A small real shop for order-service's integration tests: the real catalog, cart and order apps,
// each on its own port with its own fresh database, sharing one JWT secret.
import { randomUUID } from 'node:crypto';
import { createApp as createCartApp } from '@dm/cart-service/app';
import type { Database as CartDb } from '@dm/cart-service/db';
import { createApp as createCatalogApp } from '@dm/catalog-service/app';
import type { Database as CatalogDb } from '@dm/catalog-service/db';
import { catalogDependencies } from '@dm/catalog-service/services';
import { addProduct } from '@dm/catalog-service/test-support';
import { createServiceClient } from '@dm/common/http-client';
import { createJwt, serviceTokens } from '@dm/common/jwt';
import {
  createTestDatabase,
  silentLogger,
  startTestServer,
  type TestApi,
  type TestDatabase,
  type TestReply,
  type TestServer,
  testApi,
} from '@dm/common/testing';
import { CART_MAX_LINES, CART_MAX_QUANTITY } from '@dm/contracts/limits';
import { migrationFolder } from '@dm/migrations/folders';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { CheckoutDeps } from './checkout.js';
import type { Database } from './db.js';
import { orderDependencies } from './services.js';

export const jwt = createJwt('order-test-secret-at-least-32-characters-long');

export interface Shopper {
  id: string;
  headers: Record<string, string>;
}

export function newShopper(role: 'user' | 'admin' | 'vendor' = 'user', id: string = randomUUID()): Shopper {
  const token = jwt.sign({ sub: id, role, email: `${role}-${id.slice(0, 6)}@example.com`, name: `Test ${role}` }, 3600);
  return { id, headers: { authorization: `Bearer ${token}` } };
}

export const service = { authorization: `Bearer ${jwt.signService('payment-service', 300)}` };

export const address = {
  full_name: 'Ada Lovelace',
  line1: '12 Analytical Row',
  city: 'London',
  postal_code: 'N1 9GU',
  country: 'United Kingdom',
  phone: '+44 20 7946 0000',
};

export interface Shop {
  db: Kysely<Database>;
  catalogDb: Kysely<CatalogDb>;
  cartDb: Kysely<CartDb>;
  deps: CheckoutDeps;
  /** order-service's base URL */
  url: string;
  orders: TestApi;
  cart: TestApi;
  product(values: {
    name?: string;
    price?: string;
    stock?: number;
    is_active?: boolean;
    vendor_id?: string;
  }): Promise<{ id: string; name: string }>;
  /** A shop in the catalog and its owner's token (a vendor's id is their user id). */
  vendor(name: string): Promise<Shopper & { name: string }>;
  /** Marks an order paid as payment-service would. */
  pay(order: { id: string; total: string }): Promise<TestReply>;
  stockOf(productId: string): Promise<number>;
  /** Puts lines in a shopper's cart through cart-service's API. */
  fill(shopper: Shopper, lines: { product_id: string; quantity: number }[]): Promise<void>;
  checkout(shopper: Shopper, key?: string): Promise<TestReply>;
  close(): Promise<void>;
}

/** `authUrl`: where the audit events of admin changes go (by default nowhere: they wait in the outbox). */
export async function startShop(prefix: string, options: { paymentUrl?: string; authUrl?: string } = {}): Promise<Shop> {
  const [catalogDb, cartDb, ordersDb]: [TestDatabase<CatalogDb>, TestDatabase<CartDb>, TestDatabase<Database>] = await Promise.all([
    createTestDatabase<CatalogDb>(`${prefix}_catalog`, migrationFolder('catalog')),
    createTestDatabase<CartDb>(`${prefix}_cart`, migrationFolder('cart')),
    createTestDatabase<Database>(`${prefix}_orders`, migrationFolder('orders')),
  ]);
  const servers: TestServer[] = [];
  const authUrl = options.authUrl ?? 'http://127.0.0.1:9';
  const catalogDeps = catalogDependencies(catalogDb.db, jwt, silentLogger, { AUTH_URL: authUrl });
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
  const deps = orderDependencies(ordersDb.db, jwt, silentLogger, {
    CATALOG_URL: catalog.url,
    CART_URL: cart.url,
    PAYMENT_URL: options.paymentUrl ?? 'http://127.0.0.1:9',
    AUTH_URL: authUrl,
    TAX_RATE: 50_000,
    SHIPPING_FLAT: 499,
    FREE_SHIPPING_THRESHOLD: 5000,
    PLATFORM_COMMISSION_RATE: 100_000,
  });
  const orders = await startTestServer(createApp({ ...deps, jwt, logger: silentLogger }));
  servers.push(catalog, cart, orders);
  const ordersApi = testApi(orders.url);
  const cartApi = testApi(cart.url);

  return {
    db: ordersDb.db,
    catalogDb: catalogDb.db,
    cartDb: cartDb.db,
    deps,
    url: orders.url,
    orders: ordersApi,
    cart: cartApi,
    product: (values) => addProduct(catalogDb.db, { price: '10.00', stock: 10, ...values }),
    async vendor(name) {
      const owner = newShopper('vendor');
      const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${owner.id.slice(0, 6)}`;
      await catalogDb.db
        .insertInto('vendors')
        .values({ id: owner.id, slug, name, contact_email: `${slug}@example.com`, payout_reference: 'IBAN TEST' })
        .execute();
      return { ...owner, name };
    },
    pay: (order) => ordersApi('POST', `/internal/orders/${order.id}/paid`, { payment_id: randomUUID(), amount: order.total }, service),
    async stockOf(productId) {
      const row = await catalogDb.db.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow();
      return row.stock;
    },
    async fill(shopper, lines) {
      for (const line of lines) {
        const res = await cartApi('POST', '/cart/items', line, shopper.headers);
        if (res.status !== 200) throw new Error(`could not fill the cart: ${res.status} ${JSON.stringify(res.body)}`);
      }
    },
    checkout: (shopper, key = randomUUID()) =>
      ordersApi('POST', '/orders', { shipping_address: address }, { ...shopper.headers, 'idempotency-key': key }),
    async close() {
      await Promise.all([deps.outbox.stop(), catalogDeps.outbox.stop()]);
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all([catalogDb.drop(), cartDb.drop(), ordersDb.drop()]);
    },
  };
}
