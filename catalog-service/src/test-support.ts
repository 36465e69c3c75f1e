// Shared by this service's integration tests: a migrated database of its own, the real app on an
// ephemeral port, tokens for each role, and direct inserts for fixtures the API cannot make.
import { randomUUID } from 'node:crypto';
import { createJwt } from '@dm/common/jwt';
import type { Outbox } from '@dm/common/outbox';
import {
  createTestDatabase,
  silentLogger,
  startTestServer,
  type TestApi,
  type TestDatabase,
  type TestServer,
  testApi,
} from '@dm/common/testing';
import { migrationFolder } from '@dm/migrations/folders';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { Database, NewProduct } from './db.js';
import { imageRecord } from './images/images.js';
import { slugify } from './products/slug.js';
import { catalogDependencies } from './services.js';

export const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const as = {
  admin: bearer(jwt.sign({ sub: randomUUID(), role: 'admin', email: 'admin@example.com', name: 'Admin' }, 3600)),
  user: bearer(jwt.sign({ sub: randomUUID(), role: 'user', email: 'user@example.com', name: 'User' }, 3600)),
  service: bearer(jwt.signService('order-service', 300)),
  nobody: {},
};

/** A signed-in person's id and the headers that carry their token. */
export function tokenFor(role: 'user' | 'vendor' | 'admin', id: string = randomUUID()): { id: string; headers: Record<string, string> } {
  return { id, headers: bearer(jwt.sign({ sub: id, role, email: `${role}-${id.slice(0, 8)}@example.com`, name: role }, 3600)) };
}

/** A shop straight into the table: its id is the vendor's user id. */
export async function addVendor(
  db: Kysely<Database>,
  name: string,
  options: { status?: 'active' | 'suspended' } = {},
): Promise<{ id: string; slug: string; name: string; headers: Record<string, string> }> {
  const vendor = tokenFor('vendor');
  const row = await db
    .insertInto('vendors')
    .values({
      id: vendor.id,
      slug: slugify(name),
      name,
      contact_email: `${slugify(name)}@example.com`,
      payout_reference: 'IBAN TEST 0000',
      status: options.status ?? 'active',
    })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, headers: vendor.headers };
}

export interface Harness {
  db: Kysely<Database>;
  url: string;
  api: TestApi;
  /** The audit events of admin changes, on their way to auth-service. */
  outbox: Outbox;
  close(): Promise<void>;
}

/** `authUrl`: where the audit events go; by default nowhere, so they wait in the outbox. */
export async function startCatalog(prefix: string, options: { authUrl?: string } = {}): Promise<Harness> {
  const database: TestDatabase<Database> = await createTestDatabase<Database>(prefix, migrationFolder('catalog'));
  const { outbox } = catalogDependencies(database.db, jwt, silentLogger, { AUTH_URL: options.authUrl ?? 'http://127.0.0.1:9' });
  const server: TestServer = await startTestServer(createApp({ db: database.db, jwt, logger: silentLogger, outbox }));
  return {
    db: database.db,
    url: server.url,
    api: testApi(server.url),
    outbox,
    async close() {
      await outbox.stop();
      await server.close();
      await database.drop();
    },
  };
}

export async function addCategory(
  db: Kysely<Database>,
  name: string,
  options: { parentId?: string; sortOrder?: number; slug?: string } = {},
): Promise<{ id: string; name: string; slug: string }> {
  return db
    .insertInto('categories')
    .values({ name, slug: options.slug ?? slugify(name), parent_id: options.parentId ?? null, sort_order: options.sortOrder ?? 0 })
    .returning(['id', 'name', 'slug'])
    .executeTakeFirstOrThrow();
}

let fixtureCounter = 0;

/** A product straight into the table, for fixtures that need a set `created_at` or state. */
export async function addProduct(
  db: Kysely<Database>,
  values: Partial<NewProduct> & { categoryIds?: string[] } = {},
): Promise<{ id: string; slug: string; sku: string; name: string }> {
  const { categoryIds = [], ...rest } = values;
  const n = ++fixtureCounter;
  const name = rest.name ?? `Fixture Product ${n}`;
  const row = await db
    .insertInto('products')
    .values({ sku: `FIX-${n}`, slug: `${slugify(name)}-fx${n}`, name, price: '1.00', stock: 10, ...rest })
    .returning(['id', 'slug', 'sku', 'name'])
    .executeTakeFirstOrThrow();
  if (categoryIds.length > 0) {
    await db
      .insertInto('product_categories')
      .values(categoryIds.map((category_id) => ({ product_id: row.id, category_id })))
      .execute();
  }
  return row;
}

export async function addImage(
  db: Kysely<Database>,
  productId: string,
  options: { svg?: string; position?: number; alt?: string } = {},
): Promise<{ id: string; sha256: string; data: Buffer }> {
  const data = Buffer.from(options.svg ?? '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
  const record = imageRecord({
    product_id: productId,
    content_type: 'image/svg+xml',
    data,
    alt: options.alt ?? 'a picture',
    position: options.position ?? 0,
  });
  const row = await db.insertInto('product_images').values(record).returning(['id', 'sha256']).executeTakeFirstOrThrow();
  return { ...row, data };
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
