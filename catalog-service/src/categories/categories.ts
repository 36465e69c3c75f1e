import { HttpError, ValidationError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { isForeignKeyViolation, isUniqueViolation } from '@dm/common/pg-errors';
import type { Category, CategoryDetail, CategoryRef, CreateCategoryInput, UpdateCategoryInput } from '@dm/contracts/catalog';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db.js';
import { firstFreeSlug, slugify } from '../products/slug.js';

type Db = Kysely<Database> | Transaction<Database>;

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

// ---- the tree: admin changes and the category page ----

const categoryNotFound = () => new HttpError(404, 'category not found');
const slugTaken = (slug: string) => new HttpError(409, `the slug "${slug}" is taken by another category`);

// Tree changes take turns: two moves checked for cycles at once could together still make one.
async function lockTree(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('catalog:category-tree'))`.execute(trx);
}

function findByIdOrSlug(db: Db, idOrSlug: string) {
  const query = db.selectFrom('categories').select(['id', 'name', 'slug', 'parent_id', 'sort_order']);
  return (isUuid(idOrSlug) ? query.where('id', '=', idOrSlug) : query.where('slug', '=', idOrSlug.toLowerCase())).executeTakeFirst();
}

async function assertParentExists(db: Db, parentId: string): Promise<void> {
  const found = await db.selectFrom('categories').select('id').where('id', '=', parentId).executeTakeFirst();
  if (!found) throw new ValidationError([{ field: 'parent_id', message: `no such category: ${parentId}` }]);
}

/** True when `ancestorId` is `categoryId` or any category above it. */
async function isSelfOrAncestor(db: Db, ancestorId: string, categoryId: string): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from categories where id = ${categoryId}
      union
      select c.id, c.parent_id from categories c join up on c.id = up.parent_id
    )
    select 1 as found from up where id = ${ancestorId} limit 1`.execute(db);
  return rows.length > 0;
}

async function slugIsFree(db: Db, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('categories').select('id').where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) === undefined;
}

async function freeSlugFor(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db
    .selectFrom('categories')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return firstFreeSlug(
    base,
    taken.map((r) => r.slug),
  );
}

/**
 * Active products under a category and under each of its children, each product counted once:
 * the category's count and its children's in one pass over their products.
 */
async function subtreeCounts(db: Db, categoryId: string, childIds: readonly string[]): Promise<Map<string, number>> {
  // The tree first (categories are few), then the products with the category ids as constants: a
  // recursive CTE joined straight to 100,000 products misleads the planner's estimates.
  const { rows: below } = await sql<{ branch: string; id: string }>`
    with recursive tree(branch, id) as (
      select id, id from categories where parent_id = ${categoryId}
      union
      select tree.branch, c.id from categories c join tree on c.parent_id = tree.id
    )
    select branch, id from tree`.execute(db);
  // Each category of the subtree, with the child it lies under (none for the category itself).
  const branchOf = [{ id: categoryId, branch: null as string | null }, ...below];
  const { rows } = await sql<{ branch: string | null; whole: boolean; product_count: number }>`
    select m.branch, grouping(m.branch) = 1 as whole, count(distinct pc.product_id)::int as product_count
    from product_categories pc
    join unnest(${sql.val(branchOf.map((b) => b.id))}::uuid[], ${sql.val(branchOf.map((b) => b.branch))}::uuid[]) as m(id, branch)
      on m.id = pc.category_id
    join products p on p.id = pc.product_id and p.is_active
    where pc.category_id = any(${sql.val(branchOf.map((b) => b.id))}::uuid[])
    group by grouping sets ((m.branch), ())`.execute(db);
  const counts = new Map<string, number>([categoryId, ...childIds].map((id) => [id, 0]));
  for (const { branch, whole, product_count } of rows) {
    // The grouping set () is the whole subtree; a null branch is just the category's own products.
    if (whole) counts.set(categoryId, product_count);
    else if (branch !== null) counts.set(branch, product_count);
  }
  return counts;
}

/**
 * A category by id or slug, with its breadcrumbs and children. Here `product_count` counts the
 * active products of the category and of every category below it: what its page lists.
 */
export async function getCategory(db: Db, idOrSlug: string): Promise<CategoryDetail> {
  const row = await findByIdOrSlug(db, idOrSlug);
  if (!row) throw categoryNotFound();
  const { rows: breadcrumbs } = await sql<CategoryRef & { depth: number }>`
    with recursive up(id, name, slug, parent_id, depth) as (
      select id, name, slug, parent_id, 1 from categories where id = ${row.parent_id}
      union all
      select c.id, c.name, c.slug, c.parent_id, up.depth + 1 from categories c join up on c.id = up.parent_id
      where up.depth < 100
    )
    select id, name, slug, depth from up order by depth desc`.execute(db);
  const children = await db
    .selectFrom('categories')
    .select(['id', 'name', 'slug', 'sort_order'])
    .where('parent_id', '=', row.id)
    .orderBy('sort_order')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const counts = await subtreeCounts(
    db,
    row.id,
    children.map((c) => c.id),
  );
  return {
    ...row,
    product_count: counts.get(row.id) ?? 0,
    breadcrumbs: breadcrumbs.map(({ id, name, slug }) => ({ id, name, slug })),
    children: children.map((c) => ({ ...c, product_count: counts.get(c.id) ?? 0 })),
  };
}

/** A new category; without a slug it takes one made from its name, and without a sort order it goes last. */
export async function createCategory(db: Kysely<Database>, input: z.output<typeof CreateCategoryInput>): Promise<CategoryDetail> {
  try {
    const id = await db.transaction().execute(async (trx) => {
      await lockTree(trx);
      const parentId = input.parent_id ?? null;
      if (parentId) await assertParentExists(trx, parentId);
      if (input.slug !== undefined && !(await slugIsFree(trx, input.slug))) throw slugTaken(input.slug);
      let sortOrder = input.sort_order;
      if (sortOrder === undefined) {
        const last = await trx
          .selectFrom('categories')
          .select((eb) => eb.fn.max<number | null>('sort_order').as('sort_order'))
          .where('parent_id', parentId === null ? 'is' : '=', parentId)
          .executeTakeFirst();
        sortOrder = last?.sort_order == null ? 0 : last.sort_order + 1;
      }
      const row = await trx
        .insertInto('categories')
        .values({ name: input.name, slug: input.slug ?? (await freeSlugFor(trx, input.name)), parent_id: parentId, sort_order: sortOrder })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    return await getCategory(db, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(input.slug ?? slugify(input.name));
    throw err;
  }
}

/** Renames (the slug stays unless given), moves under another parent or to the top, reorders. */
export async function updateCategory(
  db: Kysely<Database>,
  id: string,
  patch: z.output<typeof UpdateCategoryInput>,
): Promise<CategoryDetail> {
  if (!isUuid(id)) throw categoryNotFound();
  try {
    await db.transaction().execute(async (trx) => {
      await lockTree(trx);
      const row = await trx.selectFrom('categories').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw categoryNotFound();
      if (patch.parent_id) {
        await assertParentExists(trx, patch.parent_id);
        if (await isSelfOrAncestor(trx, id, patch.parent_id)) {
          throw new ValidationError([
            { field: 'parent_id', message: 'a category cannot move under itself or one of its own subcategories' },
          ]);
        }
      }
      if (patch.slug !== undefined && !(await slugIsFree(trx, patch.slug, id))) throw slugTaken(patch.slug);
      await trx.updateTable('categories').set(patch).where('id', '=', id).execute();
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(patch.slug ?? '');
    throw err;
  }
  return getCategory(db, id);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Deletes a category that holds no products (active or not) and no subcategories. */
export async function deleteCategory(db: Kysely<Database>, id: string): Promise<void> {
  if (!isUuid(id)) throw categoryNotFound();
  try {
    await db.transaction().execute(async (trx) => {
      await lockTree(trx);
      const row = await trx.selectFrom('categories').select(['id', 'name']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw categoryNotFound();
      const { products, children } = await trx
        .selectNoFrom((eb) => [
          eb.selectFrom('product_categories').select(eb.fn.countAll<number>().as('n')).where('category_id', '=', id).as('products'),
          eb.selectFrom('categories').select(eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).as('children'),
        ])
        .executeTakeFirstOrThrow();
      const held = [
        ...(Number(products) > 0 ? [plural(Number(products), 'product', 'products')] : []),
        ...(Number(children) > 0 ? [plural(Number(children), 'subcategory', 'subcategories')] : []),
      ];
      if (held.length > 0) {
        throw new HttpError(409, `“${row.name}” still holds ${held.join(' and ')}: move them to another category first`, undefined, {
          products: Number(products),
          children: Number(children),
        });
      }
      await trx.deleteFrom('categories').where('id', '=', id).execute();
    });
  } catch (err) {
    // A product filed under it between the count and the delete: the foreign key refuses.
    if (isForeignKeyViolation(err)) throw new HttpError(409, 'the category still holds products or subcategories');
    throw err;
  }
}
