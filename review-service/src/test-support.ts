// Shared by this service's integration tests: the real review app, the real catalog-service (which
// products exist, and where the ratings go) and the real order-service (who bought what), each with
// a migrated database of its own, on ephemeral ports, signing and checking tokens with one secret.
// Orders are fixtures written straight into order-service's database, as its checkout leaves them.
import { randomUUID } from 'node:crypto';
import { createApp as createCatalogApp } from '@dm/catalog-service/app';
import type { Database as CatalogDatabase } from '@dm/catalog-service/db';
import { catalogDependencies } from '@dm/catalog-service/services';
import { addProduct, addVendor } from '@dm/catalog-service/test-support';
import { createJwt } from '@dm/common/jwt';
import { createTestDatabase, silentLogger, startTestServer, type TestApi, type TestServer, testApi } from '@dm/common/testing';
import type { ProductRating } from '@dm/contracts/reviews';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp as createOrderApp } from '@dm/order-service/app';
import type { Database as OrderDatabase, OrderRow } from '@dm/order-service/db';
import { addOrder } from '@dm/order-service/order-fixture';
import { orderDependencies } from '@dm/order-service/services';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { Database } from './db.js';
import type { ReviewDeps } from './review-changes.js';
import { reviewDependencies } from './services.js';

export const jwt = createJwt('review-test-secret-at-least-32-characters');

/** Nothing listens here: the services order-service never reaches in these tests. */
const UNUSED_URL = 'http://127.0.0.1:9';

export interface Person {
  id: string;
  headers: Record<string, string>;
}

export function person(role: 'user' | 'vendor' | 'admin' = 'user', name = 'Sam Shopper', id: string = randomUUID()): Person {
  const token = jwt.sign({ sub: id, role, email: `${role}-${id.slice(0, 8)}@example.com`, name }, 3600);
  return { id, headers: { authorization: `Bearer ${token}` } };
}

export const asService = (caller: string) => ({ authorization: `Bearer ${jwt.signService(caller, 300)}` });

export interface ReviewStack {
  db: Kysely<Database>;
  deps: ReviewDeps;
  api: TestApi;
  catalogDb: Kysely<CatalogDatabase>;
  catalog: TestApi;
  ordersDb: Kysely<OrderDatabase>;
  /** A product for sale, made straight in the catalog's table. */
  product(values?: { is_active?: boolean; name?: string }): Promise<{ id: string; slug: string }>;
  /** A vendor with a shop (a row of the catalog's own table; its id is the vendor's user id). */
  vendor(): Promise<Person>;
  /** A product for sale by a vendor's shop. */
  productOf(vendor: Person): Promise<{ id: string; slug: string }>;
  /** An order of `productId` by `buyer`, in the given state (delivered unless said). */
  order(buyer: Person, productId: string, status?: OrderRow['status']): Promise<string>;
  /** The rating the catalog holds for a product. */
  catalogRating(productId: string): Promise<ProductRating>;
  /** POST /products/:id/reviews as `who`. */
  write(who: Person, productId: string, review?: object): Promise<Awaited<ReturnType<TestApi>>>;
  close(): Promise<void>;
}

export async function startStack(prefix: string): Promise<ReviewStack> {
  const [reviewsDb, catalogDb, ordersDb] = await Promise.all([
    createTestDatabase<Database>(`${prefix}_rev`, migrationFolder('reviews')),
    createTestDatabase<CatalogDatabase>(`${prefix}_cat`, migrationFolder('catalog')),
    createTestDatabase<OrderDatabase>(`${prefix}_ord`, migrationFolder('orders')),
  ]);
  const servers: TestServer[] = [];
  // The admins' audit events of either service stay in its outbox: no auth-service here.
  const catalogDeps = catalogDependencies(catalogDb.db, jwt, silentLogger, { AUTH_URL: UNUSED_URL });
  const catalog = await startTestServer(createCatalogApp({ db: catalogDb.db, jwt, logger: silentLogger, outbox: catalogDeps.outbox }));
  const orderDeps = orderDependencies(ordersDb.db, jwt, silentLogger, {
    AUTH_URL: UNUSED_URL,
    CATALOG_URL: UNUSED_URL,
    CART_URL: UNUSED_URL,
    PAYMENT_URL: UNUSED_URL,
    TAX_RATE: 50_000,
    SHIPPING_FLAT: 499,
    FREE_SHIPPING_THRESHOLD: 5000,
    PLATFORM_COMMISSION_RATE: 100_000,
  });
  const orders = await startTestServer(createOrderApp({ ...orderDeps, jwt, logger: silentLogger }));
  const deps = reviewDependencies(reviewsDb.db, jwt, silentLogger, { ORDER_URL: orders.url, CATALOG_URL: catalog.url });
  const reviews = await startTestServer(createApp({ ...deps, jwt }));
  servers.push(catalog, orders, reviews);
  const api = testApi(reviews.url);

  return {
    db: reviewsDb.db,
    deps,
    api,
    catalogDb: catalogDb.db,
    catalog: testApi(catalog.url),
    ordersDb: ordersDb.db,
    product: (values = {}) => addProduct(catalogDb.db, { price: '25.00', stock: 10, ...values }),
    async vendor() {
      const shop = await addVendor(catalogDb.db, `Shop ${randomUUID().slice(0, 8)}`);
      return person('vendor', 'Vera Vendor', shop.id);
    },
    productOf: (vendor) => addProduct(catalogDb.db, { price: '25.00', stock: 10, vendor_id: vendor.id }),
    order: async (buyer, productId, status = 'delivered') => (await addOrder(ordersDb.db, buyer.id, { status, productId })).id,
    async catalogRating(productId) {
      const row = await catalogDb.db
        .selectFrom('products')
        .select(['rating_average', 'rating_count'])
        .where('id', '=', productId)
        .executeTakeFirstOrThrow();
      return { average: row.rating_average, count: row.rating_count };
    },
    write: (who, productId, review = { rating: 5, title: 'Great', body: 'Does what it says.' }) =>
      api('POST', `/products/${productId}/reviews`, review, who.headers),
    async close() {
      await Promise.all([deps.outbox.stop(), orderDeps.outbox.stop()]);
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all([reviewsDb.drop(), catalogDb.drop(), ordersDb.drop()]);
    },
  };
}
