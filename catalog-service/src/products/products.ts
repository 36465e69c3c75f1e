import { enqueueAudit } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { formatMoney } from '@dm/common/money';
import type { Outbox } from '@dm/common/outbox';
import { violatedUniqueConstraint } from '@dm/common/pg-errors';
import type { CategoryRef, Product, ProductDetail } from '@dm/contracts/catalog';
import type { BatchProduct } from '@dm/contracts/internal';
import type { VendorRef } from '@dm/contracts/vendors';
import { type Kysely, sql, type Transaction } from 'kysely';
import { categories } from '../categories/categories.js';
import type { Database, NewProduct, ProductRow, ProductUpdate } from '../db.js';
import { images } from '../images/images.js';
import { STOCK_REASONS, stockMovements } from '../stock/stock-movements.js';
import { vendorRefsOf } from '../vendors/vendor-refs.js';
import { auditedState, type Editor, productAudit, sendAudit } from './audit-events.js';
import type { CreateProductInput, UpdateProductInput } from './product-input.js';
import { firstFreeSlug, slugify } from './slug.js';

type Db = Kysely<Database> | Transaction<Database>;

export function productRowToProduct(row: ProductRow, categoryRefs: CategoryRef[], vendor: VendorRef | null): Product {
  return {
    id: row.id,
    sku: row.sku,
    slug: row.slug,
    name: row.name,
    description: row.description,
    price: row.price,
    stock: row.stock,
    is_active: row.is_active,
    is_featured: row.is_featured,
    tags: row.tags,
    image_url: row.image_url,
    categories: categoryRefs,
    rating: { average: row.rating_average, count: row.rating_count },
    vendor,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

// PostgreSQL's names for the two unique constraints of the products table.
const SKU_CONSTRAINT = 'products_sku_key';
const SLUG_CONSTRAINT = 'products_slug_key';

const productNotFound = () => new HttpError(404, 'product not found');

export const products = Object.freeze({
  findByIdOrSlug(db: Db, idOrSlug: string): Promise<ProductRow | undefined> {
    const query = db.selectFrom('products').selectAll();
    return (isUuid(idOrSlug) ? query.where('id', '=', idOrSlug) : query.where('slug', '=', idOrSlug.toLowerCase())).executeTakeFirst();
  },

  findByIds(db: Db, ids: readonly string[]): Promise<ProductRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('products').selectAll().where('id', 'in', ids).execute();
  },

  /** Slugs already taken by `base` and its numbered variants. */
  async slugsLike(db: Db, base: string): Promise<string[]> {
    const rows = await db
      .selectFrom('products')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    return rows.map((r) => r.slug);
  },

  /** The product, its row locked until the transaction ends; undefined when there is no such product. */
  lockById(db: Db, id: string): Promise<ProductRow | undefined> {
    return db.selectFrom('products').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  insert(db: Db, values: NewProduct): Promise<ProductRow> {
    return db.insertInto('products').values(values).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, values: ProductUpdate): Promise<ProductRow | undefined> {
    return db
      .updateTable('products')
      .set({ ...values, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  },

  /** Soft delete of an active product. */
  async deactivate(db: Db, id: string): Promise<void> {
    await db.updateTable('products').set({ is_active: false, updated_at: sql`now()` }).where('id', '=', id).execute();
  },
});

/** A row's shop, when the query that read it joined `vendors` (null for the house's own). */
export interface ShopColumns {
  vendor_slug: string | null;
  vendor_name: string | null;
}

/** The shop of a row that carries its columns (null for the house's own). */
export const shopOf = (row: ProductRow & ShopColumns): VendorRef | null =>
  row.vendor_id && row.vendor_slug && row.vendor_name ? { id: row.vendor_id, slug: row.vendor_slug, name: row.vendor_name } : null;

const hasShop = (row: ProductRow | (ProductRow & ShopColumns)): row is ProductRow & ShopColumns => 'vendor_slug' in row;

/**
 * Rows to API products, with the categories of all of them read in one query, and their shops
 * read in another unless the rows carry them already (the listing joins them).
 */
export async function withCategories(db: Db, rows: (ProductRow | (ProductRow & ShopColumns))[]): Promise<Product[]> {
  const joined = rows.every(hasShop);
  // Two independent reads, sent together (pg queues them on one connection inside a transaction).
  const [byProduct, vendors] = await Promise.all([
    categories.ofProducts(
      db,
      rows.map((r) => r.id),
    ),
    joined
      ? new Map(
          rows.flatMap((r) => {
            const shop = shopOf(r);
            return shop ? [[shop.id, shop] as const] : [];
          }),
        )
      : vendorRefsOf(
          db,
          rows.map((r) => r.vendor_id),
        ),
  ]);
  return rows.map((row) => productRowToProduct(row, byProduct.get(row.id) ?? [], vendorOf(row, vendors)));
}

const vendorOf = (row: ProductRow, vendors: Map<string, VendorRef>): VendorRef | null =>
  row.vendor_id === null ? null : (vendors.get(row.vendor_id) ?? null);

async function detailOf(db: Db, row: ProductRow): Promise<ProductDetail> {
  const [[product], productImages] = await Promise.all([withCategories(db, [row]), images.ofProduct(db, row.id)]);
  return { ...product!, images: productImages };
}

/** By id or slug; an inactive product exists only for admins. */
export async function getProduct(
  db: Kysely<Database>,
  idOrSlug: string,
  options: { includeInactive: (vendorId: string | null) => boolean },
): Promise<ProductDetail> {
  const row = await products.findByIdOrSlug(db, idOrSlug);
  if (!row || (!row.is_active && !options.includeInactive(row.vendor_id))) throw productNotFound();
  return detailOf(db, row);
}

/** `editor` is named on the movement of its initial stock, and in the audit log. */
export async function createProduct(
  db: Kysely<Database>,
  outbox: Outbox,
  input: CreateProductInput,
  editor: Editor,
  /** the shop that sells it; null: the house's own */
  vendorId: string | null = null,
): Promise<ProductDetail> {
  const base = slugify(input.name);
  // The slug is picked by looking at the taken ones; a concurrent insert of the same name can
  // still win the race, and then the unique constraint sends us round to look again.
  for (let attempt = 1; ; attempt++) {
    try {
      const { detail, audit } = await db.transaction().execute(async (trx) => {
        await categories.assertExist(trx, input.category_ids);
        const row = await products.insert(trx, {
          sku: input.sku,
          slug: firstFreeSlug(base, await products.slugsLike(trx, base)),
          name: input.name,
          description: input.description,
          price: formatMoney(input.price),
          stock: input.stock,
          is_active: input.is_active,
          is_featured: input.is_featured,
          tags: input.tags,
          image_url: input.image_url,
          vendor_id: vendorId,
        });
        await categories.replaceOfProduct(trx, row.id, input.category_ids);
        await stockMovements.insertMany(trx, [
          { product_id: row.id, delta: row.stock, reason: STOCK_REASONS.created, actor: editor.actor, stock_after: row.stock },
        ]);
        return {
          detail: await detailOf(trx, row),
          audit: await enqueueAudit(trx, [productAudit.created(editor, row, input.category_ids)]),
        };
      });
      await sendAudit(outbox, audit);
      return detail;
    } catch (err) {
      const constraint = violatedUniqueConstraint(err);
      if (constraint === SKU_CONSTRAINT) throw new HttpError(409, `a product with SKU ${input.sku} already exists`);
      if (constraint === SLUG_CONSTRAINT && attempt < 5) continue;
      throw err;
    }
  }
}

/**
 * Changes the given fields; the slug stays as it was so links keep working after a rename. A new
 * `stock` is recorded as a movement of the difference, made by `editor`; the fields that changed
 * are recorded in the audit log, before and after.
 */
export async function updateProduct(
  db: Kysely<Database>,
  outbox: Outbox,
  id: string,
  patch: UpdateProductInput,
  editor: Editor,
): Promise<ProductDetail> {
  if (!isUuid(id)) throw productNotFound();
  const { category_ids, price, ...fields } = patch;
  try {
    const { detail, audit } = await db.transaction().execute(async (trx) => {
      // Locked, so a reservation cannot slip in between reading the old stock and writing the new.
      const before = await products.lockById(trx, id);
      if (!before) throw productNotFound();
      const categoriesBefore = category_ids ? await categoryIdsOf(trx, id) : undefined;
      const row = await products.update(trx, id, {
        ...fields,
        ...(price === undefined ? {} : { price: formatMoney(price) }),
      });
      if (!row) throw productNotFound();
      if (fields.stock !== undefined) {
        await stockMovements.insertMany(trx, [
          {
            product_id: id,
            delta: row.stock - before.stock,
            reason: STOCK_REASONS.setByAdmin,
            actor: editor.actor,
            stock_after: row.stock,
          },
        ]);
      }
      if (category_ids) {
        await categories.assertExist(trx, category_ids);
        await categories.replaceOfProduct(trx, id, category_ids);
      }
      const changes = productAudit.updated(editor, id, auditedState(before, categoriesBefore), auditedState(row, category_ids));
      return { detail: await detailOf(trx, row), audit: await enqueueAudit(trx, changes) };
    });
    await sendAudit(outbox, audit);
    return detail;
  } catch (err) {
    if (violatedUniqueConstraint(err) === SKU_CONSTRAINT) {
      throw new HttpError(409, `a product with SKU ${patch.sku} already exists`);
    }
    throw err;
  }
}

/** Soft delete, recorded in the audit log; deleting an inactive product again changes nothing. */
export async function deactivateProduct(db: Kysely<Database>, outbox: Outbox, id: string, editor: Editor): Promise<void> {
  if (!isUuid(id)) throw productNotFound();
  const audit = await db.transaction().execute(async (trx) => {
    const row = await products.lockById(trx, id);
    if (!row) throw productNotFound();
    if (!row.is_active) return [];
    await products.deactivate(trx, id);
    return enqueueAudit(trx, [productAudit.deleted(editor, id)]);
  });
  await sendAudit(outbox, audit);
}

async function categoryIdsOf(db: Db, productId: string): Promise<string[]> {
  return ((await categories.ofProducts(db, [productId])).get(productId) ?? []).map((c) => c.id);
}

/**
 * Products by id for other services (carts, orders), in the order asked, inactive ones included.
 * They need names, prices, stock and the shop, not categories: a path every cart read takes.
 */
export async function productsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<BatchProduct[]> {
  const rows = await products.findByIds(db, ids);
  const vendors = await vendorRefsOf(
    db,
    rows.map((r) => r.vendor_id),
  );
  const byId = new Map(
    rows.map((row) => {
      const { categories: _, ...product } = productRowToProduct(row, [], vendorOf(row, vendors));
      return [row.id, { ...product, unavailable_reason: unavailableReason(row, product.vendor) }];
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Why a suspended shop's product cannot be bought: one wording for the cart and the reservation. */
export const heldBySuspension = (shop: string | null): string => `its seller${shop ? `, ${shop},` : ''} is not selling at the moment`;

/** Why a shopper cannot buy it, in their words. */
export function unavailableReason(row: ProductRow, vendor: VendorRef | null): string | null {
  if (row.is_active) return null;
  if (row.held_by_suspension) return heldBySuspension(vendor?.name ?? null);
  return 'it is no longer sold';
}
