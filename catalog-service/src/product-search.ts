import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { formatMoney } from '@dm/common/money';
import { pageOf, type Page } from '@dm/common/pagination';
import { inCategoryTree } from './categories.js';
import type { Database, ProductRow } from './db.js';
import type { ProductListQuery, ProductSort } from './product-input.js';
import { withCategories, type Product } from './products.js';

type ProductsQuery<O> = SelectQueryBuilder<Database, 'products', O>;

/** `%`, `_` and `\` match literally in the search text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function matches(eb: ExpressionBuilder<Database, 'products'>, f: ProductListQuery): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (f.status !== 'all') conditions.push(eb('is_active', '=', f.status === 'active'));
  if (f.q) {
    // ILIKE '%…%' is what the trigram indexes on name and sku serve.
    const pattern = `%${escapeLike(f.q)}%`;
    conditions.push(eb.or([eb('name', 'ilike', pattern), eb('sku', 'ilike', pattern)]));
  }
  if (f.category) conditions.push(inCategoryTree(f.category));
  if (f.min_price !== undefined) conditions.push(eb('price', '>=', formatMoney(f.min_price)));
  if (f.max_price !== undefined) conditions.push(eb('price', '<=', formatMoney(f.max_price)));
  if (f.in_stock !== undefined) conditions.push(eb('stock', f.in_stock ? '>' : '=', 0));
  if (f.featured !== undefined) conditions.push(eb('is_featured', '=', f.featured));
  return eb.and(conditions);
}

// Each order ends on id, so rows that tie keep one order and pages never repeat or skip one.
function sorted<O>(query: ProductsQuery<O>, sort: ProductSort): ProductsQuery<O> {
  switch (sort) {
    case 'newest':
      return query.orderBy('created_at', 'desc').orderBy('id', 'desc');
    case 'price_asc':
      return query.orderBy('price', 'asc').orderBy('id', 'asc');
    case 'price_desc':
      return query.orderBy('price', 'desc').orderBy('id', 'desc');
    case 'name':
      return query.orderBy('name', 'asc').orderBy('id', 'asc');
  }
}

/** One page of the listing, the total over every page, and the categories of the page's products. */
export async function searchProducts(db: Kysely<Database>, f: ProductListQuery): Promise<Page<Product>> {
  const rows = await sorted(
    db
      .selectFrom('products')
      .selectAll()
      .select(sql<number>`count(*) over ()`.as('full_count'))
      .where((eb) => matches(eb, f)),
    f.sort,
  )
    .limit(f.page_size)
    .offset((f.page - 1) * f.page_size)
    .execute();

  let total = rows[0]?.full_count ?? 0;
  if (rows.length === 0 && f.page > 1) {
    // Past the last page the window count has no row to ride on: count apart.
    const counted = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => matches(eb, f))
      .executeTakeFirstOrThrow();
    total = counted.n;
  }
  const items = await withCategories(
    db,
    rows.map(({ full_count: _, ...row }): ProductRow => row),
  );
  return pageOf(items, total, f.page, f.page_size);
}
