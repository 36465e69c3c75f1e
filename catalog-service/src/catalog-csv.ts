// The catalog as a CSV file: exported for editing in a spreadsheet, imported back to create or
// update products by SKU. The rules for a file and a row are pure functions; the database work
// is at the end.

import { HttpError } from '@dm/common/errors';
import { formatMoney } from '@dm/common/money';
import type { CsvError, ImportResult } from '@dm/contracts/catalog-admin';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type Kysely, sql, type Transaction } from 'kysely';
import { categories } from './categories.js';
import type { Database, NewProduct, ProductRow } from './db.js';
import { createProductInput } from './product-input.js';
import { firstFreeSlug, slugify } from './slug.js';
import { STOCK_REASONS, stockMovements } from './stock-movements.js';

export const CSV_COLUMNS = [
  'sku',
  'name',
  'description',
  'price',
  'stock',
  'is_active',
  'is_featured',
  'tags',
  'categories',
  'image_url',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly CsvColumn[] = ['sku', 'name', 'price', 'stock'];
/** Tags and category slugs share a cell, joined by this. */
export const LIST_SEPARATOR = '|';
export { MAX_CSV_BYTES } from '@dm/contracts/catalog-admin';
/** A file with thousands of bad rows names the first ones; the count in the message is still the whole. */
export const MAX_REPORTED_ERRORS = 200;

/** A row as the import understands it; `undefined` means the file says nothing about that field. */
export interface CsvProduct {
  sku: string;
  name: string;
  /** cents */
  price: number;
  stock: number;
  description?: string;
  is_active?: boolean;
  is_featured?: boolean;
  tags?: string[];
  /** category slugs */
  categories?: string[];
  image_url?: string | null;
}

export interface CsvRow {
  line: number;
  cells: Partial<Record<CsvColumn, string>>;
}

// ---- export ----

/** The header row and then one record per product, each ending in a newline. */
export function csvHeader(): string {
  return stringify([[...CSV_COLUMNS]]);
}

export function productsToCsv(rows: { product: ProductRow; categorySlugs: string[] }[]): string {
  return stringify(
    rows.map(({ product: p, categorySlugs }) => [
      p.sku,
      p.name,
      p.description,
      p.price,
      String(p.stock),
      String(p.is_active),
      String(p.is_featured),
      p.tags.join(LIST_SEPARATOR),
      categorySlugs.join(LIST_SEPARATOR),
      p.image_url ?? '',
    ]),
  );
}

// ---- reading a file ----

class CsvFileError extends Error {
  constructor(readonly errors: CsvError[]) {
    super(errors[0]?.message ?? 'bad CSV file');
  }
}

function headerErrors(header: string[]): CsvError[] {
  const errors: CsvError[] = [];
  const seen = new Set<string>();
  header.forEach((name) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push({ line: 1, field: name, message: `unknown column; the columns are ${CSV_COLUMNS.join(', ')}` });
    } else if (seen.has(name)) {
      errors.push({ line: 1, field: name, message: 'this column appears twice' });
    }
    seen.add(name);
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!seen.has(name)) errors.push({ line: 1, field: name, message: 'the header must name this column' });
  }
  return errors;
}

/**
 * Splits the text into the header's columns and the rows, each with the line it starts on. Line
 * endings may be \n, \r\n or \r; a byte-order mark is skipped; blank lines are ignored. Throws a
 * CsvFileError for a file that is not CSV (an unclosed quote) or whose header is wrong.
 */
export function readCsv(text: string): { columns: CsvColumn[]; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof records; // with `info: true` each record comes with where it was read
  } catch (err) {
    const e = err as { lines?: unknown; message?: unknown };
    const line = typeof e.lines === 'number' ? e.lines : 1;
    const message = typeof e.message === 'string' ? e.message.replace(/ at line \d+.*$/s, '') : 'not a CSV file';
    throw new CsvFileError([{ line, field: '', message: `not valid CSV: ${message}` }]);
  }
  const [head, ...body] = records;
  if (!head) throw new CsvFileError([{ line: 1, field: '', message: 'the file is empty: it needs a header row naming the columns' }]);
  const header = head.record.map((name) => name.trim().toLowerCase());
  const errors = headerErrors(header);
  if (errors.length > 0) throw new CsvFileError(errors);

  const rows: CsvRow[] = [];
  let previous = head.info;
  const width = header.length;
  for (const { record, info } of body) {
    // info.lines is the line a record ends on; it starts after the previous one and any blank lines.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    if (record.length !== width) {
      errors.push({ line, field: '', message: `has ${record.length} fields; the header has ${width}` });
      continue;
    }
    const cells: Partial<Record<CsvColumn, string>> = {};
    header.forEach((name, i) => {
      cells[name as CsvColumn] = record[i]!;
    });
    rows.push({ line, cells });
  }
  if (errors.length > 0) throw new CsvFileError(errors);
  return { columns: header as CsvColumn[], rows };
}

const BOOLEANS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

const splitList = (cell: string) =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');

// The API's own rules for a product's fields, so a file cannot hold what a form could not.
const rowSchema = createProductInput.omit({ category_ids: true });

/**
 * Checks one row by the same rules as the API's product form, and reads it into a CsvProduct. A
 * column the file lacks stays undefined (kept on update, the default on create), and so does an
 * empty is_active or is_featured cell.
 */
export function validateCsvRow(cells: Partial<Record<CsvColumn, string>>): { product: CsvProduct } | { errors: Omit<CsvError, 'line'>[] } {
  const errors: Omit<CsvError, 'line'>[] = [];

  const stockText = (cells.stock ?? '').trim();
  let stock: unknown = stockText;
  if (/^-?\d+$/.test(stockText)) stock = Number(stockText);
  else errors.push({ field: 'stock', message: stockText === '' ? 'is required' : 'must be a whole number' });

  const flag = (field: 'is_active' | 'is_featured'): boolean | undefined => {
    const text = (cells[field] ?? '').trim().toLowerCase();
    if (text === '') return undefined;
    const value = BOOLEANS[text];
    if (value === undefined) errors.push({ field, message: 'must be true or false' });
    return value;
  };
  const isActive = flag('is_active');
  const isFeatured = flag('is_featured');

  let categorySlugs: string[] | undefined;
  if (cells.categories !== undefined) {
    categorySlugs = [...new Set(splitList(cells.categories).map((s) => s.toLowerCase()))];
    if (categorySlugs.length > 20) errors.push({ field: 'categories', message: 'at most 20 categories' });
  }

  const imageUrl = cells.image_url?.trim();
  const parsed = rowSchema.safeParse({
    sku: cells.sku ?? '',
    name: cells.name ?? '',
    description: cells.description ?? '',
    price: cells.price ?? '',
    stock: typeof stock === 'number' ? stock : 0,
    is_active: isActive ?? true,
    is_featured: isFeatured ?? false,
    tags: cells.tags === undefined ? [] : splitList(cells.tags),
    image_url: imageUrl ? imageUrl : null,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (errors.some((e) => e.field === field)) continue; // one message a field is enough
      const message = field === 'price' && cells.price?.trim() === '' ? 'is required' : issue.message;
      errors.push({ field, message });
    }
  }
  if (errors.length > 0 || !parsed.success) return { errors };

  const value = parsed.data;
  return {
    product: {
      sku: value.sku,
      name: value.name,
      price: value.price,
      stock: value.stock,
      description: cells.description === undefined ? undefined : value.description,
      is_active: isActive,
      is_featured: isFeatured,
      tags: cells.tags === undefined ? undefined : value.tags,
      categories: categorySlugs,
      image_url: cells.image_url === undefined ? undefined : value.image_url,
    },
  };
}

/**
 * Every row of the file checked, plus the rules across rows (a SKU twice). Category slugs are
 * checked against the database later, by `importCatalogCsv`.
 */
export function validateCsv(rows: CsvRow[]): { products: { line: number; product: CsvProduct }[]; errors: CsvError[] } {
  const products: { line: number; product: CsvProduct }[] = [];
  const errors: CsvError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of rows) {
    const result = validateCsvRow(cells);
    if ('errors' in result) {
      errors.push(...result.errors.map((e) => ({ line, ...e })));
      continue;
    }
    const first = firstLineOf.get(result.product.sku);
    if (first !== undefined) {
      errors.push({ line, field: 'sku', message: `${result.product.sku} is already on line ${first}` });
      continue;
    }
    firstLineOf.set(result.product.sku, line);
    products.push({ line, product: result.product });
  }
  return { products, errors };
}

/** The 422 for a file with bad rows: nothing of it was imported. */
export function importRefusal(errors: CsvError[]): HttpError {
  const lines = new Set(errors.map((e) => e.line));
  const detail =
    lines.size === 1 && lines.has(1)
      ? 'the header row has errors; nothing was imported'
      : `${lines.size} ${lines.size === 1 ? 'row has' : 'rows have'} errors; nothing was imported`;
  return new HttpError(422, detail, errors.slice(0, MAX_REPORTED_ERRORS));
}

// ---- the database ----

type Trx = Transaction<Database>;

const EXPORT_BATCH = 1000;

/**
 * Writes the whole catalog, active or not, ordered by SKU, a batch at a time, from one snapshot
 * (a repeatable-read transaction) so a product edited meanwhile is never half old, half new.
 */
export async function exportCatalogCsv(db: Kysely<Database>, write: (chunk: string) => Promise<void>): Promise<void> {
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await write(csvHeader());
      let after: string | undefined;
      for (;;) {
        let query = trx.selectFrom('products').selectAll().orderBy('sku').limit(EXPORT_BATCH);
        if (after !== undefined) query = query.where('sku', '>', after);
        const batch = await query.execute();
        if (batch.length === 0) return;
        const refs = await categories.ofProducts(
          trx,
          batch.map((p) => p.id),
        );
        await write(productsToCsv(batch.map((product) => ({ product, categorySlugs: (refs.get(product.id) ?? []).map((c) => c.slug) }))));
        after = batch[batch.length - 1]!.sku;
      }
    });
}

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

async function applyImport(trx: Trx, rows: CsvProduct[], categoryIdOf: Map<string, string>, actor: string): Promise<ImportResult> {
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
    if (stateDiffers(current, state) || categoriesChange) toUpdate.push({ id: current.id, state });
    else unchanged++;
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
    const created = await trx.insertInto('products').values(batch).returning(['id', 'sku', 'stock']).execute();
    const rowOf = new Map(toCreate.slice(i * 1000, i * 1000 + batch.length).map((r) => [r.sku, r]));
    for (const p of created) {
      const slugs = rowOf.get(p.sku)?.categories ?? [];
      if (slugs.length > 0)
        newLinks.set(
          p.id,
          slugs.map((slug) => categoryIdOf.get(slug)!),
        );
      movements.push({ product_id: p.id, delta: p.stock, stock_after: p.stock });
    }
  }

  const relinked = [...newLinks.keys()];
  for (const batch of chunks(relinked, 1000)) {
    await trx.deleteFrom('product_categories').where('product_id', 'in', batch).execute();
  }
  const links = [...newLinks].flatMap(([product_id, ids]) => ids.map((category_id) => ({ product_id, category_id })));
  for (const batch of chunks(links, 2000)) await trx.insertInto('product_categories').values(batch).execute();

  const moved = movements.map((m) => ({ ...m, reason: STOCK_REASONS.csvImport, actor }));
  for (const batch of chunks(moved, 2000)) await stockMovements.insertMany(trx, batch);

  return { created: inserts.length, updated: toUpdate.length, unchanged };
}

/**
 * Imports a catalog CSV: every row is checked first, and a file with any bad row imports nothing
 * (a 422 naming each bad line and field). Otherwise products are created or updated by SKU in one
 * transaction, and each change of stock is recorded as a movement by `actor`.
 */
export async function importCatalogCsv(db: Kysely<Database>, text: string, actor: string): Promise<ImportResult> {
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
      return await db.transaction().execute((trx) =>
        applyImport(
          trx,
          products.map((p) => p.product),
          categoryIdOf,
          actor,
        ),
      );
    } catch (err) {
      if ((err as { code?: unknown }).code === '23505' && attempt < 3) continue;
      // A category deleted between the check and the import.
      if ((err as { code?: unknown }).code === '23503')
        throw new HttpError(409, 'a category named in the file was deleted meanwhile; try again');
      throw err;
    }
  }
}
