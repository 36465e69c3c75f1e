// Shared by this service's integration tests: the real catalog-service and the real cart-service,
// each on an ephemeral port with a migrated database of its own, both signing and verifying with
// one test secret; tokens for each role; catalog fixtures made through the catalog's admin API.
import { randomUUID } from 'node:crypto';
import { createApp as createCatalogApp } from '@dm/catalog-service/app';
import type { Database as CatalogDatabase } from '@dm/catalog-service/db';
import { catalogDependencies } from '@dm/catalog-service/services';
import { type CallOptions, createServiceClient, type ServiceClient } from '@dm/common/http-client';
import { createJwt, type Jwt, serviceTokens } from '@dm/common/jwt';
import { createTestDatabase, silentLogger, startTestServer, type TestApi, testApi } from '@dm/common/testing';
import { CART_MAX_LINES, CART_MAX_QUANTITY } from '@dm/contracts/limits';
import { migrationFolder } from '@dm/migrations/folders';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { CartLimits } from './cart-input.js';
import type { Database } from './db.js';

export const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');

type Headers = Record<string, string>;
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });

export interface TestUser {
  id: string;
  headers: Headers;
}

/** A signed-in shopper of their own, so tests never share a cart. */
export function newUser(role: 'user' | 'admin' = 'user'): TestUser {
  const id = randomUUID();
  return { id, headers: bearer(jwt.sign({ sub: id, role, email: `${id}@example.com`, name: 'Shopper' }, 3600)) };
}

export const as = {
  admin: bearer(jwt.sign({ sub: randomUUID(), role: 'admin', email: 'admin@example.com', name: 'Admin' }, 3600)),
  service: bearer(jwt.signService('order-service', 300)),
  nobody: {} as Headers,
};

export type { TestReply as ApiResponse } from '@dm/common/testing';

export interface CatalogHarness {
  db: Kysely<CatalogDatabase>;
  url: string;
  api: TestApi;
  close(): Promise<void>;
}

/** The real catalog-service; `jwtOf` lets a test give it a secret the cart does not share. */
export async function startCatalog(prefix: string, jwtOf: Jwt = jwt): Promise<CatalogHarness> {
  const database = await createTestDatabase<CatalogDatabase>(`${prefix}_catalog`, migrationFolder('catalog'));
  // No auth-service here: the audit events of admin changes stay in the catalog's outbox.
  const catalog = catalogDependencies(database.db, jwtOf, silentLogger, { AUTH_URL: 'http://127.0.0.1:9' });
  const server = await startTestServer(createCatalogApp({ db: database.db, jwt: jwtOf, logger: silentLogger, ...catalog }));
  return {
    db: database.db,
    url: server.url,
    api: testApi(server.url),
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

export interface CartHarness {
  db: Kysely<Database>;
  url: string;
  api: TestApi;
  /** every call the cart made to the catalog, as "METHOD /path" */
  catalogCalls: string[];
  close(): Promise<void>;
}

/** The real client, counting the calls it passes on: a spy, not a stand-in. */
function counted(client: ServiceClient, calls: string[]): ServiceClient {
  return {
    name: client.name,
    request<T>(method: string, path: string, options?: CallOptions) {
      calls.push(`${method} ${path}`);
      return client.request<T>(method, path, options);
    },
    call<T>(method: string, path: string, options?: CallOptions) {
      calls.push(`${method} ${path}`);
      return client.call<T>(method, path, options);
    },
    raw(path: string, options?: CallOptions) {
      calls.push(`GET ${path}`);
      return client.raw(path, options);
    },
  };
}

export const DEFAULT_LIMITS: CartLimits = Object.freeze({ maxLines: CART_MAX_LINES, maxQuantity: CART_MAX_QUANTITY });

/** The real cart-service, asking the catalog at `catalogUrl`. */
export async function startCart(prefix: string, catalogUrl: string, limits: CartLimits = DEFAULT_LIMITS): Promise<CartHarness> {
  const database = await createTestDatabase<Database>(`${prefix}_cart`, migrationFolder('cart'));
  const catalogCalls: string[] = [];
  const app = createApp({
    db: database.db,
    jwt,
    logger: silentLogger,
    catalog: counted(createServiceClient('catalog', catalogUrl), catalogCalls),
    serviceToken: serviceTokens(jwt, 'cart-service'),
    limits,
  });
  const server = await startTestServer(app);
  return {
    db: database.db,
    url: server.url,
    api: testApi(server.url),
    catalogCalls,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

export interface TestProduct {
  id: string;
  sku: string;
  slug: string;
  name: string;
  price: string;
  stock: number;
  image_url: string | null;
}

let fixtureCounter = 0;

/** A product made through the catalog's own admin API. */
export async function addProduct(
  catalog: CatalogHarness,
  fields: { name?: string; price?: string; stock?: number; is_active?: boolean; image_url?: string | null } = {},
): Promise<TestProduct> {
  const n = ++fixtureCounter;
  const res = await catalog.api(
    'POST',
    '/products',
    { sku: `CART-${process.pid}-${n}`, name: `Cart Fixture ${n}`, description: '', price: '1.00', stock: 10, ...fields },
    as.admin,
  );
  if (res.status !== 201) throw new Error(`catalog refused the fixture: ${res.status} ${res.text}`);
  return res.body as TestProduct;
}

/** An admin's change to a product, through the catalog's API. */
export async function updateProduct(catalog: CatalogHarness, id: string, patch: Record<string, unknown>): Promise<void> {
  const res = await catalog.api('PATCH', `/products/${id}`, patch, as.admin);
  if (res.status !== 200) throw new Error(`catalog refused the change: ${res.status} ${res.text}`);
}

/** The stored quantity of one line, read straight from the cart's table (undefined: no line). */
export async function storedQuantity(cart: CartHarness, userId: string, productId: string): Promise<number | undefined> {
  const row = await cart.db
    .selectFrom('cart_items')
    .select('quantity')
    .where('user_id', '=', userId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row?.quantity;
}
