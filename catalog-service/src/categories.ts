import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { ValidationError } from '@dm/common/errors';
import type { Database } from './db.js';
import { isUuid } from './ids.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How a product names its categories. */
export interface CategoryRef {
  id: string;
  name: string;
  slug: string;
}

export interface Category extends CategoryRef {
  parent_id: string | null;
  sort_order: number;
  /** active products filed directly under this category */
  product_count: number;
}

export const categories = Object.freeze({
  /** Every category with its count of active products, in one grouped query. */
  listWithCounts(db: Db): Promise<Category[]> {
    return db
      .selectFrom('categories as c')
      .leftJoin('product_categories as pc', 'pc.category_id', 'c.id')
      .leftJoin('products as p', (join) => join.onRef('p.id', '=', 'pc.product_id').on('p.is_active', '=', true))
      .select(['c.id', 'c.name', 'c.slug', 'c.parent_id', 'c.sort_order'])
      .select((eb) => eb.fn.count<number>('p.id').as('product_count'))
      .groupBy('c.id')
      .orderBy('c.sort_order')
      .orderBy('c.name')
      .orderBy('c.id')
      .execute();
  },

  /** The categories of each given product, fetched for a whole page at once. */
  async ofProducts(db: Db, productIds: readonly string[]): Promise<Map<string, CategoryRef[]>> {
    const byProduct = new Map<string, CategoryRef[]>();
    if (productIds.length === 0) return byProduct;
    const rows = await db
      .selectFrom('product_categories as pc')
      .innerJoin('categories as c', 'c.id', 'pc.category_id')
      .select(['pc.product_id', 'c.id', 'c.name', 'c.slug'])
      .where('pc.product_id', 'in', productIds)
      .orderBy('c.sort_order')
      .orderBy('c.name')
      .execute();
    for (const { product_id, ...category } of rows) {
      const list = byProduct.get(product_id);
      if (list) list.push(category);
      else byProduct.set(product_id, [category]);
    }
    return byProduct;
  },

  /** Throws a 422 on field `category_ids` naming the first id that is not a category. */
  async assertExist(db: Db, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await db.selectFrom('categories').select('id').where('id', 'in', ids).execute();
    const known = new Set(found.map((r) => r.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new ValidationError([{ field: 'category_ids', message: `no such category: ${missing.join(', ')}` }]);
    }
  },

  async replaceOfProduct(db: Db, productId: string, categoryIds: readonly string[]): Promise<void> {
    await db.deleteFrom('product_categories').where('product_id', '=', productId).execute();
    if (categoryIds.length === 0) return;
    await db
      .insertInto('product_categories')
      .values(categoryIds.map((category_id) => ({ product_id: productId, category_id })))
      .execute();
  },
});

/**
 * A condition on `products.id`: filed under the category `ref` (an id or a slug) or any category
 * below it. The subquery is uncorrelated, so PostgreSQL walks the tree once per query, not once per
 * product; `union` (not `union all`) stops on a cycle in parent_id.
 */
export function inCategoryTree(ref: string): RawBuilder<SqlBool> {
  const root = isUuid(ref) ? sql`id = ${ref}::uuid` : sql`slug = ${ref.toLowerCase()}`;
  return sql<SqlBool>`products.id in (
    with recursive tree(id) as (
      select id from categories where ${root}
      union
      select c.id from categories c join tree on c.parent_id = tree.id
    )
    select pc.product_id from product_categories pc join tree on tree.id = pc.category_id
  )`;
}
