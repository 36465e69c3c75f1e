// Importing a catalog CSV: products created or updated by SKU, all or nothing, each change of
// stock recorded as a movement and each product created or changed in the audit log.

import { type AuditDraft, enqueueAudit } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import { formatMoney } from '@dm/common/money';
import type { Outbox, OutboxMessage } from '@dm/common/outbox';
import { isForeignKeyViolation, isUniqueViolation } from '@dm/common/pg-errors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, NewProduct, ProductRow } from '../db.js';
import { auditedState, type Editor, productAudit, sendAudit } from '../products/audit-events.js';
import { firstFreeSlug, slugify } from '../products/slug.js';
import { STOCK_REASONS, stockMovements } from '../stock/stock-movements.js';
import type { CsvProduct } from './columns.js';
import { CsvFileError, readCsv } from './read.js';
import { importRefusal, validateCsv } from './validate.js';

type Trx = Transaction<Database>;

import type { ImportResult } from '@dm/contracts/catalog-admin';

export type { ImportResult };

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

type ProductState = Pick<ProductRow, 'name' | 'description' | 'price' | 'stock' | 'is_active' | 'is_featured' | 'tags' | 'image_url'>;

/** What an existing product becomes: the file's fields, and its own for what the file leaves out. */
function mergedState(current: ProductRow, row: CsvProduct): ProductState {
  return {
    name: row.name,
    description: row.description ?? current.description,
    price: formatMoney(row.price),
    stock: row.stock,
    is_active: row.is_active ?? current.is_active,
    is_featured: row.is_featured ?? current.is_featured,
    tags: row.tags ?? current.tags,
    image_url: row.image_url === undefined ? current.image_url : row.image_url,
  };
}

function stateDiffers(current: ProductRow, next: ProductState): boolean {
  return (
    current.name !== next.name ||
    current.description !== next.description ||
    current.price !== next.price ||
    current.stock !== next.stock ||
    current.is_active !== next.is_active ||
    current.is_featured !== next.is_featured ||
    !sameList(current.tags, next.tags) ||
    current.image_url !== next.image_url
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Slugs in use that a new product named with one of `bases` could collide with. */
async function takenSlugs(trx: Trx, bases: string[]): Promise<Map<string, Set<string>>> {
  const byBase = new Map(bases.map((b) => [b, new Set<string>()]));
  if (bases.length === 0) return byBase;
  // "mug", "mug-2", "mug-3": a slug is taken for base b when it is b or b followed by "-<number>".
  const { rows } = await sql<{ slug: string; base: string }>`
    select slug, regexp_replace(slug, '-[0-9]+$', '') as base from products
    where slug = any(${bases}::text[]) or regexp_replace(slug, '-[0-9]+$', '') = any(${bases}::text[])`.execute(trx);
  for (const { slug, base } of rows) {
    byBase.get(slug)?.add(slug);
    byBase.get(base)?.add(slug);
  }
  return byBase;
}

async function applyImport(
  trx: Trx,
  rows: CsvProduct[],
  categoryIdOf: Map<string, string>,
  editor: Editor,
): Promise<{ result: ImportResult; audit: OutboxMessage[] }> {
  // One import at a time; rows locked in id order, the order reservations lock in.
  await sql`select pg_advisory_xact_lock(hashtext('catalog:csv-import'))`.execute(trx);
  const existing = await trx
    .selectFrom('products')
    .selectAll()
    .where(sql<boolean>`sku = any(${rows.map((r) => r.sku)}::text[])`)
    .orderBy('id')
    .forUpdate()
    .execute();
  const bySku = new Map(existing.map((p) => [p.sku, p]));
  const currentCategories = await trx
    .selectFrom('product_categories')
    .select(['product_id', 'category_id'])
    .where(sql<boolean>`product_id = any(${existing.map((p) => p.id)}::uuid[])`)
    .execute();
  const categoryIdsOf = new Map<string, string[]>();
  for (const { product_id, category_id } of currentCategories) {
    categoryIdsOf.set(product_id, [...(categoryIdsOf.get(product_id) ?? []), category_id]);
  }

  const toUpdate: { id: string; state: ProductState }[] = [];
  const toCreate: CsvProduct[] = [];
  const newLinks = new Map<string, string[]>(); // product id → category ids, for products whose categories change
  const movements: { product_id: string; delta: number; stock_after: number }[] = [];
  const events: AuditDraft[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const current = bySku.get(row.sku);
    if (!current) {
      toCreate.push(row);
      continue;
    }
    const state = mergedState(current, row);
    const wantedCategories = row.categories?.map((slug) => categoryIdOf.get(slug)!);
    const categoriesChange = wantedCategories !== undefined && !sameSet(wantedCategories, categoryIdsOf.get(current.id) ?? []);
    if (categoriesChange) newLinks.set(current.id, wantedCategories);
    if (stateDiffers(current, state) || categoriesChange) {
      toUpdate.push({ id: current.id, state });
      const categoriesBefore = categoriesChange ? (categoryIdsOf.get(current.id) ?? []) : undefined;
      events.push(
        ...productAudit.updated(
          editor,
          current.id,
          auditedState(current, categoriesBefore),
          auditedState({ ...current, ...state }, categoriesChange ? wantedCategories : undefined),
        ),
      );
    } else unchanged++;
    movements.push({ product_id: current.id, delta: state.stock - current.stock, stock_after: state.stock });
  }

  for (const batch of chunks(toUpdate, 500)) {
    const values = batch.map(
      ({ id, state: s }) =>
        sql`(${id}::uuid, ${s.name}::text, ${s.description}::text, ${s.price}::numeric, ${s.stock}::int, ${s.is_active}::boolean, ${s.is_featured}::boolean, ${s.tags}::text[], ${s.image_url}::text)`,
    );
    await sql`
      update products p set name = v.name, description = v.description, price = v.price, stock = v.stock,
        is_active = v.is_active, is_featured = v.is_featured, tags = v.tags, image_url = v.image_url, updated_at = now()
      from (values ${sql.join(values)}) as v(id, name, description, price, stock, is_active, is_featured, tags, image_url)
      where p.id = v.id`.execute(trx);
  }

  const taken = await takenSlugs(trx, [...new Set(toCreate.map((r) => slugify(r.name)))]);
  const inserts: NewProduct[] = toCreate.map((row) => {
    const base = slugify(row.name);
    const used = taken.get(base)!;
    const slug = firstFreeSlug(base, used);
    used.add(slug);
    return {
      sku: row.sku,
      slug,
      name: row.name,
      description: row.description ?? '',
      price: formatMoney(row.price),
      stock: row.stock,
      is_active: row.is_active ?? true,
      is_featured: row.is_featured ?? false,
      tags: row.tags ?? [],
      image_url: row.image_url ?? null,
    };
  });
  for (const [i, batch] of chunks(inserts, 1000).entries()) {
    const created = await trx
      .insertInto('products')
      .values(batch)
      .returning(['id', 'sku', 'name', 'price', 'stock', 'is_active', 'is_featured'])
      .execute();
    const rowOf = new Map(toCreate.slice(i * 1000, i * 1000 + batch.length).map((r) => [r.sku, r]));
    for (const p of created) {
      const slugs = rowOf.get(p.sku)?.categories ?? [];
      if (slugs.length > 0)
        newLinks.set(
          p.id,
          slugs.map((slug) => categoryIdOf.get(slug)!),
        );
      movements.push({ product_id: p.id, delta: p.stock, stock_after: p.stock });
      events.push(productAudit.created(editor, p, newLinks.get(p.id) ?? []));
    }
  }

  const relinked = [...newLinks.keys()];
  for (const batch of chunks(relinked, 1000)) {
    await trx.deleteFrom('product_categories').where('product_id', 'in', batch).execute();
  }
  const links = [...newLinks].flatMap(([product_id, ids]) => ids.map((category_id) => ({ product_id, category_id })));
  for (const batch of chunks(links, 2000)) await trx.insertInto('product_categories').values(batch).execute();

  const moved = movements.map((m) => ({ ...m, reason: STOCK_REASONS.csvImport, actor: editor.actor }));
  for (const batch of chunks(moved, 2000)) await stockMovements.insertMany(trx, batch);

  return { result: { created: inserts.length, updated: toUpdate.length, unchanged }, audit: await enqueueAudit(trx, events) };
}

/**
 * Imports a catalog CSV: every row is checked first, and a file with any bad row imports nothing
 * (a 422 naming each bad line and field). Otherwise products are created or updated by SKU in one
 * transaction, each change of stock is recorded as a movement by `editor`, and each product
 * created or changed in the audit log.
 */
export async function importCatalogCsv(db: Kysely<Database>, outbox: Outbox, text: string, editor: Editor): Promise<ImportResult> {
  let file: ReturnType<typeof readCsv>;
  try {
    file = readCsv(text);
  } catch (err) {
    if (err instanceof CsvFileError) throw importRefusal(err.errors);
    throw err;
  }
  const { products, errors } = validateCsv(file.rows);

  const slugs = [...new Set(products.flatMap(({ product }) => product.categories ?? []))];
  const found = slugs.length === 0 ? [] : await db.selectFrom('categories').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  const categoryIdOf = new Map(found.map((c) => [c.slug, c.id]));
  for (const { line, product } of products) {
    const unknown = (product.categories ?? []).filter((slug) => !categoryIdOf.has(slug));
    if (unknown.length > 0) errors.push({ line, field: 'categories', message: `no such category: ${unknown.join(', ')}` });
  }
  if (errors.length > 0) throw importRefusal(errors.sort((a, b) => a.line - b.line));

  // A product or a slug made by someone else meanwhile collides on a unique key: run again, and it is found.
  for (let attempt = 1; ; attempt++) {
    try {
      const { result, audit } = await db.transaction().execute((trx) =>
        applyImport(
          trx,
          products.map((p) => p.product),
          categoryIdOf,
          editor,
        ),
      );
      await sendAudit(outbox, audit);
      return result;
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 3) continue;
      // A category deleted between the check and the import.
      if (isForeignKeyViolation(err)) throw new HttpError(409, 'a category named in the file was deleted meanwhile; try again');
      throw err;
    }
  }
}
