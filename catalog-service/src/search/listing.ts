// A listing query made ready for SQL: its category resolved to ids, its text to search terms, and
// its filters as one condition on `products`, shared by the page, the count and the facets.

import { isUuid } from '@dm/common/ids';
import { formatMoney } from '@dm/common/money';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db.js';
import type { ProductListQuery } from '../products/product-input.js';
import { correct } from './lexicon.js';
import { exactMatch, type SearchTerms, searchTerms, withCorrection, withUnits } from './search.js';

export interface Listing {
  query: ProductListQuery;
  /** the category asked for and every category below it (none: no such category); null: no category filter */
  categoryIds: string[] | null;
  terms: SearchTerms | null;
}

/** The category `ref` (an id or a slug) and every category below it; `union` stops on a cycle. */
export async function categorySubtree(db: Kysely<Database>, ref: string): Promise<string[]> {
  const root = isUuid(ref) ? sql`id = ${ref}::uuid` : sql`slug = ${ref.toLowerCase()}`;
  const { rows } = await sql<{ id: string }>`
    with recursive tree(id) as (
      select id from categories where ${root}
      union
      select c.id from categories c join tree on c.parent_id = tree.id
    )
    select id from tree`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Resolving the category first (a few rows) hands the planner a list of ids it can estimate from
 * the statistics; a recursive subquery inside the listing looks to it like "most products" and
 * turns a category page into a scan of the whole table. The words typed are corrected against the
 * catalog's words (lexicon.ts) in the same breath.
 */
export async function resolveListing(db: Kysely<Database>, query: ProductListQuery): Promise<Listing> {
  const terms = query.q ? searchTerms(query.q) : null;
  const [categoryIds, correction] = await Promise.all([
    query.category ? categorySubtree(db, query.category) : null,
    terms && terms.typed.length > 0 ? correct(db, terms.typed) : null,
  ]);
  return { query, categoryIds, terms: terms && correction ? withCorrection(terms, correction) : terms };
}

/**
 * Which of the search's units (words, with their corrections) find anything on their own, with the
 * listing's filters: for a search whose words find nothing together. Each set is materialized, so
 * no LIMIT tempts the planner into reading the table "until one turns up", which for a word that
 * finds nothing is every row.
 */
export function unitsFoundQuery(l: Listing): RawBuilder<{ i: number }> {
  const t = l.terms!;
  const indexes = (t.units ?? []).map((_, i) => i);
  const name = (i: number) => sql.raw(`unit${i}`);
  const sets = indexes.map((i) => {
    const alone: Listing = { ...l, terms: withUnits(t, [i]) };
    return sql`${name(i)} as materialized (select products.id from products where ${listingWhere(alone)})`;
  });
  const found = indexes.map((i) => sql`select ${sql.lit(i)}::int as i where exists (select 1 from ${name(i)})`);
  return sql<{ i: number }>`with ${sql.join(sets)} ${sql.join(found, sql` union all `)}`;
}

/** The listing's conditions on `products`; `category: false` leaves out the category (for its facet). */
export function listingWhere(l: Listing, options: { category?: boolean } = {}): RawBuilder<SqlBool> {
  const f = l.query;
  const all: RawBuilder<unknown>[] = [];
  if (f.status !== 'all') all.push(f.status === 'active' ? sql`products.is_active` : sql`not products.is_active`);
  if (f.vendor !== undefined) all.push(sql`products.vendor_id = ${f.vendor}::uuid`);
  if (l.terms) all.push(exactMatch(l.terms));
  if (l.categoryIds && options.category !== false) {
    all.push(sql`products.id in (select pc.product_id from product_categories pc where pc.category_id = any(${l.categoryIds}::uuid[]))`);
  }
  if (f.min_price !== undefined) all.push(sql`products.price >= ${formatMoney(f.min_price)}::numeric`);
  if (f.max_price !== undefined) all.push(sql`products.price <= ${formatMoney(f.max_price)}::numeric`);
  if (f.in_stock !== undefined) all.push(f.in_stock ? sql`products.stock > 0` : sql`products.stock = 0`);
  if (f.featured !== undefined) all.push(f.featured ? sql`products.is_featured` : sql`not products.is_featured`);
  if (f.tags && f.tags.length > 0) all.push(sql`products.tags @> ${f.tags}::text[]`);
  return all.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`${sql.join(all, sql` and `)}`;
}
