// The product listing: search, filters that compose, a stable order, and a count that stays cheap
// at 100,000 products. Each query is built by an exported function, so the query-plan tests at scale
// (scale/plans.scale.ts) read the very SQL the routes run.

import type { CategoryRef, ProductPage } from '@dm/contracts/catalog';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, ProductRow } from '../db.js';
import type { ProductListQuery, ProductSort } from '../products/product-input.js';
import { productRowToProduct, type ShopColumns, shopOf, withCategories } from '../products/products.js';
import { categoryFacets } from './facets.js';
import { type Listing, listingWhere, resolveListing, unitsFoundQuery } from './listing.js';
import { relevance, withUnits } from './search.js';

/**
 * Counting stops here: past it the total is a lower bound ("1,000+"), and has_next still comes
 * exact from fetching one row more than the page. Measured at 100,000 products (npm run
 * test:scale): an exact count(*) costs 11-15 ms for the whole listing and 20-35 ms for a top-level
 * category (several times the page itself), counting to 10,000 still 20-30 ms in the category,
 * counting to 1,000 under 2 ms in both. 1,000 is 40 pages of 24, more than anyone pages through.
 */
export const COUNT_CAP = 1_000;

// Every column of ProductRow, named: `select *` would also fetch the search vector.
const PRODUCT_COLUMNS = [
  'id',
  'sku',
  'slug',
  'name',
  'description',
  'price',
  'stock',
  'is_active',
  'is_featured',
  'tags',
  'image_url',
  'rating_count',
  'rating_average',
  'rating_version',
  'vendor_id',
  'held_by_suspension',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ProductRow)[];
// A column added to the table but not named above fails to compile here.
const everyColumnNamed: Exclude<keyof ProductRow, (typeof PRODUCT_COLUMNS)[number]> extends never ? true : never = true;
void everyColumnNamed;

interface SortKey {
  expr: RawBuilder<unknown>;
  desc: boolean;
  /** products without a value (no rating yet) come last, as the index orders them */
  nullsLast?: boolean;
}

/** Without a search, relevance means newest. */
function effectiveSort(l: Listing): ProductSort {
  return l.query.sort === 'relevance' && !l.terms ? 'newest' : l.query.sort;
}

// Each order ends on id, so rows that tie keep one order and pages never repeat or skip one. Equally
// relevant products come newest first.
function sortKeys(l: Listing): SortKey[] {
  const by = (column: string, desc: boolean): SortKey => ({ expr: sql.ref(`products.${column}`), desc });
  switch (effectiveSort(l)) {
    case 'relevance':
      return [{ expr: relevance(l.terms!), desc: true }, by('created_at', true), by('id', true)];
    case 'newest':
      return [by('created_at', true), by('id', true)];
    case 'price_asc':
      return [by('price', false), by('id', false)];
    case 'price_desc':
      return [by('price', true), by('id', true)];
    case 'name':
      return [by('name', false), by('id', false)];
    case 'rating':
      return [{ ...by('rating_average', true), nullsLast: true }, by('rating_count', true), by('id', true)];
  }
}

const direction = (k: SortKey) => sql.raw(`${k.desc ? 'desc' : 'asc'}${k.nullsLast ? ' nulls last' : ''}`);

/** A row of a listing page: the product, its shop and its categories, and (see pageQuery) the count. */
export type PageRow = ProductRow & ShopColumns & { category_refs: CategoryRef[]; matched: number | null };

/**
 * One page, plus one row to tell whether another page follows, in one statement: a round trip
 * (compiling, sending, parsing) cost about as much of the listing as its SQL, so each row also
 * carries its shop and its categories, and `matched` (the count, capped; see countQuery) is there
 * when another page follows and so the page cannot tell the total itself. The page's ids are picked
 * first from the sort keys alone (an index-only scan where an index holds them, and a narrow sort
 * otherwise), then only those rows are read whole.
 */
export function pageQuery(l: Listing, cap = COUNT_CAP): RawBuilder<PageRow> {
  const keys = sortKeys(l);
  const { page, page_size } = l.query;
  const picked = keys.map((k, i) => sql`${k.expr} as ${sql.ref(`k${i}`)}`);
  const innerOrder = keys.map((k) => sql`${k.expr} ${direction(k)}`);
  const outerOrder = keys.map((k, i) => sql`${sql.ref(`page.k${i}`)} ${direction(k)}`);
  const columns = PRODUCT_COLUMNS.map((c) => sql.ref(`products.${c}`));
  // The count's subquery runs only when the CASE reaches it (PostgreSQL evaluates an InitPlan on
  // first use), so a last page never pays for it.
  return sql<PageRow>`
    with page as (
      select products.id, ${sql.join(picked)}
      from products
      where ${listingWhere(l)}
      order by ${sql.join(innerOrder)}
      limit ${page_size + 1} offset ${(page - 1) * page_size}
    )
    select ${sql.join(columns)}, vendors.slug as vendor_slug, vendors.name as vendor_name,
      coalesce(refs.category_refs, '[]') as category_refs,
      case when (select count(*) from page) > ${page_size} then (${countQuery(l, cap)}) end as matched
    from page
    join products on products.id = page.id
    left join vendors on vendors.id = products.vendor_id
    left join (
      select pc.product_id,
        json_agg(json_build_object('id', c.id, 'name', c.name, 'slug', c.slug) order by c.sort_order, c.name) as category_refs
      from page join product_categories pc on pc.product_id = page.id join categories c on c.id = pc.category_id
      group by pc.product_id
    ) refs on refs.product_id = products.id
    order by ${sql.join(outerOrder)}`;
}

/** How many products match, counting no further than `cap` + 1. */
export function countQuery(l: Listing, cap = COUNT_CAP): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`
    select count(*)::int as n from (select 1 from products where ${listingWhere(l)} limit ${cap + 1}) matched`;
}

const emptyPage = (l: Listing): ProductPage => ({
  items: [],
  total: 0,
  page: l.query.page,
  page_size: l.query.page_size,
  has_next: false,
  total_is_lower_bound: false,
});

/** How many popular products a search that finds nothing shows instead. */
export const POPULAR_LIMIT = 8;

/** The best-rated products on sale, the most reviewed first among equals: for a search that found nothing. */
export function popularQuery(): RawBuilder<ProductRow & ShopColumns> {
  const columns = PRODUCT_COLUMNS.map((c) => sql.ref(`products.${c}`));
  return sql<ProductRow & ShopColumns>`
    select ${sql.join(columns)}, vendors.slug as vendor_slug, vendors.name as vendor_name
    from products
    left join vendors on vendors.id = products.vendor_id
    where products.is_active and products.stock > 0
    order by products.rating_average desc nulls last, products.rating_count desc, products.id desc
    limit ${POPULAR_LIMIT}`;
}

/**
 * One page of the listing, its total (exact up to COUNT_CAP), and the facets asked for. A search
 * whose words find nothing together is run again without the words that find nothing on their own,
 * then (as search engines do) without its last words one by one; one that still finds nothing
 * brings popular products.
 */
export async function searchProducts(
  db: Kysely<Database>,
  query: ProductListQuery,
  options: { countCap?: number } = {},
): Promise<ProductPage> {
  const cap = options.countCap ?? COUNT_CAP;
  let l = await resolveListing(db, query);
  let page = await listingPage(db, l, cap);
  if (page.total === 0 && l.terms?.units && l.terms.units.length > 1 && l.categoryIds?.length !== 0) {
    const all = l.terms;
    const found = (await unitsFoundQuery(l).execute(db)).rows.map((r) => r.i).sort((a, b) => a - b);
    for (let keep = found; keep.length > 0; keep = keep.slice(0, -1)) {
      const fewer: Listing = { ...l, terms: withUnits(all, keep) };
      const tried = await listingPage(db, fewer, cap);
      if (tried.total > 0) {
        l = fewer;
        page = { ...tried, relaxed_query: keep.map((i) => all.units![i]!.label).join(' ') };
        break;
      }
    }
  }
  const facets = query.facets?.includes('categories') ? { categories: await categoryFacets(db, l) } : undefined;
  if (facets) page = { ...page, facets };
  if (l.terms?.corrected) page = { ...page, corrected_query: l.terms.corrected };
  if (l.terms && page.total === 0 && query.page === 1 && query.status === 'active' && query.vendor === undefined) {
    page = { ...page, popular: await withCategories(db, (await popularQuery().execute(db)).rows) };
  }
  return page;
}

async function listingPage(db: Kysely<Database>, l: Listing, cap: number): Promise<ProductPage> {
  if (l.categoryIds?.length === 0) return emptyPage(l);
  const { page, page_size } = l.query;
  const offset = (page - 1) * page_size;
  const rows = (await pageQuery(l, cap).execute(db)).rows;
  const has_next = rows.length > page_size;
  const shown = rows.slice(0, page_size);

  let total: number;
  let total_is_lower_bound = false;
  if (!has_next && (shown.length > 0 || page === 1)) {
    // The last page tells the total by itself.
    total = offset + shown.length;
  } else {
    // A page past the end has no row to carry the count.
    const n = rows[0]?.matched ?? (await countQuery(l, cap).execute(db)).rows[0]!.n;
    if (n <= cap) total = n;
    else {
      total = Math.max(cap, offset + shown.length + (has_next ? 1 : 0));
      total_is_lower_bound = true;
    }
  }
  const items = shown.map((row) => productRowToProduct(row, row.category_refs, shopOf(row)));
  return { items, total, page, page_size, has_next, total_is_lower_bound };
}
